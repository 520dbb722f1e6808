/**
 * The public page of a published action plan: rendered on the server, so it reads with
 * JavaScript off; in DKFDS's look with its own assets under the CSP; accessible (axe, WCAG 2.1
 * A/AA); the same for everyone, with no session and no cookie; and a 404 page where there is
 * no published plan. The seed publishes Ishøj's plan (municipality code 183).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISHOJ_EFFORTS, ISHOJ_TRIANGLE_LABELS } from '../seeds/efforts-ishoj.ts';
import { type App, expectAccessible, openTab, screenshot, startApp } from './support/app.ts';

const PLAN = '/offentlig/183/handlingsplan';
const SECTIONS = ['Grundlag', 'Formål', 'Målgruppe', 'Organisering', 'Strategi', 'Mål', 'Indsatser'];
const LEVELS = [
  ['general', ISHOJ_TRIANGLE_LABELS.general],
  ['targeted', ISHOJ_TRIANGLE_LABELS.targeted],
  ['individual', ISHOJ_TRIANGLE_LABELS.individual],
] as const;

/** A browser context with JavaScript switched off, watching for CSP violations and failed loads. */
async function openWithoutJavaScript(app: App): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await app.browser.newContext({
    baseURL: app.server.url,
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  // Every stylesheet, font and icon the page asks for must be there.
  page.on('response', (response) => {
    if (response.url().includes('/offentlig/assets/') && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  // A load cut short by the next navigation (ERR_ABORTED) is no fault of the page.
  page.on('requestfailed', (request) => {
    if (!/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return { context, page, problems };
}

const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((t) => t.trim());

describe('the public action plan', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reads with JavaScript off: the heading, the sections in order and the efforts of each level', async () => {
    const { context, page, problems } = await openWithoutJavaScript(app);
    const response = await page.goto(PLAN);
    expect(response?.status()).toBe(200);

    // DKFDS header: the municipality and the plan; one h1.
    expect((await page.locator('header .authority-name').textContent())?.trim()).toBe('Ishøj Kommune');
    expect((await page.locator('header .solution-heading').textContent())?.trim()).toMatch(/^Lokal handlingsplan for tryghed og kriminalitetsforebyggelse \d{4}$/);
    expect(await page.locator('h1').count()).toBe(1);
    expect((await page.locator('h1#page-heading').textContent())?.trim()).not.toBe('');
    expect(await page.title()).toMatch(/– Ishøj Kommune$/);

    // The table of contents links to each section, in order, and each is there.
    expect(await texts(page, 'nav.anchorbox .anchorlist a')).toEqual(SECTIONS);
    expect(await texts(page, 'main section.plan-section > h2')).toEqual(SECTIONS);
    for (const href of await page.locator('nav.anchorbox .anchorlist a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
      expect(await page.locator(href).count(), href).toBe(1);
    }

    // The organisation on its three levels, members by function in tables with header cells.
    expect(await page.locator('#organisering h3').count()).toBe(3);
    expect(await page.locator('#organisering table').count()).toBeGreaterThan(0);
    expect(await page.locator('#organisering table thead th[scope="col"]').first().textContent()).toBe('Funktion');

    // Efforts: each level under Ishøj's own word for it, with the seeded efforts of that level.
    const shown: string[] = [];
    for (const [level, label] of LEVELS) {
      expect((await page.locator(`#indsatser-${level}`).textContent())?.trim()).toBe(label);
      const titles = await texts(page, `[aria-labelledby="indsatser-${level}"] table tbody th[scope="row"]`);
      expect(titles.length, `efforts on the level ${label}`).toBeGreaterThan(0);
      const seeded = ISHOJ_EFFORTS.filter((e) => e.level === level).map((e) => e.title);
      for (const title of titles) expect(seeded, `${title} is a seeded effort of the level ${label}`).toContain(title);
      // Each title links to its goals and indicators further down.
      for (const href of await page.locator(`[aria-labelledby="indsatser-${level}"] table tbody th a`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        expect(await page.locator(`${href} h4`).count(), href).toBe(1);
      }
      shown.push(...titles);
    }
    expect(shown).toContain('SSP-koordinering');
    // The seed's amounts are demo data, which the public never sees (#9.11): no budget column,
    // no amount, and a note that the budgets are not published yet.
    expect(await page.locator('#indsatser th', { hasText: 'Budget' }).count()).toBe(0);
    expect(await page.locator('#indsatser').textContent()).not.toMatch(/kr\.|\(demo\)/);
    expect(await page.locator('.plan-money-note').textContent()).toContain('Budgetterne er ikke offentliggjort endnu');

    // The footer: version, approval, publication, accessibility statement.
    const footer = (await page.locator('footer').textContent()) ?? '';
    expect(footer).toMatch(/Version \d+/);
    expect(footer).toMatch(/Offentliggjort d\. \d{1,2}\.\d{1,2}\.\d{4}/);
    expect(await page.locator('footer a[href="/tilgaengelighed"]').textContent()).toBe('Tilgængelighedserklæring');

    // No script element at all, and DKFDS's stylesheets applied (the header is laid out by them).
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('[style]').count()).toBe(0);
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/IBM Plex Sans/);
    // The tables' captions are for screen readers only: DKFDS's sr-only hides them from view.
    expect(await page.locator('#indsatser table caption').first().evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
    expect(problems).toEqual([]);
    await screenshot(page, 'public-plan-no-js');
    await context.close();
  });

  it('passes axe on the plan and on the page without a plan, with DKFDS fonts and no CSP violation', async () => {
    // axe needs script to run, so it runs in a JavaScript context on the same server-rendered page.
    const { page, expectNoProblems } = await openTab(app);
    const assetErrors: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/offentlig/assets/') && response.status() >= 400) assetErrors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(PLAN);
    await expectAccessible(page, 'public action plan');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/IBM Plex Sans/);
    // DKFDS's font loads from our assets (the CSP allows fonts from 'self' only).
    const loaded = await page.evaluate(async () => (await document.fonts.load('16px "IBM Plex Sans"')).map((face) => face.status));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((status) => status === 'loaded')).toBe(true);
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(2);

    // On a phone the wide tables scroll inside a focusable region, not the page.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'public-plan-phone');
    await expectAccessible(page, 'public action plan on a phone');

    const notFound = await page.goto('/offentlig/9999/handlingsplan');
    expect(notFound?.status()).toBe(404);
    await expectAccessible(page, 'no published plan');
    expect(assetErrors).toEqual([]);
    expectNoProblems();
  });

  it('answers an unknown code, a code that is no number and a municipality without a published plan with a 404 page', async () => {
    const { context, page, problems } = await openWithoutJavaScript(app);
    for (const code of ['9999', 'abc']) {
      const response = await page.goto(`/offentlig/${code}/handlingsplan`);
      expect(response?.status(), code).toBe(404);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      expect((await page.locator('h1').textContent())?.trim()).toBe('Der er ingen offentliggjort handlingsplan');
      expect(await page.locator('header .authority-name').count()).toBe(0);
    }
    // Albertslund (165) is in the reference data, without a plan.
    const response = await page.goto('/offentlig/165/handlingsplan');
    expect(response?.status()).toBe(404);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Der er ingen offentliggjort handlingsplan');
    expect(await page.locator('main').textContent()).toContain('Albertslund Kommune har ikke offentliggjort');
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('needs no session and sets no cookie: the same page for everyone, safe to cache', async () => {
    const anonymous = await fetch(app.server.url + PLAN);
    const body = await anonymous.text();
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(anonymous.headers.getSetCookie()).toEqual([]);
    expect(anonymous.headers.get('vary') ?? '').not.toMatch(/cookie|authorization/i);
    expect(anonymous.headers.get('cache-control') ?? '').not.toMatch(/private|no-store/);
    // The CSP is the app's own: no script from anywhere but the site, and the page has none.
    expect(anonymous.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(body.startsWith('<!doctype html>')).toBe(true);
    expect(body).not.toMatch(/<script|\sstyle=/i);

    // A signed-in administrator gets the very same document, and no cookie either.
    const admin = await app.server.loginAs('administrator@trekant.test');
    const signedIn = await admin.get(PLAN);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.getSetCookie()).toEqual([]);
    expect(signedIn.text).toBe(body);

    // The 404 page and the assets set no cookie either.
    const missing = await fetch(`${app.server.url}/offentlig/9999/handlingsplan`);
    expect(missing.status).toBe(404);
    expect(missing.headers.getSetCookie()).toEqual([]);
    const stylesheets = [...body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect(stylesheets).toHaveLength(2);
    for (const href of stylesheets) {
      const css = await fetch(app.server.url + href);
      expect(css.status, href).toBe(200);
      expect(css.headers.get('content-type'), href).toMatch(/^text\/css/);
      expect(css.headers.getSetCookie(), href).toEqual([]);
      expect(css.headers.get('cache-control'), href).toMatch(/public/);
    }
    // Only DKFDS's stylesheet, fonts and icons are served from its folder: not its script or sources.
    expect((await fetch(`${app.server.url}/offentlig/assets/dkfds/js/dkfds.min.js`)).status).toBe(404);
    expect((await fetch(`${app.server.url}/offentlig/assets/dkfds/scss/dkfds.scss`)).status).toBe(404);
  });
});
