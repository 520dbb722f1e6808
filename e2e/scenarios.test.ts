/**
 * Organisation scenarios in the browser (issue #12's proof): the leader builds a three-pillar
 * scenario from today's Ishøj, moves a function and an effort between pillars by keyboard only
 * (and another function by drag and drop), saves; starts the integrated template; compares the
 * two with today and checks figures against the API; picks the recommendation and downloads it
 * as DOCX and PDF; shares the scenario with the steering group, adopts it from a date and reads
 * the map before and after that date; discards the template scenario. One tab for the leader
 * (and one for a steering member who reads the shared scenario); every page goes through axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TScenarioComparison, TScenarioDetail, TTemplateSummary } from '../contracts/scenarios.ts';
import type { ApiClient } from '../test/support/test-server.ts';
import { formatDecimal, formatDkk, formatIsoDate, formatNumber, isoDate } from '../web/lib/format.ts';
import { type App, type Tab, expectAccessible, expectHeading, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

const TITLE = 'Tre søjler: proaktiv, operativ og reaktiv';
const PILLARS = { general: 'Proaktiv', targeted: 'Operativ', individual: 'Reaktiv' } as const;

/** The focused element's id, as a keyboard user would know where they are. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The keys of the items a pillar's group holds on the page, in order. */
const groupItems = (page: Page, section: string, pillar: string) =>
  page.locator(`#${section} .scenario-group[data-pillar="${pillar}"] > ul > li`).evaluateAll((items) => items.map((li) => li.id));

/** Picks the option by keyboard in a focused <select> and presses the Move button after it, as a keyboard user does. */
async function moveByKeyboard(page: Page, selectId: string, pillarName: string) {
  await page.locator(`#${selectId}`).focus();
  const options = await page.locator(`#${selectId} option`).allTextContents();
  const current = await page.locator(`#${selectId} option:checked`).textContent();
  const steps = options.indexOf(pillarName) - options.indexOf(current ?? '');
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  expect(await page.locator(`#${selectId} option:checked`).textContent()).toBe(pillarName);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Flyt'))).toBe(true);
  await page.keyboard.press('Enter');
}

/**
 * Drags an item onto a pillar's group with the HTML5 drag events a browser sends (dragstart,
 * dragenter, dragover, drop, dragend, sharing one DataTransfer). Playwright's own mouse drag
 * starts no drag at all in Debian's Chromium here, so the gesture is played as its events.
 */
async function dragTo(page: Page, source: string, target: string) {
  await page.evaluate(
    ([from, to]) => {
      const item = document.querySelector(from) as HTMLElement;
      const group = document.querySelector(to) as HTMLElement;
      const dataTransfer = new DataTransfer();
      const fire = (el: HTMLElement, type: string) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
      fire(item, 'dragstart');
      fire(group, 'dragenter');
      fire(group, 'dragover');
      fire(group, 'drop');
      fire(item, 'dragend');
    },
    [source, target],
  );
}

