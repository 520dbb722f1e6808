import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, expectHeading, openTab, settle, startApp } from './support/app.ts';

describe('language', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('switches to English before login, keeps it after login and reload, and server messages follow', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await page.goto('/login');
    await settle(page);
    await expectHeading(page, 'Log ind');

    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Log in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Accessibility statement' }).isVisible()).toBe(true);

    // The server answers in English too.
    await page.getByLabel('E-mail').fill('partner@trekant.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Wrong e-mail or password');
    expect(await page.locator('.error-summary h2').textContent()).toBe('There are problems');
    await expectAccessible(page, 'login in English');

    await page.getByLabel('Password').fill('Trekant-demo-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await settle(page);
    await expectHeading(page, 'Hello, Lokalbetjent, Vestegnens Politi');
    expect(await page.getByText('You work in Ishøj Municipality in the role of partner.').isVisible()).toBe(true);
    // A partner's menu holds what a partner can open: the action plan, not the efforts.
    const mainMenu = page.getByRole('navigation', { name: 'Main menu' });
    expect(await mainMenu.getByRole('link', { name: 'Action plan' }).isVisible()).toBe(true);
    expect(await mainMenu.getByRole('link', { name: 'Efforts' }).count()).toBe(0);

    // The choice was saved on the profile: it survives a reload and a new login.
    await page.reload();
    await settle(page);
    await expectHeading(page, 'Hello, Lokalbetjent, Vestegnens Politi');
    const me = await (await app.server.loginAs('partner@trekant.test')).get<{ user: { locale: string } }>('/api/me');
    expect(me.body.user.locale).toBe('en');

    await page.getByRole('link', { name: 'Lokalbetjent, Vestegnens Politi' }).click();
    await settle(page);
    await expectHeading(page, 'My account');
    expect(await page.getByRole('heading', { name: 'Name and language' }).isVisible()).toBe(true);
    await page.getByLabel('Current password').fill('wrong password');
    await page.getByLabel('New password', { exact: true }).fill('A brand new long password');
    await page.getByLabel('Repeat new password').fill('A brand new long password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('#current-password-error').textContent()).toContain('The current password is wrong');
    await expectAccessible(page, 'account in English');

    // And back to Danish with the same switch.
    await page.getByRole('button', { name: 'Dansk' }).click();
    await expectHeading(page, 'Min konto');
    await expect.poll(async () => (await (await app.server.loginAs('partner@trekant.test')).get<{ user: { locale: string } }>('/api/me')).body.user.locale).toBe('da');
    expectNoProblems();
  });
});
