/**
 * Organisation and forums in the browser: the matrix, the level diagram, a leader changing a
 * forum's members, a partner who sees only their own forums, editing the tree, search, level
 * names, and an import with row errors. Every page goes through axe.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TForum, TFunction, TOrganisationMap } from '../contracts/organisation.ts';
import type { ApiClient } from '../test/support/test-server.ts';
import { type App, expectAccessible, expectHeading, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

const PROACTIVE = 'Konsulent for proaktiv kriminalitetsforebyggelse';
const REACTIVE = 'Konsulent for reaktiv kriminalitetsforebyggelse';
const LEADER_NAME = 'Leder, Tryghed og Kriminalitetsforebyggelse';

/** The focused element, as a keyboard user would know it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', label: el?.getAttribute('aria-label') ?? '', text: (el?.textContent ?? '').trim() };
  });

/** Presses Tab until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (matches(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

/** The text of the matrix cell where a function's row meets a forum's column. */
function matrixCell(page: Page, functionTitle: string, organisation: string, forumName: string) {
  return page.evaluate(
    ([title, org, forum]) => {
      const table = document.querySelector('table.matrix');
      if (!table) return null;
      const forums = [...table.querySelectorAll('thead tr.matrix-head-forums th')].map((th) => th.textContent?.trim());
      const column = forums.indexOf(forum);
      const row = [...table.querySelectorAll('tbody tr')].find(
        (tr) => tr.querySelector('.matrix-function-title')?.textContent === title && tr.querySelector('.matrix-function-organisation')?.textContent?.startsWith(org),
      );
      if (column < 0 || !row) return null;
      // The first cell after the row header is the load; the forums follow.
      const cell = row.querySelectorAll('td')[1 + column];
      return { visible: cell.querySelector('[aria-hidden="true"]')?.textContent ?? '', spoken: cell.querySelector('.sr-only')?.textContent ?? '', text: cell.textContent ?? '' };
    },
    [functionTitle, organisation, forumName],
  );
}

const matrixRowTitles = (page: Page) => page.locator('table.matrix tbody .matrix-function-title').allTextContents();

