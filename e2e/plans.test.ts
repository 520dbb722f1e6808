/**
 * The live action plan in the browser. The seed publishes this year's plan (version 1); the
 * journey makes it out of date by pausing an effort, revises it (the sections in the rich-text
 * editor, by keyboard), submits it, has the Lokalråd's three voting members approve it, publishes
 * it, reads the public page, and sees it go out of date again. Beside it: an analyst who reads
 * but has no buttons, the versions and their difference, the administrator's outbox with the
 * approval requests, the audit log's words, and a new year's plan. Every page goes through axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortList } from '../contracts/efforts.ts';
import type { TPlanDetail, TPlanSummary } from '../contracts/plans.ts';
import type { ApiClient } from '../test/support/test-server.ts';
import { isoDate } from '../web/lib/format.ts';
import { type App, expectAccessible, expectHeading, logIn, logOut, openTab, screenshot, settle, startApp } from './support/app.ts';

const RAGNAR = 'Tilsyn med foreningen Ragnar';
const INFOHUS = 'Infohus – forebyggelse af ekstremisme og radikalisering';
const YEAR = Number(isoDate(new Date()).slice(0, 4));
const TITLE = `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${YEAR}`;
const NEW_ITEM = 'Fælles mål for skole, socialforvaltning og politi';
const BOLD = 'Planen revideres hvert år';

/** The focused element, as a keyboard user would know it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim(), label: el?.getAttribute('aria-label') ?? '', pressed: el?.getAttribute('aria-pressed') ?? '' };
  });

/**
 * Presses a key in the rich-text editor the way a person does, one key at a time: ProseMirror
 * takes a caret moved by the browser (End, Home) from the next selection change, a frame later.
 */
async function press(page: Page, key: string) {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The workflow's step the newest version is at, as the step indicator marks it. */
const currentStep = (page: Page) => page.locator('.step-indicator li[aria-current="step"] .step-title').textContent();

async function openPlan(page: Page, planId: string) {
  await page.goto(`/handlingsplan/${planId}`);
  await expectHeading(page, TITLE);
  await settle(page);
}

/** Confirms a workflow step in its dialog, and waits for the page's message. */
async function confirmStep(page: Page, button: string, dialog: RegExp, yes: string, done: string | RegExp) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const modal = page.getByRole('dialog', { name: dialog });
  await modal.waitFor();
  await expectAccessible(page, `confirm: ${button}`);
  await modal.getByRole('button', { name: yes }).click();
  await page.getByRole('heading', { name: done }).waitFor();
  await settle(page);
}

