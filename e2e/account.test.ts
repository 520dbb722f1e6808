import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

describe('my account', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('changes the name, creates an API token shown once, revokes it, and ends another session', async () => {
    // Another session of the same user, as if from a second browser.
    const elsewhere = await app.server.loginAs('gadeplan@trekant.test');

    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'gadeplan@trekant.test');
    await page.goto('/konto');
    await settle(page);

    await page.getByLabel('Navn', { exact: true }).fill('Gadeplansmedarbejder, nat');
    await page.getByRole('button', { name: 'Gem navn og sprog' }).click();
    await page.getByRole('heading', { name: 'Dit navn og sprog er gemt' }).waitFor();
    await expect.poll(() => page.locator('.portal-user .user-link').textContent()).toBe('Gadeplansmedarbejder, nat');

    // API tokens: none yet, then one, shown once.
    expect(await page.getByText('Du har ingen API-nøgler.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Opret API-nøgle' }).click();
    expect(await page.locator('#token-name-error').textContent()).toContain('Giv nøglen et navn');
    await page.getByLabel('Nøglens navn').fill('Rapport til styregruppen');
    await page.getByRole('button', { name: 'Opret API-nøgle' }).click();
    const token = ((await page.locator('#new-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^trk_/);
    const table = page.getByRole('group', { name: 'Dine API-nøgler' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.textContent()).toContain('Rapport til styregruppen');
    // The token works against the API with the rights it was given.
    const viaToken = await fetch(`${app.server.url}/api/me/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.status).toBe(200);
    await expectAccessible(page, 'account, token created');
    await screenshot(page, 'account-token');

    await table.getByRole('button', { name: /Tilbagekald/ }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Vil du tilbagekalde API-nøglen?' });
    await revokeDialog.getByRole('button', { name: 'Tilbagekald' }).click();
    await expect.poll(() => page.getByText('Du har ingen API-nøgler.').isVisible()).toBe(true);
    expect((await fetch(`${app.server.url}/api/me/tokens`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    // Sessions: this one and the other; end the other.
    const sessions = page.getByRole('group', { name: 'Dine sessioner' });
    await expect.poll(() => sessions.locator('tbody tr').count()).toBe(2);
    expect(await sessions.getByText('Denne session').count()).toBe(1);
    expect(await sessions.locator('tbody tr').first().locator('td').nth(2).textContent()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{2}\.\d{2}$/);
    await sessions.getByRole('button', { name: /^Log ud/ }).click();
    const endDialog = page.getByRole('dialog', { name: 'Vil du logge sessionen ud?' });
    await endDialog.getByRole('button', { name: 'Log ud' }).click();
    await expect.poll(() => sessions.locator('tbody tr').count()).toBe(1);
    expect((await elsewhere.get('/api/me')).status).toBe(401);

    // Log out everywhere ends this session too.
    await page.getByRole('button', { name: 'Log ud alle steder' }).click();
    await page.getByRole('dialog', { name: 'Vil du logge ud alle steder?' }).getByRole('button', { name: 'Log ud alle steder' }).click();
    await page.waitForURL(/\/login$/);
    // The login page renders after the address changes: wait for its heading, not a glance.
    await page.getByRole('heading', { name: 'Du er logget af' }).waitFor({ state: 'visible' });
    await page.goto('/konto');
    await page.waitForURL(/\/login\?next=%2Fkonto/);
    expectNoProblems();
  });
});