describe('organisation scenarios', () => {
  let app: App;
  let leader: ApiClient;
  let tab: Tab;
  let page: Page;
  let built: TScenarioDetail;
  let integrated: TScenarioDetail;
  // Adopting takes effect today at the latest; the map the day before shows the organisation before.
  const effectiveFrom = isoDate(new Date());
  const dayBefore = isoDate(new Date(Date.now() - 86_400_000));
  let edited: TScenarioDetail['document']['functions'][number];

  beforeAll(async () => {
    app = await startApp();
    leader = await app.server.loginAs('leder@trekant.test');
    tab = await openTab(app);
    page = tab.page;
    await logIn(page, 'leder@trekant.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  it("builds a three-pillar scenario from today's map, moving a function and an effort by keyboard only", async () => {
    await page.goto('/organisation');
    await settle(page);
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Organisationsscenarier' }).click();
    await expectHeading(page, 'Organisationsscenarier');
    await settle(page);
    expect(await page.locator('.empty-state').textContent()).toContain('Der er ingen scenarier, du kan se, endnu.');
    await expectAccessible(page, 'scenarios (empty)');

    await page.getByRole('link', { name: 'Opret scenarie' }).first().click();
    await expectHeading(page, 'Opret scenarie');
    await settle(page);
    // The six templates are offered beside today's map, which is chosen, as of today.
    expect(await page.locator('input[name="new-scenario-from"]').count()).toBe(7);
    expect(await page.getByLabel('Dato', { exact: true }).inputValue()).toBe(formatIsoDate(isoDate(new Date())));
    await expectAccessible(page, 'create scenario');
    // Nothing typed: the error summary names the title.
    await page.getByRole('button', { name: 'Opret scenarie' }).click();
    await page.locator('.error-summary').getByRole('link', { name: 'Skriv en titel' }).waitFor();
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByRole('button', { name: 'Opret scenarie' }).click();
    await expectHeading(page, TITLE);
    await settle(page);
    expect(await page.getByRole('heading', { name: `Scenariet »${TITLE}« er oprettet` }).count()).toBe(1);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const created = (await leader.get<TScenarioDetail>(`/api/scenarios/${id}`)).body;
    expect(created.origin).toBe('today');
    // What the copy assumes is marked: the pillars (the map has none) and the salaries.
    expect(await page.locator('#scenario-pillars .assumed-tag').count()).toBeGreaterThan(0);
    expect(await page.locator('#scenario-functions .assumed-tag').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'scenario editor (from today)');

    for (const [key, name] of Object.entries(PILLARS)) await page.locator(`#pillars-${key}-name`).fill(name);

    // A function and an effort of the proactive pillar move to the operative one, by keyboard.
    const fn = created.document.functions.find((f) => f.unitKey !== null && f.pillarKey === 'general');
    const effort = created.document.efforts.find((e) => e.pillarKey === 'general');
    if (!fn || !effort) throw new Error('the copy of today has no function or effort in the general pillar');
    expect(await groupItems(page, 'scenario-functions', 'general')).toContain(`functions-${fn.key}`);
    await moveByKeyboard(page, `functions-${fn.key}-move`, 'Operativ');
    expect(await groupItems(page, 'scenario-functions', 'targeted')).toContain(`functions-${fn.key}`);
    expect(await groupItems(page, 'scenario-functions', 'general')).not.toContain(`functions-${fn.key}`);
    // Focus stays on the moved item (its move control, in its new place), and the move is announced.
    expect(await focusedId(page)).toBe(`functions-${fn.key}-move`);
    expect(await page.locator('form [role="status"][aria-live="polite"]').textContent()).toBe(`${fn.title} er flyttet til Operativ.`);

    await moveByKeyboard(page, `efforts-${effort.key}-move`, 'Operativ');
    expect(await groupItems(page, 'scenario-efforts', 'targeted')).toContain(`efforts-${effort.key}`);
    expect(await focusedId(page)).toBe(`efforts-${effort.key}-move`);
    expect(await page.locator('form [role="status"][aria-live="polite"]').textContent()).toBe(`${effort.title} er flyttet til Operativ.`);

    // Drag and drop does the same as the keyboard: another function to the reactive pillar.
    const dragged = created.document.functions.find((f) => f.unitKey !== null && f.pillarKey !== 'individual' && f.key !== fn.key);
    if (!dragged) throw new Error('no second function to drag');
    await dragTo(page, `#functions-${dragged.key}`, '#scenario-functions .scenario-group[data-pillar="individual"]');
    expect(await groupItems(page, 'scenario-functions', 'individual')).toContain(`functions-${dragged.key}`);

    expect(await page.locator('.scenario-save-status').textContent()).toBe('Du har ændringer, der ikke er gemt.');
    await page.getByRole('button', { name: 'Gem scenariet' }).click();
    await page.locator('.scenario-save-status', { hasText: 'Scenariet er gemt (version 2).' }).waitFor();
    built = (await leader.get<TScenarioDetail>(`/api/scenarios/${id}`)).body;
    expect(built.revision).toBe(2);
    expect(built.document.pillars.map((p) => p.name)).toEqual(['Proaktiv', 'Operativ', 'Reaktiv']);
    expect(built.document.functions.find((f) => f.key === fn.key)?.pillarKey).toBe('targeted');
    expect(built.document.functions.find((f) => f.key === dragged.key)?.pillarKey).toBe('individual');
    expect(built.document.efforts.find((e) => e.key === effort.key)?.pillarKey).toBe('targeted');
    await expectAccessible(page, 'scenario editor (saved)');
    tab.expectNoProblems();
  });

  it('edits hours and the assessment, says what is wrong at the field, and says so when someone else saved first', async () => {
    const fn = built.document.functions.find((f) => f.unitKey !== null && f.sourceId !== null && f.hoursPerWeek !== 30.5) as TScenarioDetail['document']['functions'][number];
    edited = fn;
    await page.locator(`#functions-${fn.key} summary`).click();
    const hours = page.locator(`#functions-${fn.key}-hoursPerWeek`);
    await hours.fill('90');
    await page.getByRole('button', { name: 'Gem scenariet' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByRole('link', { name: 'Skriv et tal fra 0 til 80' }).click();
    expect(await focusedId(page)).toBe(`functions-${fn.key}-hoursPerWeek`);
    await hours.fill('30,5');
    await page.locator('#criterion-anchoring-weight').selectOption('4');
    await page.locator('#criterion-anchoring-rationale').fill('Én forankring i en stabsenhed under direktionen');

    // Someone else saves meanwhile: this save is refused, with what to do.
    const other = await leader.put(`/api/scenarios/${built.id}`, { revision: built.revision, title: built.title, description: 'Rettet et andet sted', document: built.document, assessment: built.assessment });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Gem scenariet' }).click();
    await page.getByRole('heading', { name: 'En anden har gemt scenariet, efter du åbnede det' }).waitFor();
    await expectAccessible(page, 'scenario editor (conflict)');
    await page.getByRole('button', { name: 'Hent den nyeste udgave' }).click();
    await page.locator('.scenario-save-status', { hasText: 'Du ser nu den nyeste udgave af scenariet.' }).waitFor();
    expect(await focusedId(page)).toBe('scenario-title');
    expect(await page.locator('#scenario-description').inputValue()).toBe('Rettet et andet sted');

    await page.locator(`#functions-${fn.key} summary`).click();
    await hours.fill('30,5');
    await page.locator('#criterion-anchoring-weight').selectOption('4');
    await page.locator('#criterion-anchoring-rationale').fill('Én forankring i en stabsenhed under direktionen');
    await page.getByRole('button', { name: 'Gem scenariet' }).click();
    await page.locator('.scenario-save-status', { hasText: 'Scenariet er gemt (version 4).' }).waitFor();
    built = (await leader.get<TScenarioDetail>(`/api/scenarios/${built.id}`)).body;
    expect(built.document.functions.find((f) => f.key === fn.key)?.hoursPerWeek).toBe(30.5);
    expect(built.assessment.criteria.anchoring).toEqual({ weight: 4, rationale: 'Én forankring i en stabsenhed under direktionen' });
    tab.expectNoProblems();
  });

  it('starts a scenario from the integrated template', async () => {
    const templates = (await leader.get<TTemplateSummary[]>('/api/scenarios/templates')).body;
    const template = templates.find((t) => t.key === 'integrated') as TTemplateSummary;
    await page.goto('/organisation/scenarier/ny');
    await expectHeading(page, 'Opret scenarie');
    await settle(page);
    await page.getByLabel('Titel').fill('Integreret model');
    await page.getByRole('radio', { name: template.name }).check();
    await page.getByRole('button', { name: 'Opret scenarie' }).click();
    await expectHeading(page, 'Integreret model');
    await settle(page);
    integrated = (await leader.get<TScenarioDetail>(`/api/scenarios/${new URL(page.url()).pathname.split('/').pop()}`)).body;
    expect(integrated.origin).toBe('integrated');
    expect(await page.locator('#scenario-summary').textContent()).toContain(`Skabelon: ${template.name}`);
    // The warnings panel says what the template lacks, in the server's words.
    const warnings = await page.locator('#scenario-warnings li').allTextContents();
    expect(warnings.map((w) => w.replace(/^(Advarsel|Bemærk) /, ''))).toEqual(integrated.warnings.map((w) => w.da));
    await expectAccessible(page, 'scenario editor (template)');

    // A reporting line in a circle is refused by the server; its error lands at the forum's field.
    const child = integrated.document.forums.find((f) => f.reportsTo !== null);
    const parent = integrated.document.forums.find((f) => f.key === child?.reportsTo);
    if (!child || !parent) throw new Error('the template has no reporting line');
    await page.locator(`#forums-${parent.key} summary`).click();
    const line = page.locator(`#forums-${parent.key}-reportsTo`);
    const before = await line.locator('option:checked').textContent();
    await line.selectOption({ label: child.name });
    await page.getByRole('button', { name: 'Gem scenariet' }).click();
    await page.locator(`.error-summary a[href="#forums-${parent.key}-reportsTo"]`).click();
    expect(await focusedId(page)).toBe(`forums-${parent.key}-reportsTo`);
    expect(await page.locator(`#forums-${parent.key}-reportsTo-error`).isVisible()).toBe(true);
    await expectAccessible(page, 'scenario editor (refused)');
    await line.selectOption({ label: before ?? '' });

    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Organisationsscenarier' }).click();
    await expectHeading(page, 'Organisationsscenarier');
    await settle(page);
    const row = (title: string) => page.locator('#scenarios-table tbody tr', { has: page.getByRole('link', { name: title, exact: true }) }).locator('td').allTextContents();
    const [origin, author, sharing, status] = await row(TITLE);
    expect([origin, author, sharing, status]).toEqual([`Kortet pr. ${formatIsoDate(isoDate(new Date()))}`, 'Leder, Tryghed og Kriminalitetsforebyggelse', 'Kun dig', 'Udkast']);
    expect((await row('Integreret model'))[0]).toBe(`Skabelon: ${template.name}`);
    await expectAccessible(page, 'scenarios (two)');
    tab.expectNoProblems();
  });

  it('compares the two with today, with the figures of the API, and downloads the recommendation', async () => {
    await page.getByRole('navigation', { name: 'Organisation og fora' }).getByRole('link', { name: 'Sammenlign scenarier' }).click();
    await expectHeading(page, 'Sammenlign scenarier');
    await settle(page);
    await page.getByRole('checkbox', { name: TITLE }).check();
    await page.getByRole('checkbox', { name: 'Integreret model' }).check();
    await page.getByRole('checkbox', { name: 'Med kortet, som det ser ud i dag' }).check();
    await page.getByRole('button', { name: 'Sammenlign', exact: true }).click();
    await page.locator('#compare-resources').waitFor();
    await settle(page);
    await expectAccessible(page, 'compare');
    await screenshot(page, 'scenarios-compare');

    const api = (await leader.get<TScenarioComparison>(`/api/scenarios/compare?ids=${built.id},${integrated.id}&withToday=true`)).body.scenarios;
    const columns = await page.locator('#compare-anchoring thead th').allTextContents();
    expect(columns).toEqual(['Kriterium', ...api.map((s) => (s.id === null ? 'Kortet i dag' : s.title))]);
    const row = (table: string, header: string) => page.locator(`#${table} tbody tr`, { has: page.getByRole('rowheader', { name: header, exact: true }) }).locator('td').allTextContents();
    expect(await row('compare-anchoring', 'Centre, arbejdet er forankret i')).toEqual(api.map((s) => formatNumber(s.centres)));
    expect(await row('compare-anchoring', 'Ledelseslag op til direktionen')).toEqual(api.map((s) => formatNumber(s.layersToTopManagement)));
    const totals = await row('compare-resources', 'I alt');
    totals.forEach((cell, i) => expect(cell).toContain(`${formatDecimal(api[i].total.fte)} årsværk, ${formatDkk(Math.round(api[i].total.cost))}`));
    expect(await row('compare-forum-load', 'Fora')).toEqual(api.map((s) => formatNumber(s.forumLoad.forums)));
    expect(await row('compare-coverage', 'Indsatser for unge over 18')).toEqual(api.map((s) => (s.coverage.over18 ? 'Ja' : 'Nej')));

    // The choice is in the address: a reload keeps it.
    await page.reload();
    await page.locator('#compare-resources').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Integreret model' }).isChecked()).toBe(true);

    // The choice goes to the address first (a router transition), and the radio follows it.
    await page.getByRole('radio', { name: TITLE }).click();
    await expect.poll(() => page.getByRole('radio', { name: TITLE }).isChecked()).toBe(true);
    const docxHref = (await page.getByRole('link', { name: 'Hent arbejdsnotatet som Word-fil (DOCX)' }).getAttribute('href')) as string;
    const pdfHref = (await page.getByRole('link', { name: 'Hent arbejdsnotatet som PDF' }).getAttribute('href')) as string;
    expect(docxHref).toBe(`/api/scenarios/recommendation.docx?ids=${built.id}%2C${integrated.id}&withToday=true&recommended=${built.id}`);
    expect(pdfHref).toBe(docxHref.replace('.docx', '.pdf'));
    await expectAccessible(page, 'compare (recommended)');
    const docx = await page.request.get(docxHref);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const pdf = await page.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    tab.expectNoProblems();
  });

  it('shares the scenario with the steering group, adopts it from a date and shows the map as of that date', async () => {
    await page.goto(`/organisation/scenarier/${built.id}`);
    await expectHeading(page, TITLE);
    await settle(page);
    await page.getByRole('button', { name: 'Del med styregruppen' }).click();
    const share = page.getByRole('dialog', { name: 'Del med styregruppen' });
    await share.waitFor();
    await expectAccessible(page, 'confirm: share');
    await share.getByRole('button', { name: 'Del scenariet' }).click();
    await page.getByRole('heading', { name: 'Scenariet er delt med styregruppen' }).waitFor();
    await settle(page);
    expect(await page.locator('#scenario-summary .badge').allTextContents()).toEqual(['Udkast', 'Styregruppen']);

    // A steering member now reads it, without a field to change or a button to press.
    const steering = await openTab(app);
    await logIn(steering.page, 'styregruppe@trekant.test');
    await steering.page.goto(`/organisation/scenarier/${built.id}`);
    await expectHeading(steering.page, TITLE);
    await settle(steering.page);
    expect(await steering.page.locator('.org-content').locator('input, select, textarea, button:not(.assumed-tag)').count()).toBe(0);
    expect(await steering.page.locator('#scenario-pillars h3').allTextContents()).toEqual(expect.arrayContaining(['Proaktiv ', 'Operativ ', 'Reaktiv ']));
    await expectAccessible(steering.page, 'scenario (steering member, read-only)');
    steering.expectNoProblems();
    await steering.context.close();

    await page.getByLabel('Gælder fra').fill(formatIsoDate(effectiveFrom));
    await page.getByRole('button', { name: 'Vedtag', exact: true }).click();
    const adopt = page.getByRole('dialog', { name: 'Vedtag scenariet?' });
    await adopt.waitFor();
    await expectAccessible(page, 'confirm: adopt');
    await adopt.getByRole('button', { name: 'Vedtag scenariet' }).click();
    const when = formatIsoDate(effectiveFrom);
    await page.getByRole('heading', { name: `Scenariet er vedtaget og gælder fra ${when}` }).waitFor();
    await settle(page);
    expect(await page.locator('#scenario-adopted .alert-heading').textContent()).toBe(`Vedtaget, gælder fra ${when}`);
    // Adopted is read-only: no fields, no moves, no save.
    expect(await page.getByRole('button', { name: 'Gem scenariet' }).count()).toBe(0);
    expect(await page.locator('.org-content').locator('input, select, textarea').count()).toBe(0);
    await expectAccessible(page, 'scenario (adopted)');
    expect((await leader.get<TScenarioDetail>(`/api/scenarios/${built.id}`)).body).toMatchObject({ status: 'adopted', adoptedFrom: effectiveFrom });

    await page.getByRole('link', { name: `Se organisationen, som den ser ud pr. ${when}` }).click();
    await expectHeading(page, 'Organisationstræ');
    await settle(page);
    expect(new URL(page.url()).searchParams.get('dato')).toBe(effectiveFrom);
    // The hours changed in the scenario are the map's from that day, and not the day before.
    const hours = () => page.locator(`#fn-${edited.sourceId} td`).nth(1).textContent();
    expect(await hours()).toContain('30,5 t./uge');
    await expectAccessible(page, 'map as of the adoption');
    await page.goto(`/organisation/trae?dato=${dayBefore}`);
    await expectHeading(page, 'Organisationstræ');
    await settle(page);
    expect(await hours()).not.toContain('30,5');
    tab.expectNoProblems();
  });

  it('discards the template scenario after asking, and it stays readable', async () => {
    await page.goto(`/organisation/scenarier/${integrated.id}`);
    await expectHeading(page, 'Integreret model');
    await settle(page);
    await page.getByRole('button', { name: 'Kassér scenariet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kassér scenariet?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Scenariet kan ikke længere rettes, deles eller vedtages. Det kan stadig læses.');
    await expectAccessible(page, 'confirm: discard');
    await dialog.getByRole('button', { name: 'Kassér', exact: true }).click();
    await page.getByRole('heading', { name: 'Scenariet er kasseret', exact: true }).waitFor();
    await settle(page);
    expect(await page.locator('#scenario-summary .badge').first().textContent()).toBe('Kasseret');
    expect(await page.getByRole('button', { name: 'Gem scenariet' }).count()).toBe(0);
    expect((await leader.get<TScenarioDetail>(`/api/scenarios/${integrated.id}`)).body.status).toBe('discarded');
    await expectAccessible(page, 'scenario (discarded)');
    tab.expectNoProblems();
  });
});
