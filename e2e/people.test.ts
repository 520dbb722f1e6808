/**
 * People and what they are told: an administrator links a user to a function of the map and
 * ends the link; the user's "My forums" follows. A plan sent for approval reaches the voters in
 * the app: the header counts the unread message, the front page lists the plan "for you", and
 * the messages page marks it read. Assumed reference data carries an "antaget" tag whose reason
 * shows on keyboard focus. Every page goes through axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanDetail } from '../contracts/plans.ts';
import type { ApiClient } from '../test/support/test-server.ts';
import { type App, expectAccessible, expectHeading, logIn, logOut, openTab, settle, startApp } from './support/app.ts';
import { danishToday } from '../server/platform/danish-time.ts';

describe('people, functions and messages', () => {
  let app: App;
  let consultant: ApiClient;
  beforeAll(async () => {
    app = await startApp();
    consultant = await app.server.loginAs('konsulent@trekant.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an administrator links the analyst to a function, the analyst sees its forums, and the link ends', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/admin/brugere');
    await settle(page);
    await page.getByRole('link', { name: 'Analytiker' }).click();
    await expectHeading(page, 'Analytiker');
    await settle(page);
    const section = page.locator('section[aria-labelledby="holdings-heading"]');
    expect(await section.getByText('Brugeren varetager ingen funktioner.').isVisible()).toBe(true);

    // Without a function the form says so, by the field.
    await page.getByRole('button', { name: 'Tilknyt funktion' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allTextContents()).toEqual(['Vælg en funktion']);
    await page.getByLabel('Funktion', { exact: true }).selectOption({ label: 'Konsulent for reaktiv kriminalitetsforebyggelse (Tryghed og Kriminalitetsforebyggelse)' });
    await page.getByLabel(/^Første dag/).fill('1.1.2026');
    await page.getByRole('button', { name: 'Tilknyt funktion' }).click();
    await page.getByRole('heading', { name: 'Funktionen er tilknyttet' }).waitFor();
    const rows = page.locator('#holdings tbody tr');
    expect(await rows.first().locator('th, td').allTextContents()).toEqual([
      'Konsulent for reaktiv kriminalitetsforebyggelse, Tryghed og Kriminalitetsforebyggelse',
      '1.1.2026',
      '–',
      'Varetager nu',
      'Afslut Konsulent for reaktiv kriminalitetsforebyggelse',
    ]);
    await expectAccessible(page, 'user with a function');
    await logOut(page);

    await logIn(page, 'analytiker@trekant.test');
    await page.goto('/organisation/mine-fora');
    await expectHeading(page, 'Mine fora');
    await settle(page);
    expect(await page.locator('table tbody tr th').allTextContents()).toEqual(['Koordinationsgruppen', 'SSP-NU o18']);
    await logOut(page);

    // The link ends on a day: the last day held.
    await logIn(page, 'administrator@trekant.test');
    await page.goto('/admin/brugere');
    await settle(page);
    await page.getByRole('link', { name: 'Analytiker' }).click();
    await settle(page);
    await page.getByRole('button', { name: 'Afslut Konsulent for reaktiv kriminalitetsforebyggelse' }).click();
    const dialog = page.getByRole('dialog', { name: 'Afslut tilknytningen til Konsulent for reaktiv kriminalitetsforebyggelse' });
    await dialog.waitFor();
    await dialog.getByLabel('Sidste dag').fill('31.12.2025');
    await dialog.getByRole('button', { name: 'Afslut tilknytning' }).click();
    // The server's answer comes after the click: wait for the error rather than look at once.
    await dialog.getByText('Slutdatoen ligger før tilknytningens første dag').waitFor();
    await expectAccessible(page, 'end a link, with an error');
    const [y, m, d] = danishToday().split('-').map(Number);
    await dialog.getByLabel('Sidste dag').fill(`${d}.${m}.${y}`);
    await dialog.getByRole('button', { name: 'Afslut tilknytning' }).click();
    await page.getByRole('heading', { name: 'Tilknytningen er afsluttet' }).waitFor();
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(`${d}.${m}.${y}`);
    expect(await page.getByRole('button', { name: /^Afslut / }).count()).toBe(0);
    await expectAccessible(page, 'user with an ended link');
    expectNoProblems();
  });

  it('a voter is told in the app: header count, "for you" on the front page, and the message marked read', async () => {
    const year = Number(danishToday().slice(0, 4)) + 1;
    const plan = (await consultant.post<TPlanDetail>('/api/plans', { year })).body;
    expect((await consultant.post(`/api/plans/${plan.id}/submit`)).status).toBe(200);

    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'styregruppe@trekant.test');
    await settle(page);
    const link = page.locator('.portal-user').getByRole('link', { name: /^Beskeder/ });
    await expect.poll(() => link.textContent()).toBe('Beskeder1 ulæste');
    const forYou = page.locator('section[aria-labelledby="for-you-heading"]');
    await forYou.getByRole('heading', { name: 'Venter på din godkendelse' }).waitFor();
    expect(await forYou.getByRole('link').allTextContents()).toEqual([`Handlingsplan ${year}, version 1`]);
    await expectAccessible(page, 'front page for you');

    await link.click();
    await expectHeading(page, 'Beskeder');
    await settle(page);
    expect(await page.getByRole('status').textContent()).toBe('1 ulæste');
    expect(await page.locator('.notifications-list li a').allTextContents()).toEqual([`Proaktiv kriminalpræventiv konsulent har sendt handlingsplanen ${year} (version 1) til din godkendelse`]);
    await expectAccessible(page, 'messages');
    await page.getByRole('button', { name: /^Markér som læst/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Du har læst alle dine beskeder.');
    await expect.poll(() => link.textContent()).toBe('Beskeder');

    // The link leads to the plan, where the vote is.
    await page.locator('.notifications-list li a').click();
    await page.waitForURL(new RegExp(`/handlingsplan/${plan.id}$`));
    await settle(page);
    expect(await page.getByRole('button', { name: 'Godkend', exact: true }).count()).toBe(1);
    expectNoProblems();
  });

  it('marks assumed reference data "antaget", with the reason on keyboard focus', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await logIn(page, 'konsulent@trekant.test');
    await page.goto('/organisation/trae');
    await settle(page);
    const cbe = page.locator('.org-node', { has: page.getByRole('heading', { name: /^CBE/ }) }).first();
    const tag = cbe.getByRole('button', { name: 'antaget' });
    const reason = cbe.getByRole('tooltip');
    expect(await reason.isVisible()).toBe(false);
    await tag.focus();
    await expect.poll(() => reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toBe('Centrets fulde navn står ikke i notatet.');
    expect(await tag.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    await expectAccessible(page, 'organisation tree with an assumed name');
    await page.keyboard.press('Escape');
    await expect.poll(() => reason.isVisible()).toBe(false);
    // The notes are no longer shown as descriptions.
    expect(await page.getByText('Centrets fulde navn står ikke i notatet.').count()).toBe(4);
    expect(await page.locator('.org-node-description', { hasText: 'notatet' }).count()).toBe(0);
    expectNoProblems();
  });
});