async function xlsx(sheets: Record<string, string[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('organisation and forums', () => {
  let app: App;
  let admin: ApiClient;
  let forumId: (name: string) => string;
  beforeAll(async () => {
    app = await startApp();
    admin = await app.server.loginAs('administrator@trekant.test');
    const forums = (await admin.get<TForum[]>('/api/forums')).body;
    forumId = (name) => {
      const forum = forums.find((f) => f.name === name);
      if (!forum) throw new Error(`no forum ${name}`);
      return forum.id;
    };
  });
  afterAll(async () => {
    await app?.close();
  });

  const map = async () => (await admin.get<TOrganisationMap>('/api/organisation-map')).body;

  it('the forum matrix shows who sits where; its filter works by keyboard and survives a reload', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Organisation og fora' }).click();
    // Readers start at the tree.
    await page.waitForURL(/\/organisation\/trae$/);
    await expectHeading(page, 'Organisationstræ');
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Forummatrix' }).click();
    await page.waitForURL(/\/organisation\/forummatrix$/);
    await expectHeading(page, 'Forummatrix');
    await settle(page);

    // The memo: the proactive consultant sits in SSP-NU u18, the mayor in Kredsråd.
    expect(await matrixCell(page, PROACTIVE, 'Tryghed og Kriminalitetsforebyggelse', 'SSP-NU u18')).toEqual({ visible: 'M', spoken: 'Medlem', text: 'MMedlem' });
    expect((await matrixCell(page, 'Borgmester', 'Byrådet', 'Kredsråd'))?.spoken).toBe('Medlem');
    expect((await matrixCell(page, 'Borgmester', 'Byrådet', 'SSP-NU u18'))?.text).toBe('');
    expect((await matrixCell(page, 'Sekretær', 'Vestegnens Politi', 'Lokalråd'))?.spoken).toBe('Sekretær');
    // Forums are grouped under the municipality's names for the levels, strategic first.
    expect(await page.locator('table.matrix thead .matrix-level-head').allTextContents()).toEqual(['Strategisk niveau', 'Koordinerende niveau', 'Udførende niveau']);
    await expect.poll(() => page.getByText('Viser 32 af 32 funktioner').isVisible()).toBe(true);
    // The proactive consultant sits in six forums: a heavy load, said in words too.
    const proactiveRow = page.locator('table.matrix tbody tr', { has: page.getByText(PROACTIVE, { exact: true }) });
    expect(await proactiveRow.locator('.matrix-load-number').textContent()).toBe('6');
    expect(await proactiveRow.getByRole('img', { name: 'Tung belastning' }).count()).toBe(1);
    await expectAccessible(page, 'forum matrix');

    // Keyboard only: the text filter, then the scope line checkbox.
    const search = await tabTo(page, (f) => f.id === 'matrix-q');
    expect(search.id).toBe('matrix-q');
    await page.keyboard.type('konsulent');
    await expect.poll(() => matrixRowTitles(page)).toEqual(['Konsulent for kriminalitetsforebyggelse', PROACTIVE, REACTIVE]);
    await tabTo(page, (f) => f.id === 'matrix-in-scope', 5);
    await page.keyboard.press('Space');
    await expect.poll(() => matrixRowTitles(page)).toEqual([PROACTIVE, REACTIVE]);
    await expect.poll(() => page.getByText('Viser 2 af 32 funktioner').isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('?q=konsulent&skaerelinje=1');
    // Sorting by load puts the busiest first.
    await page.getByLabel('Sortér efter').selectOption({ label: 'Flest fora først' });
    await expect.poll(() => matrixRowTitles(page)).toEqual([PROACTIVE, REACTIVE]);
    expect(page.url()).toContain('sortering=belastning');

    await page.reload();
    await settle(page);
    expect(await page.getByLabel('Søg efter funktion eller organisation').inputValue()).toBe('konsulent');
    expect(await page.getByLabel('Kun funktioner inden for skærelinjen').isChecked()).toBe(true);
    expect(await matrixRowTitles(page)).toEqual([PROACTIVE, REACTIVE]);

    // The exports are links the browser downloads with the session.
    const csvHref = await page.getByRole('link', { name: 'Medlemmer af fora som CSV-fil' }).getAttribute('href');
    expect(csvHref).toBe('/api/organisation/export.csv?sheet=members');
    const csv = await page.request.get(csvHref as string);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('SSP-NU u18');
    expect(await page.getByRole('link', { name: 'Hele kortet som Excel-fil (XLSX)' }).getAttribute('href')).toBe('/api/organisation/export.xlsx');

    // As of a date before the memo, there was nothing; a date that does not exist is refused.
    await page.goto('/organisation/forummatrix');
    await settle(page);
    await page.getByLabel('Vis som det så ud den').fill('31.2.2023');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    expect(await page.locator('#as-of-date-error').textContent()).toContain('Skriv en dato, der findes');
    await page.getByLabel('Vis som det så ud den').fill('1.1.2023');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.waitForURL(/dato=2023-01-01/);
    await settle(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Du ser kortet, som det så ud ved udgangen af 1.1.2023' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Der var ingen fora eller funktioner på den dato.').isVisible()).toBe(true);
    await expectAccessible(page, 'forum matrix, empty as of a date');
    // The as-of date goes along to the other views.
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Organisationstræ' }).click();
    await page.waitForURL(/\/organisation\/trae\?dato=2023-01-01$/);
    await settle(page);
    await expect.poll(() => page.getByText('Kortet var tomt på den dato. Vælg en senere dato.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Vis kortet i dag' }).click();
    await page.waitForURL(/\/organisation\/trae$/);
    await settle(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Kommunens centre og enheder' }).isVisible()).toBe(true);
    expectNoProblems();
  });

  it('the matrix is readable on a tablet and usable on a phone', async () => {
    for (const viewport of [
      { width: 768, height: 1024 },
      { width: 360, height: 740 },
    ]) {
      const { page, expectNoProblems, context } = await openTab(app, { viewport });
      await logIn(page, 'konsulent@trekant.test');
      await page.goto('/organisation/forummatrix');
      await settle(page);
      await page.locator('table.matrix').waitFor();
      // The page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const fit = await page.locator('.matrix-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      if (viewport.width >= 768) {
        // On a tablet all eight forums fit beside the functions.
        expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      } else {
        // On a phone the table scrolls within its frame, the function column staying in view.
        expect(fit.scroll).toBeGreaterThan(fit.client);
        await page.locator('.matrix-scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        const stuck = await page.locator('table.matrix tbody th').first().evaluate((th) => th.getBoundingClientRect().left - (th.closest('.matrix-scroll') as HTMLElement).getBoundingClientRect().left);
        expect(Math.abs(stuck)).toBeLessThan(2);
      }
      await screenshot(page, `organisation-matrix-${viewport.width}`);
      await expectAccessible(page, `forum matrix at ${viewport.width} px`);
      expectNoProblems();
      await context.close();
    }
  });

  it('the level diagram links each forum to its page, by keyboard, and has the same as a table', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'styregruppe@trekant.test');
    await page.goto('/organisation/niveauer');
    await settle(page);
    await expectHeading(page, 'Niveaudiagram');
    const boxes = page.locator('svg.level-diagram-svg a.level-box');
    expect(await boxes.count()).toBe(8);
    // The police district's shared forums are marked.
    expect(await page.locator('a.level-box-district').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual([
      'Kredsråd, Politikreds · 13 medlemmer (Strategisk niveau)',
      'Chefforum, Politikreds · 12 medlemmer (Koordinerende niveau)',
    ]);
    // Reporting lines: Lokalråd → Kredsråd, Chefforum → Kredsråd, Koordinationsgruppen → Lokalråd, four executing forums → Koordinationsgruppen.
    expect(await page.locator('svg.level-diagram-svg path.level-edge').count()).toBe(7);
    // Every line runs from one forum's box to the box of the forum it reports to, as the table
    // says, and shares no stretch with another line or passes under a third box.
    const lines = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('svg.level-diagram-svg a.level-box')].map((a) => {
        const r = a.querySelector('rect') as SVGRectElement;
        return { name: (a.getAttribute('aria-label') ?? '').split(',')[0], x: r.x.baseVal.value, y: r.y.baseVal.value, w: r.width.baseVal.value, h: r.height.baseVal.value };
      });
      const onEdge = (p: DOMPoint) => boxes.filter((b) => p.x >= b.x - 0.5 && p.x <= b.x + b.w + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.h + 0.5).map((b) => b.name);
      const paths = [...document.querySelectorAll('svg.level-diagram-svg path.level-edge')] as SVGPathElement[];
      const samples = paths.map((path) => {
        const length = path.getTotalLength();
        return Array.from({ length: Math.ceil(length) + 1 }, (_, i) => path.getPointAtLength(Math.min(i, length)));
      });
      return samples.map((points, i) => {
        const inner = points.filter((_, j) => j > 6 && j < points.length - 7);
        const shared = Math.max(
          0,
          ...samples.map((other, k) => (k === i ? 0 : inner.filter((p) => other.some((q) => Math.hypot(p.x - q.x, p.y - q.y) < 0.75)).length)),
        );
        return { from: onEdge(points[0]), to: onEdge(points[points.length - 1]), under: [...new Set(inner.flatMap(onEdge))], shared };
      });
    });
    const reportsTo = Object.fromEntries(
      await page.locator('#levels-table tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent?.trim() ?? '', r.querySelectorAll('td')[1]?.textContent?.trim() ?? ''])),
    );
    for (const line of lines) {
      expect(line.from).toHaveLength(1);
      expect(line.to).toHaveLength(1);
      expect(reportsTo[line.from[0]], `${line.from[0]} reports to`).toBe(line.to[0]);
      expect(line.under, `the line from ${line.from[0]} passes under`).toEqual([]);
      expect(line.shared, `the line from ${line.from[0]} shares a stretch`).toBeLessThan(6);
    }
    // The table alternative has the same forums and lines.
    const table = page.locator('#levels-table tbody tr');
    expect(await table.count()).toBe(8);
    expect(await table.filter({ hasText: 'SSP-NU u18' }).locator('td').allTextContents()).toEqual(['Udførende niveau', 'Koordinationsgruppen', 'Kommunen', '6']);
    expect(await table.filter({ hasText: 'Chefforum' }).locator('td').allTextContents()).toEqual(['Koordinerende niveau', 'Kredsråd', 'Politikreds – fælles', '12']);
    await expectAccessible(page, 'level diagram');
    await screenshot(page, 'organisation-levels');

    // Tab to a forum in the diagram and open it with Enter.
    const link = await tabTo(page, (f) => f.tag === 'a' && f.label.startsWith('SSP-NU u18,'));
    expect(link.label).toBe('SSP-NU u18, 6 medlemmer (Udførende niveau)');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/organisation/fora/${forumId('SSP-NU u18')}$`));
    await expectHeading(page, 'SSP-NU u18');
    await settle(page);
    await expect.poll(() => page.getByRole('link', { name: 'Koordinationsgruppen' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Medlemmer (6)' }).isVisible()).toBe(true);
    expect(await page.locator('#members-table tbody tr').count()).toBe(6);
    // A steering group member reads, but does not change.
    expect(await page.getByRole('link', { name: 'Ret forum' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Skift rolle/ }).count()).toBe(0);
    await expectAccessible(page, 'forum page (read only)');

    // A forum of the police district, from the diagram by mouse.
    await page.goBack();
    await settle(page);
    await page.locator('a.level-box', { hasText: 'Kredsråd' }).click();
    await expectHeading(page, 'Kredsråd');
    expect(await page.locator('.details-list').textContent()).toContain('Politikreds – fælles');
    expectNoProblems();
  });

  it('a leader adds a function to a forum, changes its role, removes it, and sees it all in the history', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto('/organisation/fora');
    await settle(page);
    await expectHeading(page, 'Fora');
    await expect.poll(() => page.getByText('Viser 8 af 8 fora').isVisible()).toBe(true);
    await page.getByLabel('Niveau').selectOption({ label: 'Udførende niveau' });
    await expect.poll(() => page.getByText('Viser 4 af 8 fora').isVisible()).toBe(true);
    await expectAccessible(page, 'forum list');
    await page.getByRole('link', { name: 'SSP-NU u18' }).click();
    await expectHeading(page, 'SSP-NU u18');
    await settle(page);
    expect(await page.locator('nav.breadcrumbs').textContent()).toBe('ForsideOrganisation og foraForaSSP-NU u18');
    const members = page.locator('#members-table');

    // Nothing chosen: the error summary says what to do.
    await page.getByRole('button', { name: 'Tilføj medlem' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Vælg den funktion, der skal være medlem']);
    await expectAccessible(page, 'forum page with errors');

    await page.getByLabel('Funktion', { exact: true }).selectOption({ label: 'SSP-lærer' });
    await page.getByRole('button', { name: 'Tilføj medlem' }).click();
    await page.getByRole('heading', { name: 'SSP-lærer er tilføjet som medlem' }).waitFor();
    expect(await members.getByRole('row', { name: /SSP-lærer/ }).locator('td').allTextContents()).toEqual(['Skolerne', 'Medlem', 'Skift rolle – SSP-lærerFjern – SSP-lærer']);
    await expect.poll(() => page.getByRole('heading', { name: 'Medlemmer (7)' }).isVisible()).toBe(true);

    // Change the role in a dialog.
    await members.getByRole('button', { name: 'Skift rolle – SSP-lærer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Skift rolle for SSP-lærer' });
    await dialog.waitFor();
    await dialog.getByLabel('Formand').check();
    await expectAccessible(page, 'change role dialog');
    await dialog.getByRole('button', { name: 'Gem rolle' }).click();
    await page.getByRole('heading', { name: 'SSP-lærer er nu formand' }).waitFor();
    expect(await members.getByRole('row', { name: /SSP-lærer/ }).locator('td').nth(1).textContent()).toBe('Formand');
    // The chair comes first.
    expect(await members.locator('tbody th').first().textContent()).toBe('SSP-lærer');

    // Remove it, after saying what will happen.
    await members.getByRole('button', { name: 'Fjern – SSP-lærer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Vil du fjerne SSP-lærer fra forummet?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('SSP-lærer (Skolerne) er ikke længere medlem af SSP-NU u18 fra i dag.');
    await expectAccessible(page, 'remove member confirmation');
    await confirm.getByRole('button', { name: 'Ja, fjern medlemmet' }).click();
    await page.getByRole('heading', { name: 'SSP-lærer er fjernet fra forummet' }).waitFor();
    expect(await members.getByRole('row', { name: /SSP-lærer/ }).count()).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: 'Medlemmer (6)' }).isVisible()).toBe(true);
    // Focus continues from the list, not from the removed row.
    await expect.poll(async () => (await focused(page)).id).toBe('members-heading');

    // The history: newest first, with who and what.
    const history = page.locator('#history-table tbody tr');
    const rows = await history.evaluateAll((trs) => trs.slice(0, 3).map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    expect(rows).toEqual([
      [expect.any(String), 'Medlem fjernet', 'SSP-lærer'],
      [LEADER_NAME, 'Rolle ændret', 'SSP-lærer: fra medlem til formand'],
      [LEADER_NAME, 'Medlem tilføjet', 'SSP-lærer som medlem'],
    ]);
    expect(await history.first().locator('td').first().textContent()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{2}\.\d{2}$/);
    await screenshot(page, 'organisation-forum');

    // The server's own refusal lands at the field: someone else added the function meanwhile.
    await page.getByLabel('Funktion', { exact: true }).selectOption({ label: 'SSP-pædagog' });
    const fn = (await map()).functions.find((f) => f.title === 'SSP-pædagog') as TFunction;
    expect((await admin.post(`/api/forums/${forumId('SSP-NU u18')}/members`, { functionId: fn.id, role: 'member' })).status).toBe(201);
    await page.getByRole('button', { name: 'Tilføj medlem' }).click();
    await expect.poll(() => page.locator('#member-function-error').textContent()).toContain('Funktionen er allerede medlem af forummet');
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Funktionen er allerede medlem af forummet']);

    // Edit the forum: errors first, then saved, and the change is in the history.
    await page.getByRole('link', { name: 'Ret forum' }).click();
    await expectHeading(page, 'Ret forum: SSP-NU u18');
    await settle(page);
    await page.getByLabel('Navn', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv forummets navn']);
    await expectAccessible(page, 'edit forum with errors');
    await page.getByLabel('Navn', { exact: true }).fill('SSP-NU u18');
    await page.getByLabel('Mødekadence').selectOption({ label: 'Hver måned' });
    await page.getByLabel('Mandat').fill('Koordinerer konkrete sager om børn og unge under 18 år.');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await page.waitForURL(new RegExp(`/organisation/fora/${forumId('SSP-NU u18')}$`));
    await page.getByRole('heading', { name: 'Forummet er gemt' }).waitFor();
    expect(await page.locator('.details-list').textContent()).toContain('Hver måned');
    expect(await history.first().locator('td').allTextContents()).toEqual([expect.any(String), LEADER_NAME, 'Forum ændret', 'Mandat, Mødekadence']);
    expectNoProblems();
  });

  it('a leader edits the tree: creates a function with hours and årsværk, cannot remove a centre in use, removes the function', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto('/organisation/trae');
    await settle(page);
    await expectAccessible(page, 'organisation tree (editor)');
    await screenshot(page, 'organisation-tree');
    // The scope line: Gadeplan is in scope, CBF is general prevention; the police district is shared.
    const gadeplan = page.locator('section.org-node', { has: page.getByRole('heading', { name: 'Gadeplan', exact: true }) });
    expect(await gadeplan.getAttribute('class')).toContain('in-scope');
    expect(await gadeplan.locator('.org-node-badges').textContent()).toBe('Enhed Inden for skærelinjen');
    expect(await gadeplan.getByRole('row', { name: /Gadeplansmedarbejder/ }).locator('td').allTextContents()).toEqual(['4', '27–37 t./uge', '–Ikke angivet', 'Målrettet', '1', 'Ret – Gadeplansmedarbejder']);
    expect(await page.locator('section.org-node', { has: page.getByRole('heading', { name: /^Center for Børn og Familier/ }) }).first().locator('.org-node-badges').textContent()).toBe('Center Almen forebyggelse');
    expect(await page.locator('section.org-node.district').first().locator('.org-node-badges').textContent()).toBe('Ekstern part Almen forebyggelse Politikreds – fælles');

    await gadeplan.getByRole('link', { name: 'Tilføj funktion – Gadeplan' }).click();
    await expectHeading(page, 'Opret funktion');
    await settle(page);
    expect(await page.getByLabel('Organisation').locator('option:checked').textContent()).toBe('— — Gadeplan');
    await page.getByLabel('Funktion', { exact: true }).fill('Mentor');
    await page.getByLabel('Antal personer').fill('2');
    await page.locator('#fn-hours-min').fill('30');
    await page.locator('#fn-hours-max').fill('20');
    await page.getByLabel('Årsværk i alt').fill('1,5');
    await page.getByRole('button', { name: 'Opret funktion' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['»Til« må ikke være mindre end »Fra«']);
    await expectAccessible(page, 'create function with errors');
    await page.locator('#fn-hours-min').fill('20');
    await page.locator('#fn-hours-max').fill('30');
    expect(await page.getByLabel('Inden for skærelinjen (arbejder kun med tryghed og kriminalitetsforebyggelse)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Opret funktion' }).click();
    await page.waitForURL(/\/organisation\/trae#fn-/);
    await page.getByRole('heading', { name: '»Mentor« er gemt' }).waitFor();
    const mentor = page.locator('tr', { has: page.getByText('Mentor', { exact: true }) });
    expect(await mentor.locator('td').allTextContents()).toEqual(['2', '20–30 t./uge', '1,5', '–Ikke angivet', '0', 'Ret – Mentor']);
    // The address points at the new row, and focus is on it.
    await expect.poll(async () => (await focused(page)).id).toBe(new URL(page.url()).hash.slice(1));

    // A centre with units cannot go; the server's reason is shown plainly.
    await page.getByRole('link', { name: 'Ret organisation – Center for Børn og Familier' }).click();
    await expectHeading(page, 'Ret organisation: Center for Børn og Familier');
    await settle(page);
    await expectAccessible(page, 'edit organisation');
    await page.getByRole('button', { name: 'Fjern organisation' }).click();
    await page.getByRole('dialog', { name: 'Vil du fjerne »Center for Børn og Familier«?' }).getByRole('button', { name: 'Ja, fjern organisationen' }).click();
    await page.getByRole('heading', { name: 'Den kan ikke fjernes' }).waitFor();
    expect(await page.locator('.org-remove .alert').textContent()).toContain('Organisationen har stadig underenheder, funktioner eller puljer. Flyt eller fjern dem først.');

    // The new function goes again.
    await page.goto('/organisation/trae');
    await settle(page);
    await page.getByRole('link', { name: 'Ret – Mentor' }).click();
    await expectHeading(page, 'Ret funktion: Mentor');
    await settle(page);
    expect(await page.getByLabel('Årsværk i alt').inputValue()).toBe('1,5');
    await expectAccessible(page, 'edit function');
    await page.getByRole('button', { name: 'Fjern funktion' }).click();
    await page.getByRole('dialog', { name: 'Vil du fjerne »Mentor«?' }).getByRole('button', { name: 'Ja, fjern funktionen' }).click();
    await page.waitForURL(/\/organisation\/trae$/);
    await page.getByRole('heading', { name: '»Mentor« er fjernet fra kortet' }).waitFor();
    expect(await page.getByText('Mentor', { exact: true }).count()).toBe(0);

    // A new forum starts from an empty form.
    await page.goto('/organisation/fora/ny');
    await expectHeading(page, 'Opret forum');
    await settle(page);
    expect(await page.getByLabel('Rapporterer til').locator('option').first().textContent()).toBe('Ingen – øverste forum');
    await expectAccessible(page, 'create forum');

    // A pool, created under the unit and checked by axe on the way.
    await page.goto(`/organisation/puljer/ny?organisation=${(await map()).organisations.find((o) => o.name === 'Gadeplan')?.id}`);
    await expectHeading(page, 'Opret pulje');
    await settle(page);
    await page.getByRole('button', { name: 'Opret pulje' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv navnet']);
    await expectAccessible(page, 'create pool with errors');
    await page.getByLabel('Puljens navn').fill('Pulje til sommeraktiviteter');
    await page.getByRole('button', { name: 'Opret pulje' }).click();
    await page.getByRole('heading', { name: '»Pulje til sommeraktiviteter« er gemt' }).waitFor();
    await expect.poll(() => gadeplan.getByText('Pulje til sommeraktiviteter').isVisible()).toBe(true);
    expectNoProblems();
  });

  it('a partner sees only the forums a function they hold sits in', async () => {
    // The partner (a local officer) holds the function Lokalbetjent (seeds/reference.ts).
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'partner@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Organisation og fora' }).click();
    await page.waitForURL(/\/organisation\/mine-fora$/);
    await expectHeading(page, 'Mine fora');
    await settle(page);
    expect(await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link').allTextContents()).toEqual(['Mine fora']);
    expect(await page.getByRole('search').count()).toBe(0);
    const rows = page.locator('table tbody tr th');
    expect(await rows.allTextContents()).toEqual(['SSP-netværk', 'SSP-NU o18', 'SSP-NU u18']);
    await expectAccessible(page, 'my forums (partner)');

    await page.getByRole('link', { name: 'SSP-NU u18' }).click();
    await expectHeading(page, 'SSP-NU u18');
    await settle(page);
    expect(await page.locator('nav.breadcrumbs').textContent()).toBe('ForsideOrganisation og foraMine foraSSP-NU u18');
    expect(await page.locator('#members-table tbody tr', { hasText: 'Lokalbetjent' }).count()).toBe(1);
    // The forum it reports to is not one of theirs: named as such, not leaked.
    expect(await page.locator('.details-list').textContent()).toContain('Et forum, du ikke har adgang til');
    expect(await page.getByRole('link', { name: 'Ret forum' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tilføj medlem' }).count()).toBe(0);
    await expectAccessible(page, 'forum page (partner)');

    // Another forum answers as if it did not exist; the other views are not for partners.
    await page.goto(`/organisation/fora/${forumId('Kredsråd')}`);
    await settle(page);
    await page.locator('.alert-error').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Borgmester');
    await page.goto('/organisation/forummatrix');
    await settle(page);
    await expectHeading(page, 'Du har ikke adgang til siden');
    await expectAccessible(page, 'forum matrix (partner: forbidden)');
    expectNoProblems();
  });

  it('search finds forums, functions and organisations, and leads to the forum page or the tree', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'gadeplan@trekant.test');
    await page.goto('/organisation/trae');
    await settle(page);
    await page.getByRole('search').getByLabel('Søg i organisation og fora').fill('gadeplan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisation\/soeg\?q=gadeplan$/);
    await expectHeading(page, 'Søg i organisation og fora');
    await settle(page);
    await expect.poll(() => page.getByText('2 resultater for »gadeplan«').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Funktioner (1)' }).getByRole('link').allTextContents()).toEqual(['Gadeplansmedarbejder']);
    expect(await page.getByRole('region', { name: 'Organisationer (1)' }).getByRole('link').allTextContents()).toEqual(['Gadeplan']);
    expect(await page.getByRole('region', { name: 'Fora (0)' }).textContent()).toContain('Ingen fora passer til søgningen.');
    await expectAccessible(page, 'search results');
    await page.getByRole('region', { name: 'Funktioner (1)' }).getByRole('link', { name: 'Gadeplansmedarbejder' }).click();
    await page.waitForURL(/\/organisation\/trae#fn-/);
    await settle(page);
    await expect.poll(async () => (await focused(page)).text).toContain('Gadeplansmedarbejder');

    await page.goto('/organisation/soeg?q=findes-ikke');
    await settle(page);
    await expect.poll(() => page.getByText('Ingen resultater for »findes-ikke«. Prøv et kortere ord eller en forkortelse.').isVisible()).toBe(true);
    await page.getByLabel('Søgeord').fill('infohus');
    await page.getByLabel('Søgeord').press('Enter');
    await page.getByRole('region', { name: 'Fora (1)' }).getByRole('link', { name: 'Infohus-samarbejdet' }).click();
    await expectHeading(page, 'Infohus-samarbejdet');
    expectNoProblems();
  });

  it('an administrator renames the three levels, and the diagram and matrix use the new names', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/organisation/niveauer');
    await settle(page);
    await page.getByRole('link', { name: 'Ret kommunens navne på de tre niveauer' }).click();
    await expectHeading(page, 'Navne på de tre niveauer');
    await settle(page);
    await page.getByLabel('Navn for Strategisk niveau').fill('');
    await page.getByRole('button', { name: 'Gem navnene' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv et navn for niveauet']);
    await expectAccessible(page, 'level names with errors');
    await page.getByLabel('Navn for Strategisk niveau').fill('Styregruppe og lokalråd');
    await page.getByRole('button', { name: 'Gem navnene' }).click();
    await page.getByRole('heading', { name: 'Navnene er gemt' }).waitFor();
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Niveaudiagram' }).click();
    await expectHeading(page, 'Niveaudiagram');
    await settle(page);
    expect(await page.locator('text.level-band-label').allTextContents()).toEqual(['Styregruppe og lokalråd', 'Koordinerende niveau', 'Udførende niveau']);
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Forummatrix' }).click();
    await expectHeading(page, 'Forummatrix');
    await settle(page);
    expect(await page.locator('table.matrix thead .matrix-level-head').first().textContent()).toBe('Styregruppe og lokalråd');
    // The audit log names the change in words.
    await page.goto('/admin/revisionslog?action=settings.level_labels_changed');
    await settle(page);
    expect(await page.locator('#audit-table tbody tr').first().textContent()).toContain('Navne på de tre niveauer ændret');
    expect((await admin.put('/api/settings/forum-level-labels', { strategic: 'Strategisk niveau', coordinating: 'Koordinerende niveau', executing: 'Udførende niveau' })).status).toBe(200);
    expectNoProblems();
  });

  it('an import shows the row errors and saves nothing, then imports a correct file', async () => {
    const header = ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'];
    const good = ['', 'Fritidsjobguide', 'TKF', '1', '30', '37', '0,9', 'ja', 'løn', 'målrettet', 'kommune'];
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto('/organisation/import');
    await settle(page);
    await expectHeading(page, 'Import og eksport');
    await expectAccessible(page, 'import page');

    // A CSV needs its sheet named.
    await page.setInputFiles('#import-file', { name: 'funktioner.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header.join(';')}\n${good.join(';')}\n`) });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Vælg, hvilket ark CSV-filen indeholder']);

    // A workbook with an error in its second data row (spreadsheet row 3).
    const broken = await xlsx({ Funktioner: [header, good, ['', 'Mentor', 'TKF', 'mange', '', '', '', 'nej', 'løn', '', 'kommune']] });
    await page.setInputFiles('#import-file', { name: 'organisation.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: broken });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    await page.getByRole('heading', { name: 'Filen indeholder fejl. Intet er gemt.' }).waitFor();
    const errors = page.locator('#import-errors tbody tr');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().locator('td').allTextContents()).toEqual(['Funktioner', '3', 'antal', 'Skal være et helt tal fra 1 til 500']);
    expect(await page.getByRole('button', { name: 'Importér', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'import preview with row errors');
    await screenshot(page, 'organisation-import-errors');
    expect((await map()).functions.some((f) => f.title === 'Fritidsjobguide')).toBe(false);

    // The corrected file: a preview first, then the import.
    const fixed = await xlsx({ Funktioner: [header, good, ['', 'Mentor', 'TKF', '2', '', '', '', 'nej', 'løn', '', 'kommune']] });
    await page.setInputFiles('#import-file', { name: 'organisation.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    await page.getByRole('heading', { name: 'Filen er i orden. Intet er gemt endnu.' }).waitFor();
    expect(await page.locator('table.import-counts tbody tr', { hasText: 'Funktioner' }).locator('td').textContent()).toBe('2');
    expect((await map()).functions.some((f) => f.title === 'Fritidsjobguide')).toBe(false);
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    await page.getByRole('heading', { name: 'Importen er gemt' }).waitFor();
    await expectAccessible(page, 'import done');
    const imported = (await map()).functions.find((f) => f.title === 'Fritidsjobguide');
    expect(imported).toMatchObject({ headcount: 1, hoursMin: 30, hoursMax: 37, fte: 0.9, inScope: true, triangleLevel: 'targeted' });
    expect((await map()).functions.filter((f) => f.title === 'Mentor')).toHaveLength(1);

    // The new function is in the tree, the import in the audit log in words.
    await page.getByRole('link', { name: 'Organisationstræ' }).last().click();
    await expectHeading(page, 'Organisationstræ');
    await settle(page);
    expect(await page.locator('tr', { has: page.getByText('Fritidsjobguide', { exact: true }) }).locator('td').first().textContent()).toBe('1');
    const audit = await admin.get<{ items: { action: string }[] }>('/api/audit?action=organisation_map.imported&page=1&pageSize=5');
    expect(audit.body.items.length).toBeGreaterThan(0);
    const { page: adminPage } = await openTab(app);
    await logIn(adminPage, 'administrator@trekant.test');
    await adminPage.goto('/admin/revisionslog?action=organisation_map.imported');
    await settle(adminPage);
    expect(await adminPage.locator('#audit-table tbody tr').first().textContent()).toContain('Organisationskort importeret fra regneark');
    expectNoProblems();
  });
});
