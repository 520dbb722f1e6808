/**
 * Efforts in the browser: a leader creates an effort and pauses it (and the triangle counts
 * it, then not), a street worker records a measurement on a phone, the economy overview in
 * kroner with its demo marker, the triangle by keyboard with its table, an analyst who reads
 * but does not change, the settings and the import. Every page goes through axe.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEconomy, TEffortDetail, TEffortList, TTriangle } from '../contracts/efforts.ts';
import type { TOrganisationMap } from '../contracts/organisation.ts';
import { danishToday } from '../server/platform/danish-time.ts';
import { formatDkk, formatIsoDate, isoDate } from '../web/lib/format.ts';
import type { ApiClient } from '../test/support/test-server.ts';
import { type App, expectAccessible, expectHeading, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

const LEVELS_TOP_DOWN = ['Kriminalitetsforebyggende', 'Forebyggende', 'Opbyggende'];
const NEW_EFFORT = 'Fritidsjob i Vejleåparken';
const GADEPLAN = 'Gadeplan – opsøgende arbejde';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(sheets: Record<string, string[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The focused element, as a keyboard user would know it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim(), expanded: el?.getAttribute('aria-expanded') ?? '' };
  });

async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (matches(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

/** The triangle as the picture shows it: per band its label and the lines of words beside it. */
function triangleBands(page: Page) {
  return page.locator('svg.triangle-svg g.triangle-band').evaluateAll((bands) =>
    bands.map((band) => ({
      label: band.querySelector('.triangle-band-label')?.textContent ?? '',
      count: band.querySelector('.triangle-band-count')?.textContent ?? '',
      facts: [...band.querySelectorAll('.triangle-band-fact')].map((t) => t.textContent ?? ''),
      demo: band.querySelector('.triangle-band-demo')?.textContent ?? '',
    })),
  );
}

/** The table alternative, row by row: level, count, budget and hours as written. */
function triangleTable(page: Page) {
  return page.locator('#triangle-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      const text = (cell: Element | undefined) => {
        if (!cell) return '';
        const copy = cell.cloneNode(true) as Element;
        copy.querySelectorAll('.badge').forEach((b) => b.remove());
        return (copy.textContent ?? '').trim();
      };
      return { label: row.querySelector('th')?.textContent ?? '', count: text(cells[0]), budget: text(cells[1]), hours: text(cells[2]), demo: cells[1]?.querySelector('.badge')?.textContent ?? '' };
    }),
  );
}

const bandCount = async (page: Page, label: string) => (await triangleBands(page)).find((b) => b.label === label)?.count;

