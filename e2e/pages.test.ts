import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, expectHeading, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

describe('pages', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves index.html under the strict CSP, with no inline script', async () => {
    const response = await fetch(`${app.server.url}/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/src="\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
  });

  it('the login form shows the error summary with links to the fields', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await page.goto('/login');
    await settle(page);
    await page.getByRole('button', { name: 'Log ind' }).click();
    const summary = page.locator('.error-summary');
    expect(await summary.getByRole('heading').textContent()).toBe('Der er problemer');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Skriv din e-mail', 'Skriv din adgangskode']);
    expect(await page.locator('#email').getAttribute('aria-describedby')).toBe('email-error');
    await summary.getByRole('link', { name: 'Skriv din adgangskode' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await expectAccessible(page, 'login with errors');
    await screenshot(page, 'login-errors');
    expectNoProblems();
  });

  it('public pages: the accessibility statement, and a page that does not exist', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await page.goto('/login');
    await settle(page);
    await page.getByRole('link', { name: 'Tilgængelighedserklæring' }).click();
    await page.waitForURL(/\/tilgaengelighed$/);
    await expectHeading(page, 'Tilgængelighedserklæring');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('WCAG 2.1');
    expect(text).toContain('Digitaliseringsstyrelsen');
    expect(text).toContain('Fortæl os om problemer');
    expect(await page.title()).toBe('Tilgængelighedserklæring – Trekant');
    await expectAccessible(page, 'accessibility statement (signed out)');

    // Signed-in users reach other addresses only after login; an unknown one says so.
    await logIn(page, 'analytiker@trekant.test');
    await page.goto('/findes-ikke');
    await settle(page);
    await expectHeading(page, 'Siden findes ikke');
    await expectAccessible(page, 'not found');
    await page.goto('/tilgaengelighed');
    await settle(page);
    await expectAccessible(page, 'accessibility statement (signed in)');
    expectNoProblems();
  });

  it('front page and landmarks for an administrator; modules not built yet are named, not linked', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await settle(page);
    await expectHeading(page, 'Goddag, Systemadministrator');
    expect(await page.getByText('Du arbejder i Ishøj Kommune som administrator.').isVisible()).toBe(true);
    expect(await page.locator('header.header').count()).toBe(1);
    expect(await page.locator('main#main-content').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    expect(await page.locator('main a.card .card-heading').allTextContents()).toEqual(['Min konto', 'Brugere', 'Krav om anden faktor', 'Revisionslog', 'Formål', 'Udbakke', 'Organisation og fora', 'Indsatser', 'Handlingsplan']);
    expect(await page.getByRole('heading', { name: 'Moduler på vej' }).isVisible()).toBe(true);
    for (const name of ['Møder', 'Sager', 'Gadeplan', 'Indsigt']) {
      expect(await page.locator('main').getByText(name, { exact: true }).count(), name).toBe(1);
      expect(await page.getByRole('link', { name }).count(), name).toBe(0);
    }
    await expectAccessible(page, 'front page (administrator)');
    await screenshot(page, 'front-page');

    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Organisation og fora', 'Indsatser', 'Handlingsplan', 'Administration']);
    await page.goto('/moeder');
    await settle(page);
    await expectHeading(page, 'Siden findes ikke');
    expectNoProblems();
  });

  it('an administrator creates a user, with errors first, and blocks them after a confirmation', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/admin/brugere');
    await settle(page);
    await page.getByRole('link', { name: 'Opret bruger' }).click();
    await page.waitForURL(/\/admin\/brugere\/opret$/);
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    const summary = page.locator('.error-summary');
    expect(await summary.getByRole('link').count()).toBe(4);
    await expectAccessible(page, 'create user, errors');

    await page.getByLabel('Navn').fill('Ny SSP-konsulent');
    await page.getByLabel('E-mail').fill('konsulent@trekant.test');
    await page.getByLabel('Første adgangskode').fill('Trekant-ny-bruger-2026');
    await page.getByLabel('Konsulent', { exact: true }).check();
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    // The server refuses a taken e-mail; its message lands at the field.
    await expect.poll(() => page.locator('#user-email-error').textContent()).toContain('Der findes allerede en bruger med denne e-mail');

    await page.getByLabel('E-mail').fill('ssp@trekant.test');
    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await page.waitForURL(/\/admin\/brugere\/[0-9a-f-]{36}$/);
    await settle(page);
    await expectHeading(page, 'Ny SSP-konsulent');
    expect(await page.getByRole('heading', { name: 'Brugeren er oprettet' }).isVisible()).toBe(true);

    await page.getByLabel('Spær brugeren').check();
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vil du spærre Ny SSP-konsulent?' });
    await dialog.waitFor();
    await expectAccessible(page, 'confirmation dialog');
    await screenshot(page, 'confirm-dialog');
    await dialog.getByRole('button', { name: 'Ja, spær brugeren' }).click();
    await page.getByRole('heading', { name: 'Ændringerne er gemt' }).waitFor();
    await page.goto('/admin/brugere');
    await settle(page);
    const row = page.locator('tr', { hasText: 'ssp@trekant.test' });
    expect(await row.textContent()).toContain('Spærret');
    expectNoProblems();
  });

  it('a leader sees users but cannot change them, and has no audit log', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/admin\/brugere$/);
    await settle(page);
    expect(await page.getByRole('link', { name: 'Opret bruger' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Administration' }).getByRole('link').allTextContents()).toEqual(['Brugere']);
    await page.getByLabel('Søg efter navn eller e-mail').fill('analy');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    expect(page.url()).toContain('q=analy');
    await page.getByRole('link', { name: 'Analytiker' }).click();
    // Wait for the user's page itself: right after the click the list may still be on screen.
    await expectHeading(page, 'Analytiker');
    await settle(page);
    expect(await page.getByText('Du kan se brugeren, men ikke ændre den.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Gem ændringer' }).count()).toBe(0);
    await expectAccessible(page, "a user's page (read only)");

    await page.goto('/admin/revisionslog');
    await settle(page);
    await expectHeading(page, 'Du har ikke adgang til siden');
    await expectAccessible(page, 'forbidden');
    expectNoProblems();
  });

  it('works on a 360 px phone: the menu opens as a drawer and closes with Escape', async () => {
    const { page, expectNoProblems } = await openTab(app, { viewport: { width: 360, height: 740 } });
    await logIn(page, 'gadeplan@trekant.test');
    await settle(page);
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).isVisible()).toBe(false);
    await expectAccessible(page, 'front page (phone)');
    const open = page.getByRole('button', { name: 'Menu' });
    await open.click();
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await drawer.waitFor();
    expect(await drawer.getByRole('link', { name: 'Indsatser' }).isVisible()).toBe(true);
    expect(await drawer.getByRole('button', { name: 'Log af' }).isVisible()).toBe(true);
    await screenshot(page, 'phone-menu');
    await expectAccessible(page, 'phone menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
    await open.click();
    await drawer.getByRole('link', { name: 'Indsatser' }).click();
    await page.waitForURL(/\/indsatser$/);
    await expectHeading(page, 'Indsatser');
    await expect.poll(() => drawer.count()).toBe(0);
    // Nothing sticks out sideways at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expectNoProblems();
  });

  it('a user with roles in two municipalities switches between them from the header', async () => {
    // A second municipality where the administrator is only a consultant.
    const { db } = app.server.database;
    // Brøndby lies in Ishøj's police district; the reference data loads it.
    const other = await db.selectFrom('municipalities').select('id').where('code', '=', 153).executeTakeFirstOrThrow();
    const admin = await db.selectFrom('users').select('id').where('email', '=', 'administrator@trekant.test').executeTakeFirstOrThrow();
    await db.insertInto('memberships').values({ user_id: admin.id, municipality_id: other.id, role: 'consultant' }).execute();

    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await settle(page);
    // The session starts in one of the two; switch to the other and back.
    const names = { ishoj: 'Ishøj Kommune', brondby: 'Brøndby Kommune' };
    const current = async () => ((await page.locator('.portal-name').textContent()) ?? '').includes(names.brondby) ? 'brondby' : 'ishoj';
    const switchTo = async (target: 'ishoj' | 'brondby') => {
      await page.getByLabel('Du arbejder i').selectOption({ label: names[target] });
      await page.getByRole('button', { name: 'Skift kommune' }).click();
      await expect.poll(current).toBe(target);
    };
    await expectAccessible(page, 'front page with municipality switch');
    if ((await current()) === 'ishoj') await switchTo('brondby');
    await expect.poll(() => page.getByText('Du arbejder i Brøndby Kommune som konsulent.').isVisible()).toBe(true);
    // A consultant there has no administration.
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await switchTo('ishoj');
    await expect.poll(() => page.getByText('Du arbejder i Ishøj Kommune som administrator.').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Du arbejder i').inputValue()).not.toBe(other.id);
    expectNoProblems();
  });
});
