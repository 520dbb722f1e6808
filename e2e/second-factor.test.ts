import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../server/platform/auth/totp.ts';
import { type App, expectAccessible, expectHeading, logIn, logOut, openTab, screenshot, settle, startApp } from './support/app.ts';

describe('second factor', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a consultant enrols a TOTP second factor, logs out, and logs in again with a code', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await page.goto('/');
    await page.waitForURL(/\/login\?next=/);
    await expectAccessible(page, 'login');

    await logIn(page, 'konsulent@trekant.test');
    await expectHeading(page, 'Goddag, Proaktiv kriminalpræventiv konsulent');
    await expectAccessible(page, 'front page');

    await page.goto('/konto#anden-faktor');
    await settle(page);
    await expectAccessible(page, 'account');
    await page.getByRole('button', { name: 'Opret anden faktor' }).click();
    const secretText = await page.locator('#totp-secret').textContent();
    const secret = (secretText ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = page.getByRole('img', { name: /QR-kode til godkendelsesappen/ });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    // The QR code really rendered (CSP allows data: images).
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(page, 'account, enrolment');
    await screenshot(page, 'enrolment');

    // A wrong code is refused at the field, with the error summary.
    await page.getByLabel('Kode fra appen').fill('000000');
    await page.getByRole('button', { name: 'Bekræft og slå til' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Koden er forkert eller udløbet');
    expect(await page.locator('#totp-code').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Kode fra appen').fill(currentTotpCode(secret));
    await page.getByRole('button', { name: 'Bekræft og slå til' }).click();
    const codes = page.locator('.recovery-code-list li');
    await expect.poll(() => codes.count()).toBe(10);
    expect(await page.getByRole('heading', { name: 'Gem dine gendannelseskoder nu' }).isVisible()).toBe(true);
    const recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    expect(new Set(recoveryCodes).size).toBe(10);
    await expectAccessible(page, 'account, recovery codes');
    await page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    await expect.poll(() => page.getByText('Anden faktor er slået til.').isVisible()).toBe(true);

    await logOut(page);

    // Logging in again now asks for the second factor.
    await page.getByLabel('E-mail').fill('konsulent@trekant.test');
    await page.getByLabel('Adgangskode', { exact: true }).fill('Trekant-demo-2026');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(/\/login\/anden-faktor/);
    await expectHeading(page, 'Bekræft, at det er dig');
    await expectAccessible(page, 'second factor');

    await page.getByLabel('Kode', { exact: true }).fill('123');
    await page.getByRole('button', { name: 'Bekræft' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Koden skal være mindst 6 tegn');
    await expectAccessible(page, 'second factor, error summary');

    // Each code works once: the one that confirmed the enrolment is spent, so the next one.
    await page.getByLabel('Kode', { exact: true }).fill(currentTotpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Bekræft' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'Goddag, Proaktiv kriminalpræventiv konsulent');

    // A recovery code works once, instead of the app.
    await logOut(page);
    await logIn(page, 'konsulent@trekant.test');
    expect(page.url()).toContain('/login/anden-faktor');
    await page.getByLabel('Kode', { exact: true }).fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Bekræft' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Strangers' wrong passwords slow the account down; its owner gets in at once with a code.
    await logOut(page);
    for (let i = 0; i < 5; i++) expect((await app.server.client().post('/api/auth/login', { email: 'konsulent@trekant.test', password: `forkert-gæt-${i}` })).status).toBe(401);
    await page.getByLabel('E-mail').fill('konsulent@trekant.test');
    await page.getByLabel('Adgangskode', { exact: true }).fill('Trekant-demo-2026');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('.error-summary').textContent()).toContain('sende din kode');
    await expectAccessible(page, 'login, slowed down');
    await page.getByLabel('Kode fra din anden faktor').fill(recoveryCodes[1]);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'Goddag, Proaktiv kriminalpræventiv konsulent');
    expectNoProblems();
  });

  it('a role that requires a second factor is sent to enrolment after login', async () => {
    const admin = await app.server.loginAs('administrator@trekant.test');
    const policy = await admin.put('/api/admin/second-factor-policy', { requiredForRoles: ['analyst'] });
    expect(policy.status).toBe(200);

    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'analytiker@trekant.test');
    await page.waitForURL(/\/konto/);
    expect(await page.getByRole('heading', { name: 'Din rolle kræver anden faktor' }).isVisible()).toBe(true);
    // No main menu until the second factor is in place, and other pages lead back here.
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).count()).toBe(0);
    await page.goto('/indsatser');
    await page.waitForURL(/\/konto/);
    await expectAccessible(page, 'account, enrolment required');

    await page.getByRole('button', { name: 'Opret anden faktor' }).click();
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Kode fra appen').fill(currentTotpCode(secret));
    await page.getByRole('button', { name: 'Bekræft og slå til' }).click();
    await expect.poll(() => page.locator('.recovery-code-list li').count()).toBe(10);
    await page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    // Now fully signed in: the menu appears and the rest of the account page with it.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).waitFor();
    await page.getByRole('heading', { name: 'Sessioner' }).waitFor();
    await page.getByRole('link', { name: 'Indsatser' }).first().click();
    await expectHeading(page, 'Indsatser');
    expectNoProblems();
  });
});
