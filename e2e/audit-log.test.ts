import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, expectHeading, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

describe('audit log', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an administrator filters the audit log by an action, pages through it and exports an access log', async () => {
    // Enough rows for more than one page: each users list read is logged.
    const admin = await app.server.loginAs('administrator@trekant.test');
    for (let i = 0; i < 30; i++) expect((await admin.get('/api/admin/users')).status).toBe(200);

    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/admin\/brugere$/);
    await settle(page);
    await expectHeading(page, 'Brugere');
    expect(await page.locator('table tbody tr').count()).toBe(8);
    await expectAccessible(page, 'admin users');

    await page.getByRole('link', { name: 'Gadeplansmedarbejder' }).click();
    await settle(page);
    await expectHeading(page, 'Gadeplansmedarbejder');
    expect(await page.getByText('gadeplan@trekant.test').isVisible()).toBe(true);
    await expectAccessible(page, "a user's page");

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Revisionslog' }).click();
    await page.waitForURL(/\/admin\/revisionslog/);
    await settle(page);
    await expectHeading(page, 'Revisionslog');
    await expectAccessible(page, 'audit log');

    await page.getByLabel('Handling').selectOption({ label: 'Bruger oprettet' });
    await page.getByRole('button', { name: 'Vis hændelser' }).click();
    await page.waitForURL(/action=user\.created/);
    await settle(page);
    const rows = page.locator('#audit-table tbody tr');
    // The seed created the eight demo users.
    expect(await rows.count()).toBe(8);
    for (const text of await rows.locator('td:nth-child(2)').allTextContents()) expect(text).toContain('Bruger oprettet');
    expect(await page.locator('.rows-message').textContent()).toBe('Viser 1–8 af 8 hændelser');
    // Dates as d.m.yyyy kl. hh.mm.
    expect(await rows.first().locator('td').first().textContent()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{2}\.\d{2}$/);
    await screenshot(page, 'audit-log');

    // The filter lives in the address, so it survives a reload.
    await page.reload();
    await settle(page);
    expect(await page.getByLabel('Handling').inputValue()).toBe('user.created');
    expect(await rows.count()).toBe(8);

    // Another action, and pagination with the page in the address.
    await page.getByLabel('Handling').selectOption({ label: 'Brugerliste vist' });
    await page.getByRole('button', { name: 'Vis hændelser' }).click();
    await page.waitForURL(/action=user\.list_read/);
    await settle(page);
    expect(await rows.count()).toBe(25);
    await page.getByRole('navigation', { name: 'Sider' }).getByRole('link', { name: 'Næste' }).click();
    await page.waitForURL(/page=2/);
    await settle(page);
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.rows-message').textContent()).toMatch(/^Viser 26–\d+ af \d+ hændelser$/);
    await page.reload();
    await settle(page);
    expect(await page.locator('.rows-message').textContent()).toMatch(/^Viser 26–/);
    await expectAccessible(page, 'audit log, page 2');

    // A filter that finds nothing says so, and offers a way back.
    await page.goto('/admin/revisionslog?action=account.token_revoked');
    await settle(page);
    expect(await page.getByText('Ingen hændelser passer til filtrene.').isVisible()).toBe(true);

    // One person's access log as CSV.
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Gadeplansmedarbejder (gadeplan@trekant.test)' });
    // The purpose is chosen from the list, not written.
    await page.getByRole('button', { name: 'Lav udtræk' }).click();
    expect(await page.getByRole('link', { name: 'Vælg formålet med udtrækket' }).isVisible()).toBe(true);
    await page.getByLabel('Formål med udtrækket').selectOption({ label: 'Indsigt efter databeskyttelsesforordningens art. 15' });
    await page.getByRole('button', { name: 'Lav udtræk' }).click();
    const link = page.getByRole('link', { name: 'Hent adgangslog (CSV)' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/audit\/subject-access\.csv\?subjectId=[0-9a-f-]{36}&purpose=subject_access$/);
    expect(await link.getAttribute('download')).not.toBeNull();
    const csv = await page.request.get(href as string);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain('log-id');
    expect(body).toContain('Opslag;Brugeradministration;user_administration');
    await expectAccessible(page, 'audit log, export ready');

    // The log shows the export's purpose in words, with its code.
    await page.goto('/admin/revisionslog?action=audit.subject_access_exported');
    await settle(page);
    const purposeCell = page.locator('#audit-table tbody tr').first().locator('td:nth-child(5)');
    expect(await purposeCell.textContent()).toContain('Indsigt efter databeskyttelsesforordningens art. 15');
    expect(await purposeCell.locator('.audit-purpose-code').textContent()).toBe('subject_access');
    expectNoProblems();
  });

  it("an administrator adds the municipality's own purpose, which the export offers, and retires it", async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/admin/brugere');
    await settle(page);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Formål' }).click();
    await page.waitForURL(/\/admin\/formaal$/);
    await settle(page);
    await expectHeading(page, 'Formål med opslag');
    const rows = page.locator('#purposes-table tbody tr');
    expect(await rows.filter({ hasText: 'user_administration' }).locator('td').first().textContent()).toBe('Brugeradministration');
    // A purpose the sources do not name is marked as assumed.
    expect(await rows.filter({ hasText: 'audit_review' }).getByRole('button', { name: 'antaget' }).isVisible()).toBe(true);
    await expectAccessible(page, 'read purposes');

    await page.getByLabel('Kode').fill('Skolemøde');
    await page.getByRole('button', { name: 'Tilføj formål' }).click();
    expect(await page.getByRole('link', { name: /^Skriv en kode på 3–40 tegn/ }).isVisible()).toBe(true);
    await page.getByLabel('Kode').fill('school_meeting');
    await page.getByLabel('Dansk betegnelse').fill('Forberedelse af skolemøde');
    await page.getByLabel('Engelsk betegnelse').fill('Preparing a school meeting');
    await page.getByRole('button', { name: 'Tilføj formål' }).click();
    await page.getByRole('heading', { name: 'Formålet »Forberedelse af skolemøde« er tilføjet' }).waitFor();
    await rows.filter({ hasText: 'school_meeting' }).waitFor();
    expect(await rows.filter({ hasText: 'school_meeting' }).locator('td:nth-child(4)').textContent()).toBe('Kommunens egen');

    await page.goto('/admin/revisionslog');
    await settle(page);
    const options = await page.getByLabel('Formål med udtrækket').locator('option').allTextContents();
    expect(options).toContain('Forberedelse af skolemøde');

    await page.goto('/admin/formaal');
    await settle(page);
    await rows.filter({ hasText: 'school_meeting' }).getByRole('button', { name: 'Lad udgå' }).click();
    await page.getByRole('heading', { name: 'Formålet »Forberedelse af skolemøde« er udgået' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#purposes-table')?.textContent?.includes('Udgået'));
    expect(await rows.filter({ hasText: 'school_meeting' }).locator('td:nth-child(4)').textContent()).toBe('Udgået');
    await page.goto('/admin/revisionslog');
    await settle(page);
    expect(await page.getByLabel('Formål med udtrækket').locator('option').allTextContents()).not.toContain('Forberedelse af skolemøde');
    expectNoProblems();
  });

  it('the second factor policy page saves the roles that must use a second factor', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/admin/anden-faktor');
    await settle(page);
    await expectHeading(page, 'Krav om anden faktor');
    await expectAccessible(page, 'second factor policy');
    await page.getByLabel('Gadeplansmedarbejder').check();
    await page.getByRole('button', { name: 'Gem krav' }).click();
    await page.getByRole('heading', { name: 'Kravet om anden faktor er gemt' }).waitFor();
    const policy = await (await app.server.loginAs('administrator@trekant.test')).get<{ requiredForRoles: string[] }>('/api/admin/second-factor-policy');
    expect(policy.body.requiredForRoles).toContain('street_worker');
    await page.reload();
    await settle(page);
    expect(await page.getByLabel('Gadeplansmedarbejder').isChecked()).toBe(true);
    expectNoProblems();
  });
});
