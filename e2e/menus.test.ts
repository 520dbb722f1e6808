/**
 * Menus promise only what a role can open: for every demo role, each link in the main menu
 * (on a wide screen and in the phone drawer), on the front page and in the modules' side menus
 * opens a page, never "no access" or "not found". Modules not built yet are in no menu.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../seeds/reference.ts';
import { type App, expectHeading, heading, logIn, openTab, settle, startApp } from './support/app.ts';

const REFUSALS = ['Du har ikke adgang til siden', 'Siden findes ikke'];
const COMING = ['/moeder', '/sager', '/gadeplan', '/indsigt'];

const hrefs = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
const texts = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));

describe('menus per role', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a partner sees only the modules a partner can open, wide and in the phone drawer', async () => {
    const wide = await openTab(app, { viewport: { width: 1366, height: 900 } });
    await logIn(wide.page, 'partner@trekant.test');
    await settle(wide.page);
    const menu = 'nav[aria-label="Hovedmenu"] a';
    expect(await texts(wide.page, menu)).toEqual(['Organisation og fora', 'Handlingsplan']);
    expect(await texts(wide.page, 'main a.card .card-heading')).toEqual(['Min konto', 'Organisation og fora', 'Handlingsplan']);
    await wide.page.getByRole('link', { name: 'Organisation og fora' }).first().click();
    await settle(wide.page);
    expect(await texts(wide.page, 'main nav .sidemenu a')).toEqual(['Mine fora']);
    wide.expectNoProblems();

    const phone = await openTab(app, { viewport: { width: 390, height: 844 } });
    await logIn(phone.page, 'partner@trekant.test');
    await settle(phone.page);
    await phone.page.getByRole('button', { name: 'Menu' }).click();
    expect(await texts(phone.page, '.mobile-drawer nav a')).toEqual(['Organisation og fora', 'Handlingsplan']);
    phone.expectNoProblems();
  });

  for (const user of DEMO_USERS.filter((u, i, all) => all.findIndex((v) => v.role === u.role) === i)) {
    it(`every link in the menus opens for the ${user.role}`, async () => {
      const { page, expectNoProblems } = await openTab(app, { viewport: { width: 1366, height: 900 } });
      await logIn(page, user.email);
      await settle(page);
      const top = await hrefs(page, 'nav[aria-label="Hovedmenu"] a');
      const front = await hrefs(page, 'main a');
      for (const path of [...top, ...front]) expect(COMING, `${path} is a module not built yet`).not.toContain(path);

      const toVisit = [...new Set([...top, ...front])];
      const visited = new Set<string>();
      while (toVisit.length > 0) {
        const path = toVisit.shift() as string;
        if (visited.has(path) || path.startsWith('/api/')) continue;
        visited.add(path);
        await page.goto(path);
        await settle(page);
        await page.locator('#page-heading').waitFor();
        expect(REFUSALS, `${user.role} opens ${path} from a menu`).not.toContain(await heading(page));
        // A module's side menu adds its sub-pages.
        for (const sub of await hrefs(page, 'main nav .sidemenu a')) if (!visited.has(sub)) toVisit.push(sub);
      }
      expect(visited.size).toBeGreaterThan(2);
      await page.goto('/');
      await expectHeading(page, `Goddag, ${user.name}`);
      expectNoProblems();
    });
  }
});