describe('efforts', () => {
  let app: App;
  let admin: ApiClient;
  let orgId: (name: string) => string;
  let effortId: (title: string) => Promise<string>;
  beforeAll(async () => {
    app = await startApp();
    admin = await app.server.loginAs('administrator@trekant.test');
    const map = (await admin.get<TOrganisationMap>('/api/organisation-map')).body;
    orgId = (name) => map.organisations.find((o) => o.name === name)?.id ?? '';
    effortId = async (title) => {
      const list = (await admin.get<TEffortList>(`/api/efforts?limit=1000`)).body;
      const found = list.items.find((e) => e.title === title);
      if (!found) throw new Error(`no effort ${title}`);
      return found.id;
    };
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a leader creates an effort through the form, pauses it with a reason, and the triangle counts it, then not', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indsatser' }).click();
    await page.waitForURL(/\/indsatser$/);
    await expectHeading(page, 'Indsatser');
    await settle(page);
    await expect.poll(() => page.getByText('Viser 1–11 af 11 indsatser').isVisible()).toBe(true);
    await screenshot(page, 'efforts-list');
    expect(await page.locator('#efforts-table tbody tr', { hasText: GADEPLAN }).locator('td').allTextContents()).toEqual(['Forebyggende', 'Aktiv', 'Gadeplan', '12–17 år', 'Fra 27.3.2023']);
    await expectAccessible(page, 'efforts list');

    // The triangle before: three active efforts on the targeted level.
    await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link', { name: 'Forebyggelsestrekanten' }).click();
    await expectHeading(page, 'Forebyggelsestrekanten');
    await settle(page);
    expect(await bandCount(page, 'Forebyggende')).toBe('3');

    // The form: required fields first.
    await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link', { name: 'Alle indsatser' }).click();
    await expectHeading(page, 'Indsatser');
    await page.getByRole('link', { name: 'Opret indsats' }).click();
    await page.waitForURL(/\/indsatser\/ny$/);
    await expectHeading(page, 'Opret indsats');
    await settle(page);
    await page.getByRole('button', { name: 'Opret indsats' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv indsatsens navn', 'Vælg den ansvarlige enhed', 'Skriv startdatoen']);
    await expectAccessible(page, 'effort form with errors');
    await screenshot(page, 'efforts-form-errors');
    // The error summary leads to the field.
    await page.locator('.error-summary').getByRole('link', { name: 'Vælg den ansvarlige enhed' }).click();
    expect((await focused(page)).id).toBe('effort-owner');

    await page.getByLabel('Indsats', { exact: true }).fill(NEW_EFFORT);
    await page.getByLabel('Beskrivelse').fill('Unge fra Vejleåparken får hjælp til deres første fritidsjob.');
    await page.getByRole('radio', { name: 'Forebyggende', exact: true }).check();
    await page.getByRole('radio', { name: 'Aktiv', exact: true }).check();
    await page.getByLabel('Ansvarlig enhed').selectOption(orgId('Gadeplan'));
    await page.getByLabel('Fra alder').fill('14');
    await page.getByLabel('Til alder').fill('12');
    await page.getByRole('checkbox', { name: 'Vejleåparken' }).check();
    await page.getByRole('checkbox', { name: 'Serviceloven', exact: true }).check();
    await page.getByLabel('Startdato').fill('1.2.2026');
    await page.getByRole('button', { name: 'Opret indsats' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Til-alderen skal være den samme som eller højere end fra-alderen']);
    await page.getByLabel('Til alder').fill('17');
    await page.getByRole('button', { name: 'Opret indsats' }).click();
    await page.waitForURL(/\/indsatser\/[0-9a-f-]{36}$/);
    await expectHeading(page, NEW_EFFORT);
    await page.getByRole('heading', { name: `Indsatsen »${NEW_EFFORT}« er oprettet` }).waitFor();
    await settle(page);
    const details = page.locator('.details-list').first();
    expect(await details.textContent()).toContain('Forebyggende');
    expect(await details.textContent()).toContain('14–17 år');
    expect(await details.textContent()).toContain('Vejleåparken');
    expect(await details.textContent()).toContain('Serviceloven');
    expect(await page.locator('#status-history tbody tr').first().locator('td').nth(1).textContent()).toBe('Oprettet som Aktiv');
    await expectAccessible(page, 'effort page (leader)');

    // Counted on the triangle now.
    await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link', { name: 'Forebyggelsestrekanten' }).click();
    await expectHeading(page, 'Forebyggelsestrekanten');
    await settle(page);
    expect(await bandCount(page, 'Forebyggende')).toBe('4');

    // Pause it: a status and a reason are needed.
    await page.goBack();
    await expectHeading(page, NEW_EFFORT);
    await settle(page);
    expect(await page.getByLabel('Ny status').locator('option').allTextContents()).toEqual(['Vælg status', 'Sat i bero', 'Afsluttet']);
    await page.getByRole('button', { name: 'Skift status' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Vælg den nye status', 'Skriv en begrundelse (mindst 3 tegn)']);
    await page.getByLabel('Ny status').selectOption({ label: 'Sat i bero' });
    await page.getByLabel('Begrundelse').fill('Ingen lokaler før sommerferien');
    await page.getByRole('button', { name: 'Skift status' }).click();
    await page.getByRole('heading', { name: 'Indsatsen er nu sat i bero' }).waitFor();
    const latest = page.locator('#status-history tbody tr').first().locator('td');
    expect(await latest.nth(1).textContent()).toBe('Aktiv → Sat i bero');
    expect(await latest.nth(2).textContent()).toBe('Ingen lokaler før sommerferien');
    expect(await latest.nth(3).textContent()).toContain('Leder, Tryghed og Kriminalitetsforebyggelse');
    expect(await page.getByLabel('Ny status').locator('option').allTextContents()).toEqual(['Vælg status', 'Aktiv', 'Afsluttet']);
    await expectAccessible(page, 'effort paused');

    await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link', { name: 'Forebyggelsestrekanten' }).click();
    await expectHeading(page, 'Forebyggelsestrekanten');
    await settle(page);
    expect(await bandCount(page, 'Forebyggende')).toBe('3');
    // Paused efforts are counted when asked for.
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Sat i bero' });
    await expect.poll(() => bandCount(page, 'Forebyggende')).toBe('1');
    expect(page.url()).toContain('status=paused');
    expectNoProblems();
  });

  it('a leader gives the new effort a goal with an indicator, and a budget with staff hours', async () => {
    const id = await effortId(NEW_EFFORT);
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto(`/indsatser/${id}`);
    await expectHeading(page, NEW_EFFORT);
    await settle(page);
    await expect.poll(() => page.getByText('Indsatsen har ingen mål endnu. Tilføj det første mål').isVisible()).toBe(true);

    // A goal, in a dialog that checks its field first.
    await page.getByRole('button', { name: 'Tilføj mål' }).click();
    const goalDialog = page.getByRole('dialog', { name: 'Tilføj mål' });
    await goalDialog.getByRole('button', { name: 'Tilføj mål' }).click();
    expect(await goalDialog.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv målet']);
    await expectAccessible(page, 'goal dialog with errors');
    await goalDialog.getByLabel('Mål', { exact: true }).fill('Flere unge i fritidsjob');
    await goalDialog.getByRole('button', { name: 'Tilføj mål' }).click();
    await page.getByRole('heading', { name: 'Målet »Flere unge i fritidsjob« er tilføjet' }).waitFor();
    await page.getByRole('heading', { name: 'Mål 1: Flere unge i fritidsjob' }).waitFor();

    // An indicator whose target must lie in the direction it should go.
    await page.getByRole('button', { name: 'Tilføj indikator – Flere unge i fritidsjob' }).click();
    const indicatorDialog = page.getByRole('dialog', { name: 'Tilføj indikator til »Flere unge i fritidsjob«' });
    await indicatorDialog.getByLabel('Indikator', { exact: true }).fill('Unge i fritidsjob');
    await indicatorDialog.getByLabel('Enhed', { exact: true }).fill('unge');
    await indicatorDialog.getByLabel('Udgangspunkt').fill('10');
    await indicatorDialog.getByLabel('Mål', { exact: true }).fill('5');
    await indicatorDialog.getByLabel('Måles til').fill('31.12.2026');
    await indicatorDialog.getByRole('button', { name: 'Tilføj indikator' }).click();
    expect(await indicatorDialog.locator('.error-summary').getByRole('link').allTextContents()).toEqual([
      'Målet skal være mindst lige så højt som udgangspunktet, når tallet skal stige',
    ]);
    await indicatorDialog.getByLabel('Mål', { exact: true }).fill('25');
    await indicatorDialog.getByLabel('Indikatoren tæller deltagere').check();
    await expectAccessible(page, 'indicator dialog');
    await indicatorDialog.getByRole('button', { name: 'Tilføj indikator' }).click();
    await page.getByRole('heading', { name: 'Indikatoren »Unge i fritidsjob« er tilføjet' }).waitFor();
    expect(await page.locator('.effort-indicator .rag').textContent()).toBe('Ikke målt endnu');

    // This year's budget and hours: amounts as Danes type them, shown in kroner.
    const year = isoDate(new Date()).slice(0, 4);
    await page.getByLabel('Tilføj økonomi for året').selectOption(year);
    await page.getByRole('button', { name: 'Tilføj år' }).click();
    const form = page.locator('form', { has: page.getByRole('button', { name: `Gem økonomi for ${year}` }) });
    await form.getByRole('group', { name: 'Løn' }).getByLabel('Budget (kr.)').fill('250.000');
    await form.getByRole('group', { name: 'Løn' }).getByLabel('Forbrug (kr.)').fill('1.234,5');
    await form.getByRole('group', { name: 'Aktiviteter' }).getByLabel('Forbrug (kr.)').fill('500');
    await form.getByRole('button', { name: 'Tilføj funktion' }).click();
    await form.getByLabel('Funktion 1', { exact: true }).selectOption({ label: 'Gadeplansmedarbejder' });
    await form.getByLabel('Timer for funktion 1').fill('120,5');
    await form.getByRole('button', { name: `Gem økonomi for ${year}` }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Aktiviteter: skriv budgettet, når der er et forbrug']);
    await form.getByRole('group', { name: 'Aktiviteter' }).getByLabel('Forbrug (kr.)').fill('');
    await expectAccessible(page, 'economy form');
    await form.getByRole('button', { name: `Gem økonomi for ${year}` }).click();
    await page.getByRole('heading', { name: `Økonomien for ${year} er gemt` }).waitFor();
    const section = page.locator('section.effort-year', { has: page.getByRole('heading', { name: year }) });
    expect(await section.locator('table.effort-money tbody td').allTextContents()).toEqual(['250.000 kr.', '1.234,50 kr.']);
    expect(await section.locator('table.effort-hours tbody tr').first().textContent()).toBe('Gadeplansmedarbejder120,5 timer');
    // Entered figures are the municipality's own: no demo mark.
    expect(await section.locator('.badge-demo').count()).toBe(0);
    await expectAccessible(page, 'effort with goal, indicator and economy');
    await screenshot(page, 'efforts-detail');
    expectNoProblems();
  });

  it('a street worker records a measurement on a phone, and the indicator shows the new value and its RAG in words', async () => {
    const id = await effortId(GADEPLAN);
    const before = (await admin.get<TEffortDetail>(`/api/efforts/${id}`)).body;
    const indicator = before.goals[0].indicators[0];
    expect(indicator.name).toBe('Unge i kontakt med Gadeplan');
    const { page, expectNoProblems } = await openTab(app, { viewport: { width: 360, height: 800 } });
    await logIn(page, 'gadeplan@trekant.test');
    await page.goto('/indsatser?q=opsøgende');
    await settle(page);
    expect(await page.getByLabel('Søg i indsatser').inputValue()).toBe('opsøgende');
    expect(await page.locator('#efforts-table tbody th').allTextContents()).toEqual([GADEPLAN]);
    // Street workers measure; they neither create nor edit.
    expect(await page.getByRole('link', { name: 'Opret indsats' }).count()).toBe(0);
    await page.getByRole('link', { name: GADEPLAN }).click();
    await expectHeading(page, GADEPLAN);
    await settle(page);
    expect(await page.getByRole('link', { name: 'Ret indsats' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Skift status' }).count()).toBe(0);
    // No economy for a street worker.
    expect(await page.getByRole('heading', { name: 'Økonomi og timer' }).count()).toBe(0);
    const block = page.locator(`#indicator-${indicator.id}`);
    expect(await block.locator('.effort-latest').textContent()).toBe(`66 unge (${formatIsoDate(indicator.latest?.measuredOn ?? '')})`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'effort page (street worker, phone)');

    // Today: the seeded counts lie a quarter back or more, so this is the latest value.
    const today = danishToday();
    const day = formatIsoDate(today);
    await block.getByLabel('Dato', { exact: true }).fill(day);
    await block.getByLabel('Værdi (unge)').fill('');
    await block.getByRole('button', { name: 'Gem måling' }).click();
    expect(await block.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv værdien']);
    await block.getByLabel('Værdi (unge)').fill('80');
    await block.getByLabel('Note').fill('Sommerens opsøgende ture');
    await block.getByRole('button', { name: 'Gem måling' }).click();
    await block.getByRole('heading', { name: 'Målingen er gemt: 80 unge' }).waitFor();
    expect(await block.locator('.effort-latest').textContent()).toBe(`80 unge (${day})`);
    // The target is reached: green, said in words beside the colour.
    expect(await block.locator('.rag').textContent()).toBe('Grøn – på sporet');
    expect(await block.locator('.rag .rag-dot-green').count()).toBe(1);
    await block.getByText('Alle målinger (4)').click();
    expect(await block.locator('.details-text tbody tr').first().locator('td').allTextContents()).toEqual([day, '80 unge', 'Sommerens opsøgende ture', 'Slet – ' + day]);
    // The table scrolls in its own frame; the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'measurement saved (phone)');
    await screenshot(page, 'efforts-measurement-phone');

    const after = (await admin.get<TEffortDetail>(`/api/efforts/${id}`)).body.goals[0].indicators[0];
    expect(after.latest).toMatchObject({ value: 80, measuredOn: today, note: 'Sommerens opsøgende ture' });
    expect(after.rag).toBe('green');
    expectNoProblems();
  });

  it('the economy overview writes kroner the Danish way and marks the demo amounts', async () => {
    const economy = (await admin.get<TEconomy>('/api/economy')).body;
    expect(economy.demo).toBe(true);
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await page.goto('/indsatser');
    await settle(page);
    await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link', { name: 'Økonomi' }).click();
    await expectHeading(page, 'Økonomi');
    await settle(page);
    expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe(String(economy.year));
    await expect.poll(() => page.getByRole('heading', { name: 'Demodata – illustrative beløb' }).isVisible()).toBe(true);

    const totals = await page.locator('.economy-totals dd').allTextContents();
    expect(totals[0]).toBe(formatDkk(economy.total.budget));
    expect(totals[0]).toMatch(/^\d{1,3}(\.\d{3})+ kr\.$/);
    expect(totals[1]).toBe(formatDkk(economy.total.actual));
    expect(await page.locator('#economy-levels tbody th').allTextContents()).toEqual(LEVELS_TOP_DOWN);
    // Shares with a decimal comma and a space before the per cent sign.
    const share = await page.locator('#economy-levels tbody tr').first().locator('.economy-share-number').first().textContent();
    expect(share).toMatch(/^\d{1,3}(,\d)? %$/);
    const gadeplan = economy.efforts.find((e) => e.title === GADEPLAN);
    const row = page.locator('#economy-efforts tbody tr', { hasText: GADEPLAN });
    expect(await row.locator('.badge-demo').textContent()).toBe('Demodata – illustrative beløb');
    const cells = await row.locator('td').allTextContents();
    expect(cells[2]).toBe(formatDkk(gadeplan?.budget ?? -1));
    expect(cells[2]).toMatch(/^\d{1,3}(\.\d{3})+ kr\.$/);
    expect(cells[6]).toBe(formatDkk(gadeplan?.costPerParticipant ?? -1));
    await expectAccessible(page, 'economy overview');
    await screenshot(page, 'efforts-economy');

    // Another year is one choice away, and stays in the address.
    await page.getByLabel('År', { exact: true }).selectOption(String(economy.year - 1));
    await page.waitForURL(new RegExp(`aar=${economy.year - 1}`));
    await settle(page);
    await expect.poll(() => page.getByText(`Du ser tallene for ${economy.year - 1}.`).isVisible()).toBe(true);

    // On the effort itself, the year's figures carry the same mark.
    await page.getByRole('link', { name: GADEPLAN }).click();
    await expectHeading(page, GADEPLAN);
    await settle(page);
    const year = page.locator('section.effort-year', { has: page.getByRole('heading', { name: String(economy.year) }) });
    expect(await year.locator('.badge-demo').count()).toBe(1);
    expect(await year.locator('table.effort-money tfoot td').first().textContent()).toMatch(/^\d{1,3}(\.\d{3})+ kr\.$/);
    await expectAccessible(page, 'effort page with economy');
    expectNoProblems();
  });

  it('the triangle works by keyboard: each band opens its efforts, and the table holds the same numbers', async () => {
    const triangle = (await admin.get<TTriangle>('/api/triangle')).body;
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'styregruppe@trekant.test');
    await page.goto('/indsatser/trekant');
    await expectHeading(page, 'Forebyggelsestrekanten');
    await settle(page);

    const bands = await triangleBands(page);
    expect(bands.map((b) => b.label)).toEqual(LEVELS_TOP_DOWN);
    const table = await triangleTable(page);
    expect(table.map((r) => r.label)).toEqual(LEVELS_TOP_DOWN);
    for (const [index, band] of bands.entries()) {
      const row = table[index];
      const api = triangle.bands.find((b) => b.label === band.label);
      expect(band.count).toBe(row.count);
      expect(band.count).toBe(String(api?.count));
      // The words beside the band: count, kroner, hours, and the demo mark; the table says the same.
      expect(band.facts).toEqual([band.count === '1' ? '1 indsats' : `${band.count} indsatser`, row.budget, row.hours]);
      expect(row.budget).toBe(formatDkk(api?.budget ?? -1));
      expect(band.demo).toBe('Demodata – illustrative beløb');
      expect(row.demo).toBe('Demodata – illustrative beløb');
      // Each band is a button named by its words, in the order they stand on screen.
      const name = [band.label, ...band.facts, band.demo].join(' ');
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    await expectAccessible(page, 'triangle');
    await screenshot(page, 'efforts-triangle');

    // Keyboard only: Tab to the tip, Enter opens its efforts below, Space closes them again.
    const tip = await tabTo(page, (f) => f.tag === 'g' && f.text.startsWith('Kriminalitetsforebyggende '));
    expect(tip.expanded).toBe('false');
    const outline = await page.evaluate(() => getComputedStyle((document.activeElement as Element).querySelector('polygon') as Element).strokeWidth);
    expect(outline).toBe('6px');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).expanded).toBe('true');
    const individual = triangle.bands.find((b) => b.level === 'individual');
    const list = page.locator('#triangle-band-efforts');
    await list.getByRole('heading', { name: `Indsatser på niveauet Kriminalitetsforebyggende (${individual?.count})` }).waitFor();
    expect((await list.getByRole('link').allTextContents()).sort()).toEqual((individual?.efforts.map((e) => e.title) ?? []).sort());
    expect(page.url()).toContain('lag=individual');
    await expectAccessible(page, 'triangle with a band open');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await focused(page)).expanded).toBe('false');
    expect(await list.getByRole('link').count()).toBe(0);
    // The next band, by Tab and Space.
    const middle = await tabTo(page, (f) => f.tag === 'g', 3);
    expect(middle.text.startsWith('Forebyggende ')).toBe(true);
    await page.keyboard.press('Space');
    await list.getByRole('heading', { name: /^Indsatser på niveauet Forebyggende/ }).waitFor();
    expect(await list.getByRole('link', { name: GADEPLAN }).count()).toBe(1);

    // A filter narrows every band; the address keeps it through a reload.
    await page.getByLabel('Ansvarlig enhed').selectOption(orgId('Gadeplan'));
    await expect.poll(() => bandCount(page, 'Kriminalitetsforebyggende')).toBe('0');
    expect(await bandCount(page, 'Forebyggende')).toBe('1');
    await page.reload();
    await settle(page);
    expect(await page.getByLabel('Ansvarlig enhed').inputValue()).toBe(orgId('Gadeplan'));
    expect((await triangleTable(page)).map((r) => r.count)).toEqual(['0', '1', '0']);
    expect(await list.getByRole('link').allTextContents()).toEqual([GADEPLAN]);
    expectNoProblems();
  });

  it('an analyst reads efforts and the economy but sees no buttons to change them', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'analytiker@trekant.test');
    await page.goto('/indsatser');
    await settle(page);
    await expectHeading(page, 'Indsatser');
    expect(await page.getByRole('link', { name: 'Opret indsats' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Indsatser' }).getByRole('link').allTextContents()).toEqual([
      'Alle indsatser',
      'Forebyggelsestrekanten',
      'Økonomi',
      'Sammenligning med andre kommuner',
      'Import og eksport',
    ]);
    await page.getByRole('link', { name: 'God Løsladelse – koordineret løsladelse' }).click();
    await expectHeading(page, 'God Løsladelse – koordineret løsladelse');
    await settle(page);
    await page.getByRole('heading', { name: 'Økonomi og timer' }).waitFor();
    for (const name of ['Ret indsats']) expect(await page.getByRole('link', { name }).count()).toBe(0);
    for (const name of ['Skift status', 'Tilføj mål', 'Tilføj indikator', 'Ret mål', 'Gem måling', 'Tilføj år']) expect(await page.getByRole('button', { name: new RegExp(`^${name}`) }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Ret økonomi/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Slet/ }).count()).toBe(0);
    await expectAccessible(page, 'effort page (analyst)');

    await page.goto('/indsatser/import');
    await expectHeading(page, 'Import og eksport af indsatser');
    await settle(page);
    expect(await page.getByRole('button', { name: 'Kontrollér filen' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Alle indsatser som Excel-fil (XLSX)' }).getAttribute('href')).toBe('/api/efforts/export.xlsx');
    await expectAccessible(page, 'import and export (analyst)');

    await page.goto('/indsatser/ny');
    await expectHeading(page, 'Du har ikke adgang til siden');
    await page.goto('/indsatser/indstillinger');
    await expectHeading(page, 'Du har ikke adgang til siden');
    await expectAccessible(page, 'effort settings (analyst: forbidden)');

    // The peer comparison: a chart with its table.
    await page.goto('/indsatser/sammenligning');
    await expectHeading(page, 'Sammenligning med andre kommuner');
    await settle(page);
    const ownHeader = page.locator('#peer-per10k thead th.is-own');
    expect(await ownHeader.textContent()).toMatch(/^Ishøj \(din kommune\)antaget/);
    // Ishøj's population is not in the memo: the column says so, with the reason.
    expect(await ownHeader.locator('.assumed-reason').textContent()).toContain('Notatet angiver ikke indbyggertallet');
    expect(await page.locator('#peer-per10k tbody th').allTextContents()).toEqual(LEVELS_TOP_DOWN);
    // The chart's bars say the same as the table.
    const own = await page.locator('#peer-per10k tbody td.is-own').allTextContents();
    expect(await page.locator('svg.peer-chart-svg g.peer-bar.is-own .peer-bar-value').allTextContents()).toEqual(own);
    expect(await page.locator('svg.peer-chart-svg g.peer-bar.is-own').count()).toBe(3);
    // Viborg's staff has no levels in the memo: its level cells say so (the last column), and it has no bars.
    const firstLevel = await page.locator('#peer-fte tbody tr').first().locator('td').allTextContents();
    expect(firstLevel.at(-1)).toContain('Ikke angivet');
    expect(await page.locator('svg.peer-chart-svg g.peer-bar').count()).toBe(9);
    await expectAccessible(page, 'peer comparison');
    await screenshot(page, 'efforts-peers');

    // A peer's own page: what the memo says of Viborg, its leisure pass among what it counts.
    await page.locator('#peer-per10k thead').getByRole('link', { name: 'Viborg' }).click();
    await expectHeading(page, 'Viborg');
    await settle(page);
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toContain('Retsplejelovens §115-møder');
    expect(await page.locator('#peer-data-heading + ul').textContent()).toContain('fritidspas');
    expect(await page.getByText('Notatet nævner ingen.').count()).toBe(2);
    await expectAccessible(page, 'peer page');
    expectNoProblems();
  });

  it('an administrator renames the levels, adds a district and a legal basis, and the audit log names the changes', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/indsatser/indstillinger');
    await expectHeading(page, 'Indstillinger for indsatser');
    await settle(page);
    await expectAccessible(page, 'effort settings');
    await screenshot(page, 'efforts-settings');
    await page.getByLabel('Navn for Målrettet').fill('');
    await page.getByRole('button', { name: 'Gem navnene' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv et navn for niveauet']);
    await page.getByLabel('Navn for Målrettet').fill('Tidlig forebyggelse');
    await page.getByRole('button', { name: 'Gem navnene' }).click();
    await page.getByRole('heading', { name: 'Navnene er gemt' }).waitFor();

    const districts = page.getByLabel('Kommunens bydele');
    await districts.fill(`${await districts.inputValue()}\nCentrum`);
    await page.getByRole('button', { name: 'Gem bydelene' }).click();
    await page.getByRole('heading', { name: 'Bydelene er gemt' }).waitFor();

    await page.getByLabel('Lov', { exact: true }).fill('Barnets Lov');
    await page.getByLabel('Paragraf').fill('§ 32');
    await page.getByRole('button', { name: 'Tilføj lovgrundlag' }).click();
    await page.getByRole('heading', { name: '»Barnets Lov § 32« er tilføjet' }).waitFor();
    // The list is fetched again after the message: wait for it to hold the new entry.
    await page.locator('.effort-legal-list').getByText('Barnets Lov § 32').waitFor();

    // The new words are the triangle's and the list's.
    await page.goto('/indsatser/trekant');
    await settle(page);
    expect((await triangleBands(page)).map((b) => b.label)).toEqual(['Kriminalitetsforebyggende', 'Tidlig forebyggelse', 'Opbyggende']);
    expect(await page.getByLabel('Bydel', { exact: true }).locator('option').allTextContents()).toContain('Centrum');
    await page.goto('/admin/revisionslog?action=settings.triangle_labels_changed');
    await settle(page);
    expect(await page.locator('#audit-table tbody tr').first().textContent()).toContain('Navne på trekantens niveauer ændret');
    expect((await admin.put('/api/settings/triangle-level-labels', { general: 'Opbyggende', targeted: 'Forebyggende', individual: 'Kriminalitetsforebyggende' })).status).toBe(200);
    expectNoProblems();
  });

  it('a leader sees the row errors of an import, then exports the efforts and checks the same workbook: no errors, nothing saved yet', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto('/indsatser/import');
    await expectHeading(page, 'Import og eksport af indsatser');
    await settle(page);
    await expectAccessible(page, 'effort import');
    // A file that is not a workbook is refused in the browser.
    await page.setInputFiles('#effort-import-file', { name: 'indsatser.csv', mimeType: 'text/csv', buffer: Buffer.from('titel\nX\n') });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Filen skal være en Excel-fil (.xlsx)']);

    // A workbook with a level that does not exist: the row error names sheet, row and column; nothing is saved.
    const efforts = (await admin.get<TEffortList>('/api/efforts?limit=1000')).body.total;
    const header = ['nøgle', 'titel', 'niveau', 'i skærelinjen', 'ejerenhed', 'alder fra', 'alder til', 'risikoprofil', 'status', 'periode start', 'evidens'];
    const broken = await xlsx({ Indsatser: [header, ['', 'Natteravne', 'øverst', 'ja', 'Gadeplan', '14', '17', 'alle', 'aktiv', '2026-03-01', 'lovende']] });
    await page.setInputFiles('#effort-import-file', { name: 'indsatser.xlsx', mimeType: XLSX, buffer: broken });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    await page.getByRole('heading', { name: 'Filen indeholder fejl. Intet er gemt.' }).waitFor();
    const errors = await page.locator('#import-errors tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    expect(errors).toContainEqual(['Indsatser', '2', 'niveau']);
    expect(await page.getByRole('button', { name: 'Importér', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'effort import with row errors');
    expect((await admin.get<TEffortList>('/api/efforts?limit=1000')).body.total).toBe(efforts);

    const href = (await page.getByRole('link', { name: 'Alle indsatser som Excel-fil (XLSX)' }).getAttribute('href')) as string;
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    await page.setInputFiles('#effort-import-file', { name: 'indsatser.xlsx', mimeType: XLSX, buffer: await file.body() });
    await page.getByRole('button', { name: 'Kontrollér filen' }).click();
    await page.getByRole('heading', { name: 'Filen er i orden. Intet er gemt endnu.' }).waitFor();
    expect(await page.locator('table.import-counts tbody tr', { hasText: 'Indsatser' }).locator('td').textContent()).toBe(String(efforts));
    await expectAccessible(page, 'effort import preview');
    expectNoProblems();
  });
});