describe('the action plan', () => {
  let app: App;
  let leader: ApiClient;
  let planId: string;
  let effortId: (title: string) => Promise<string>;
  beforeAll(async () => {
    app = await startApp();
    leader = await app.server.loginAs('leder@trekant.test');
    const plans = (await leader.get<TPlanSummary[]>('/api/plans')).body;
    planId = plans.find((p) => p.year === YEAR)?.id ?? '';
    effortId = async (title) => {
      const list = (await leader.get<TEffortList>('/api/efforts?limit=1000')).body;
      const found = list.items.find((e) => e.title === title);
      if (!found) throw new Error(`no effort ${title}`);
      return found.id;
    };
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an analyst reads the published plan and its documents, but sees no workflow buttons', async () => {
    expect(planId).not.toBe('');
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'analytiker@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Handlingsplan' }).click();
    await page.waitForURL(/\/handlingsplan$/);
    await expectHeading(page, 'Handlingsplan');
    await settle(page);
    expect(await page.locator('#plans-table tbody tr').first().locator('th, td').allTextContents()).toEqual([`Handlingsplan ${YEAR}`, '1', 'Offentliggjort', 'Version 1']);
    // Only editors start a new year's plan.
    expect(await page.getByRole('heading', { name: 'Ny handlingsplan' }).count()).toBe(0);
    await expectAccessible(page, 'plans list (analyst)');

    await page.getByRole('link', { name: `Handlingsplan ${YEAR}` }).click();
    await expectHeading(page, TITLE);
    await settle(page);
    expect(await currentStep(page)).toBe('Offentliggjort (udført)');
    expect(await page.locator('#plan-summary').textContent()).toBe('Version 1Offentliggjort');
    expect(await page.getByRole('heading', { name: 'Planen passer ikke længere med de indsatser, der kører' }).count()).toBe(0);
    // The approvers and their approvals, with who and when.
    expect(await page.locator('#plan-approvers tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent))).toEqual([
      'Centerchef, CBFCenterchef✓ Godkendt',
      'Centerchef, CKFCenterchef✓ Godkendt',
      'Leder, Tryghed og KriminalitetsforebyggelseLeder✓ Godkendt',
    ]);
    for (const name of ['Indsend til godkendelse', 'Godkend', 'Offentliggør', 'Træk tilbage', 'Start revision', 'Kommentér', 'Gem godkendelse']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('link', { name: 'Ret afsnit' }).count()).toBe(0);
    // The plan in its order, with the sections' own headings below the section's.
    expect(await page.locator('section.plan-part > h2').allTextContents()).toEqual(['Grundlag', 'Formål', 'Målgruppe', 'Organisering', 'Strategi', 'Mål', 'Indsatser']);
    expect(await page.locator('section.plan-part', { has: page.locator('#maal') }).locator('.rich-text h3').allTextContents()).toEqual(['Fælles overordnede mål']);
    expect(await page.locator('table.plan-efforts tbody th').allTextContents()).toContain(RAGNAR);
    expect(await page.locator('table.plan-efforts .badge-demo').count()).toBeGreaterThan(0);
    expect(await page.locator('table.plan-efforts tbody td.plan-budget').first().textContent()).toMatch(/^\d{1,3}(\.\d{3})* kr\./);
    expect(await page.getByRole('link', { name: 'Hent version 1 som Word-fil (DOCX)' }).getAttribute('href')).toBe(`/api/plans/${planId}/versions/1/plan.docx`);
    const pdf = await page.request.get((await page.getByRole('link', { name: 'Hent version 1 som PDF' }).getAttribute('href')) as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expectAccessible(page, 'plan page (analyst)');
    await screenshot(page, 'plan-published');

    // The editor's page is not for readers.
    await page.goto(`/handlingsplan/${planId}/afsnit`);
    await expectHeading(page, 'Du har ikke adgang til siden');

    // The public page belongs to the server: should the app's router be sent there (history),
    // the browser loads the server's page instead of the app's "not found".
    await page.evaluate(() => {
      history.pushState({}, '', '/offentlig/183/handlingsplan');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.locator('header .authority-name').waitFor();
    expect(await page.locator('h1#page-heading').textContent()).toBe(TITLE);
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).count()).toBe(0);
    expectNoProblems();
  });

  it('a street worker reads the plan on a phone, without the page scrolling sideways', async () => {
    const { page, expectNoProblems } = await openTab(app, { viewport: { width: 360, height: 800 } });
    await logIn(page, 'gadeplan@trekant.test');
    await openPlan(page, planId);
    expect(await page.locator('table.plan-efforts').count()).toBe(3);
    // Tables scroll in their own frame; the page does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'plan page (street worker, phone)');
    expectNoProblems();
  });

  it('a leader pauses an effort, and the plan says it is out of date, with exactly what changed', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'leder@trekant.test');
    await page.goto(`/indsatser/${await effortId(RAGNAR)}`);
    await expectHeading(page, RAGNAR);
    await settle(page);
    await page.getByLabel('Ny status').selectOption({ label: 'Sat i bero' });
    await page.getByLabel('Begrundelse').fill('Foreningen har ingen aktiviteter i år');
    await page.getByRole('button', { name: 'Skift status' }).click();
    await page.getByRole('heading', { name: 'Indsatsen er nu sat i bero' }).waitFor();

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Handlingsplan' }).click();
    await expectHeading(page, 'Handlingsplan');
    await settle(page);
    expect(await page.locator('#plans-table tbody tr').first().locator('td').nth(1).textContent()).toBe('OffentliggjortSkal revideres');
    await page.getByRole('link', { name: `Handlingsplan ${YEAR}` }).click();
    await expectHeading(page, TITLE);
    await settle(page);
    const alert = page.locator('#plan-out-of-date');
    expect(await alert.getByRole('heading', { level: 2 }).textContent()).toBe('Planen passer ikke længere med de indsatser, der kører');
    // Exactly the change since the approval: the paused effort, with its status now.
    expect(await alert.locator('h3').allTextContents()).toEqual(['Ikke længere i planen (1)']);
    expect(await alert.locator('li').allTextContents()).toEqual([`${RAGNAR} – sat i bero`]);
    // A leader may revise too; the button stands beside the changes.
    expect(await alert.getByRole('button', { name: 'Start revision' }).count()).toBe(1);
    await expectAccessible(page, 'plan out of date');
    await screenshot(page, 'plan-out-of-date');
    expectNoProblems();
  });

  it('a consultant revises the plan, writes in the sections by keyboard, saves and submits it', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await openPlan(page, planId);
    await page.locator('#plan-out-of-date').getByRole('button', { name: 'Start revision' }).click();
    await page.getByRole('heading', { name: 'Version 2 er oprettet som kladde. Ret afsnittene, og indsend planen, når den er klar.' }).waitFor();
    await settle(page);
    expect(await currentStep(page)).toBe('Kladde');
    // A revision is not "out of date": it says what it will change from the version in force.
    expect(await page.locator('#plan-summary').textContent()).toBe('Version 2Kladdereviderer version 1, der gælder nu');
    expect(await page.locator('#plan-out-of-date').count()).toBe(0);
    const revision = page.locator('#plan-revision');
    expect(await revision.getByRole('heading', { level: 2 }).textContent()).toBe('Det ændrer version 2');
    expect(await revision.locator('.plan-changes-removed li').allTextContents()).toEqual([`${RAGNAR} – sat i bero`]);
    // The draft shows live data: the paused effort is no longer in it.
    expect(await page.locator('table.plan-efforts tbody th').allTextContents()).not.toContain(RAGNAR);
    // The approving forum and its rule can be changed in a draft.
    expect(await page.getByLabel('Godkendende forum').locator('option:checked').textContent()).toBe('Lokalråd');
    expect(await page.getByRole('radio', { name: 'Alle stemmeberettigede skal godkende' }).isChecked()).toBe(true);
    await expectAccessible(page, 'plan draft (consultant)');

    await page.getByRole('link', { name: 'Ret afsnit' }).click();
    await expectHeading(page, 'Ret planens afsnit');
    await settle(page);
    const purpose = page.getByRole('textbox', { name: 'Formål' });
    await purpose.waitFor();
    expect(await page.getByRole('toolbar', { name: 'Formatering af Formål' }).getByRole('button').allTextContents()).toEqual([
      'Overskrift',
      'Underoverskrift',
      'Punktliste',
      'Nummereret liste',
      'Fed',
      'Kursiv',
      'Link',
      'Fjern link',
    ]);
    await expectAccessible(page, 'sections editor');

    // A new item at the end of the purpose's list: Enter at the end of the last item.
    await purpose.locator('li').last().click();
    await press(page, 'End');
    await press(page, 'Enter');
    await page.keyboard.type(NEW_ITEM);
    // Enter twice leaves the list for a new paragraph; its words are made bold from the toolbar.
    await press(page, 'Enter');
    await press(page, 'Enter');
    await page.keyboard.type(BOLD);
    await press(page, 'Shift+Home');
    // Shift+Tab leads to the toolbar (one stop); the arrow keys move along it.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ text: 'Overskrift', pressed: 'false' });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ text: 'Fed', pressed: 'false' });
    await page.keyboard.press('Enter');
    // The command returns to the text (a frame later), with the selection now bold.
    await expect.poll(async () => (await focused(page)).label).toBe('Formål');
    await expect.poll(() => page.getByRole('toolbar', { name: 'Formatering af Formål' }).getByRole('button', { name: 'Fed' }).getAttribute('aria-pressed')).toBe('true');
    // Tab leaves the text for the next section's toolbar: nobody is held in the editor.
    await press(page, 'End');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: 'Overskrift' });
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]')?.getAttribute('aria-label'))).toBe('Formatering af Målgruppe');

    // A link asks for its address in the page; a wrong one is refused at the field.
    const goals = page.getByRole('textbox', { name: 'Mål', exact: true });
    await goals.locator('p', { hasText: 'Målene er eksempler' }).click();
    await press(page, 'End');
    await press(page, 'Enter');
    await page.keyboard.type('Læs mere hos DKR');
    await press(page, 'Shift+Home');
    await page.getByRole('toolbar', { name: 'Formatering af Mål', exact: true }).getByRole('button', { name: 'Link', exact: true }).click();
    const address = page.getByRole('textbox', { name: 'Linkets adresse' });
    expect(await address.evaluate((el) => el === document.activeElement)).toBe(true);
    await address.fill('dkr');
    await address.press('Enter');
    expect(await page.locator('.rich-text-link-form .form-error-message').textContent()).toContain('Skriv en adresse, der begynder med https://');
    await address.fill('www.dkr.dk');
    await address.press('Enter');
    expect(await goals.locator('a').getAttribute('href')).toBe('https://www.dkr.dk');
    await expectAccessible(page, 'sections editor after editing');
    await screenshot(page, 'plan-sections-editor');

    await page.getByRole('button', { name: 'Gem afsnit' }).click();
    await expectHeading(page, TITLE);
    await page.getByRole('heading', { name: 'Afsnittene er gemt' }).waitFor();
    await settle(page);
    const saved = page.locator('section.plan-part', { has: page.locator('#formaal') });
    expect(await saved.locator('li').last().textContent()).toBe(NEW_ITEM);
    expect(await saved.locator('strong').last().textContent()).toBe(BOLD);
    expect(await page.locator('section.plan-part', { has: page.locator('#maal') }).locator('a[href="https://www.dkr.dk"]').textContent()).toBe('Læs mere hos DKR');
    const stored = (await leader.get<TPlanDetail>(`/api/plans/${planId}`)).body.content.sections.purpose;
    expect(stored).toContain(`<strong>${BOLD}</strong>`);
    expect(stored).toContain(NEW_ITEM);
    // The message is about the save: it goes when the user goes elsewhere, and does not come
    // back with the browser's Back.
    const plansMenu = page.getByRole('navigation', { name: 'Handlingsplan' });
    await plansMenu.getByRole('link', { name: 'Versioner og ændringer' }).click();
    await expectHeading(page, `Versioner af Handlingsplan ${YEAR}`);
    await page.goBack();
    await expectHeading(page, TITLE);
    await settle(page);
    expect(await page.getByRole('heading', { name: 'Afsnittene er gemt' }).count()).toBe(0);

    // Submitting asks first, and says who will be asked.
    await confirmStep(page, 'Indsend til godkendelse', /^Vil du indsende Handlingsplan \d{4}, version 2, til godkendelse\?$/, 'Ja, indsend planen', 'Planen er indsendt til godkendelse. De stemmeberettigede har fået en e-mail.');
    expect(await currentStep(page)).toBe('Indsendt');
    expect(await page.locator('#plan-approval-count').textContent()).toBe('0 af 3 har godkendt.');
    expect(await page.locator('#plan-approvers tbody td.plan-approver-state').allTextContents()).toEqual(['Afventer', 'Afventer', 'Afventer']);
    // A consultant does not vote, and the text is locked now.
    expect(await page.getByRole('button', { name: 'Godkend', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ret afsnit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Træk tilbage' }).count()).toBe(1);
    // What the approvers approve: the changes from version 1, the text word by word.
    expect(await page.locator('#plan-summary').textContent()).toBe('Version 2Indsendtreviderer version 1, der gælder nu');
    expect(await page.locator('#plan-out-of-date').count()).toBe(0);
    const submittedChanges = page.locator('#plan-revision');
    expect(await submittedChanges.locator('.plan-changes-sections li > strong').allTextContents()).toEqual(['Formål', 'Mål']);
    const inserted = (await submittedChanges.locator('.plan-changes-sections ins').allTextContents()).join(' ');
    expect(inserted).toMatch(/^indsat: /);
    expect(inserted).toContain(NEW_ITEM);
    await expectAccessible(page, 'plan submitted');
    await screenshot(page, 'plan-submitted-changes');

    // The versions, and what differs between the approved version and the new one.
    await page.getByRole('navigation', { name: 'Handlingsplan' }).getByRole('link', { name: 'Versioner og ændringer' }).click();
    await expectHeading(page, `Versioner af Handlingsplan ${YEAR}`);
    await settle(page);
    expect(await page.locator('#versions-table tbody th').allTextContents()).toEqual(['Version 2', 'Version 1']);
    expect(await page.locator('#versions-table tbody tr').first().locator('td').first().textContent()).toBe('Indsendt');
    const diff = page.locator('#plan-diff');
    await diff.waitFor();
    expect(await diff.locator('h3').textContent()).toBe('Fra version 1 til version 2');
    expect(await diff.locator('.plan-changes-removed li').allTextContents()).toEqual([`${RAGNAR} – sat i bero`]);
    expect(await diff.locator('.plan-changes-sections li > strong').allTextContents()).toEqual(['Formål', 'Mål']);
    await expectAccessible(page, 'versions and their difference');
    await screenshot(page, 'plan-versions');
    // The other way round, kept in the address.
    await page.getByLabel('Fra version').selectOption('2');
    await page.getByLabel('Til version').selectOption('1');
    await page.waitForURL(/fra=2&til=1/);
    await expect.poll(() => diff.locator('h3').textContent()).toBe('Fra version 2 til version 1');
    expect(await diff.locator('.plan-changes-added li').allTextContents()).toEqual([RAGNAR]);

    // Version 1 as it was: read only, its documents, and the effort still in it.
    await page.getByRole('link', { name: 'Version 1', exact: true }).click();
    await expectHeading(page, `Handlingsplan ${YEAR}, version 1`);
    await settle(page);
    expect(await page.locator('table.plan-efforts tbody th').allTextContents()).toContain(RAGNAR);
    expect(await page.getByRole('link', { name: 'Hent version 1 som PDF' }).count()).toBe(1);
    expect(await page.getByRole('button').filter({ hasText: /Godkend|Indsend|Offentliggør/ }).count()).toBe(0);
    await expectAccessible(page, 'version 1');
    expectNoProblems();
  });

  it('the three voting members approve (one comments first), and a leader publishes the plan', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'styregruppe@trekant.test');
    await openPlan(page, planId);
    // A comment needs words: the error summary leads to the field.
    await page.getByRole('button', { name: 'Kommentér', exact: true }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Skriv en kommentar på mindst 3 tegn']);
    await expectAccessible(page, 'comment with an error');
    await page.getByLabel('Kommentar', { exact: true }).fill('Husk at melde budgettet for Gadeplan ud i SSP-netværket.');
    await page.getByRole('button', { name: 'Kommentér', exact: true }).click();
    await page.getByRole('heading', { name: 'Din kommentar er gemt' }).waitFor();
    await settle(page);
    expect(await page.locator('table.plan-decisions tbody tr').first().locator('th, td').allTextContents()).toEqual([
      'Centerchef, CBFCenterchef',
      'Kommentar',
      'Husk at melde budgettet for Gadeplan ud i SSP-netværket.',
      expect.stringMatching(/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{2}\.\d{2}$/),
    ]);
    await confirmStep(page, 'Godkend', /^Vil du godkende Handlingsplan \d{4}, version 2\?$/, 'Ja, godkend planen', 'Du har godkendt planen');
    expect(await page.locator('#plan-approval-count').textContent()).toBe('1 af 3 har godkendt.');
    expect(await page.locator('#plan-approvers tbody td.plan-approver-state').allTextContents()).toEqual(['✓ Godkendt', 'Afventer', 'Afventer']);
    // One approval each: the button is gone for this member.
    expect(await page.getByRole('button', { name: 'Godkend', exact: true }).count()).toBe(0);
    await logOut(page);

    await logIn(page, 'centerchef@trekant.test');
    await openPlan(page, planId);
    await confirmStep(page, 'Godkend', /^Vil du godkende/, 'Ja, godkend planen', 'Du har godkendt planen');
    expect(await page.locator('#plan-approval-count').textContent()).toBe('2 af 3 har godkendt.');
    await logOut(page);

    // The leader of TKF holds a seat in the Lokalråd too: the last vote, then publishing.
    await logIn(page, 'leder@trekant.test');
    await openPlan(page, planId);
    await confirmStep(page, 'Godkend', /^Vil du godkende/, 'Ja, godkend planen', 'Du har godkendt planen. Nu er planen godkendt.');
    expect(await currentStep(page)).toBe('Godkendt');
    expect(await page.locator('#plan-approvers tbody td.plan-approver-state').allTextContents()).toEqual(['✓ Godkendt', '✓ Godkendt', '✓ Godkendt']);
    // Approved, not yet published: the approval itself is up to date again.
    expect(await page.locator('#plan-summary').textContent()).toBe('Version 2Godkendt');
    await expectAccessible(page, 'plan approved');
    await confirmStep(page, 'Offentliggør', /^Vil du offentliggøre Handlingsplan \d{4}, version 2\?$/, 'Ja, offentliggør planen', 'Planen er offentliggjort');
    expect(await currentStep(page)).toBe('Offentliggjort (udført)');
    // The last step is done too: four ticks, no "4".
    const steps = page.locator('.step-indicator li');
    expect(await steps.locator('.step-icon').count()).toBe(4);
    expect(await steps.locator('.step-number').count()).toBe(0);
    await screenshot(page, 'plan-published-v2');

    // The public page is the server's, not the app's: the link leaves the app for it.
    await page.getByRole('link', { name: 'Se den offentliggjorte plan (version 2)' }).click();
    await page.waitForURL(/\/offentlig\/183\/handlingsplan$/);
    await page.locator('footer').getByText('Version 2').waitFor();
    expect(await page.locator('h1#page-heading').textContent()).toBe(TITLE);
    expect(await page.locator('main').textContent()).not.toContain(RAGNAR);
    expect(await page.locator('#formaal strong', { hasText: BOLD }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain(NEW_ITEM);
    await expectAccessible(page, 'public plan, version 2');
    expectNoProblems();
  });

  it('pausing another effort makes the published plan out of date again, and a revision is offered', async () => {
    const paused = await leader.post(`/api/efforts/${await effortId(INFOHUS)}/status`, { status: 'paused', reason: 'Samarbejdet er sat i bero' });
    expect(paused.status).toBe(200);
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await openPlan(page, planId);
    const alert = page.locator('#plan-out-of-date');
    expect(await alert.getByRole('heading', { level: 2 }).textContent()).toBe('Planen passer ikke længere med de indsatser, der kører');
    expect(await alert.textContent()).toContain('Den godkendte plan (version 2)');
    expect(await alert.locator('li').allTextContents()).toEqual([`${INFOHUS} – sat i bero`]);
    expect(await alert.getByRole('button', { name: 'Start revision' }).count()).toBe(1);
    expect(await page.locator('#plan-summary').textContent()).toBe('Version 2OffentliggjortSkal revideres');
    await expectAccessible(page, 'plan out of date again');
    expectNoProblems();
  });

  it('an administrator reads the approval requests in the outbox, and the audit log names the plan steps', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await settle(page);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Udbakke' }).click();
    await page.waitForURL(/\/admin\/udbakke$/);
    await expectHeading(page, 'Udbakke');
    await settle(page);
    const subject = `Handlingsplan ${YEAR} (version 2) til godkendelse`;
    const rows = page.locator('#outbox-table tbody tr', { hasText: subject });
    expect(await rows.count()).toBe(3);
    expect((await rows.locator('td:nth-child(2)').allTextContents()).sort()).toEqual(['centerchef@trekant.test', 'leder@trekant.test', 'styregruppe@trekant.test']);
    // No mail server in the test: the messages wait in the outbox.
    expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(['I udbakken (ikke sendt)', 'I udbakken (ikke sendt)', 'I udbakken (ikke sendt)']);
    await expectAccessible(page, 'outbox');
    await screenshot(page, 'outbox');

    await page.locator('#outbox-table tbody tr', { hasText: 'styregruppe@trekant.test' }).getByRole('link', { name: subject }).click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.waitFor();
    const body = (await dialog.locator('pre.outbox-body').textContent()) ?? '';
    expect(body).toMatch(/^Kære Centerchef, CBF\n\nProaktiv kriminalpræventiv konsulent har sendt/);
    expect(body).toContain(`/handlingsplan/${planId}`);
    expect(page.url()).toContain('besked=');
    await expectAccessible(page, 'outbox message');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(page.url()).not.toContain('besked=');

    await page.goto('/admin/revisionslog?action=plan.published');
    await settle(page);
    const row = page.locator('#audit-table tbody tr').first();
    expect(await row.locator('td').nth(1).textContent()).toContain('Handlingsplan offentliggjort');
    expect(await row.locator('td').nth(3).textContent()).toBe('Handlingsplan');
    // Efforts' entities have their names too.
    await page.goto('/admin/revisionslog?action=effort.status_changed');
    await settle(page);
    expect(await page.locator('#audit-table tbody tr').first().locator('td').nth(3).textContent()).toBe('Indsats');
    expectNoProblems();
  });

  it("a consultant starts next year's plan, after the form has refused a year that has one", async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await page.goto('/handlingsplan');
    await expectHeading(page, 'Handlingsplan');
    await settle(page);
    const year = page.getByLabel('År', { exact: true });
    expect(await year.inputValue()).toBe(String(YEAR + 1));
    await year.fill(String(YEAR));
    await page.getByRole('button', { name: 'Opret handlingsplan' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual([`Der er allerede en handlingsplan for ${YEAR}`]);
    await expectAccessible(page, 'new plan with an error');
    await year.fill(String(YEAR + 1));
    await page.getByRole('button', { name: 'Opret handlingsplan' }).click();
    await expectHeading(page, `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${YEAR + 1}`);
    await page.getByRole('heading', { name: `Handlingsplanen for ${YEAR + 1} er oprettet som kladde` }).waitFor();
    await settle(page);
    expect(await currentStep(page)).toBe('Kladde');
    // It starts from the newest text there is.
    expect(await page.locator('section.plan-part', { has: page.locator('#formaal') }).locator('strong').last().textContent()).toBe(BOLD);
    expect(await page.getByRole('button', { name: 'Indsend til godkendelse' }).count()).toBe(1);
    await expectAccessible(page, 'new plan');
    expectNoProblems();
  });
});
