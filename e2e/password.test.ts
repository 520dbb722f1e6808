import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, expectHeading, logIn, logOut, openTab, settle, startApp } from './support/app.ts';

describe('changing the password', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a leader changes the password and logs in with the new one, not the old one', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto('/konto#adgangskode');
    await settle(page);

    // Checked in the browser first: the repeat must match.
    await page.getByLabel('Nuværende adgangskode').fill('Trekant-demo-2026');
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('En ny og lang adgangskode');
    await page.getByLabel('Gentag ny adgangskode').fill('En anden adgangskode');
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    const summary = page.locator('.error-summary');
    expect(await summary.textContent()).toContain('De to nye adgangskoder er ikke ens');
    // The summary takes focus, and its link takes the user to the field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await summary.getByRole('link', { name: 'De to nye adgangskoder er ikke ens' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('repeat-password');

    // Checked by the server: the current password is wrong. Its message lands at the field.
    await page.getByLabel('Nuværende adgangskode').fill('forkert-adgangskode');
    await page.getByLabel('Gentag ny adgangskode').fill('En ny og lang adgangskode');
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await expect.poll(() => page.locator('#current-password-error').textContent()).toContain('Den nuværende adgangskode er forkert');
    expect(await summary.textContent()).toContain('Den nuværende adgangskode er forkert');
    await expectAccessible(page, 'account, password errors');

    await page.getByLabel('Nuværende adgangskode').fill('Trekant-demo-2026');
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await page.getByRole('heading', { name: 'Din adgangskode er skiftet' }).waitFor();
    expect(await summary.count()).toBe(0);

    await logOut(page);

    // The old password no longer works; the server's message shows in the error summary.
    await page.getByLabel('E-mail').fill('leder@trekant.test');
    await page.getByLabel('Adgangskode', { exact: true }).fill('Trekant-demo-2026');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Forkert e-mail eller adgangskode');
    expect(page.url()).toContain('/login');
    await expectAccessible(page, 'login, wrong password');

    await logIn(page, 'leder@trekant.test', 'En ny og lang adgangskode');
    await expectHeading(page, 'Goddag, Leder, Tryghed og Kriminalitetsforebyggelse');
    expectNoProblems();
  });
});
