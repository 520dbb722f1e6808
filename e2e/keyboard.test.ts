import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectHeading, openTab, settle, startApp } from './support/app.ts';

interface Focused {
  tag: string;
  id: string;
  text: string;
  outline: string;
  boxShadow: string;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.textContent ?? '').trim(),
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      boxShadow: style?.boxShadow ?? '',
    };
  });

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max`. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, max = 40): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (matches(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

const visibleFocus = (f: Focused) => (f.outline !== '' && !f.outline.startsWith('none')) || (f.boxShadow !== '' && f.boxShadow !== 'none');

describe('keyboard only', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs in and reaches the account page with Tab and Enter, without the mouse', async () => {
    const { page, expectNoProblems } = await openTab(app);
    await page.goto('/login');
    await settle(page);

    // The first Tab lands on the skip link, which is visible when focused and jumps to the content.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip.text).toBe('Gå til sidens indhold');
    expect(visibleFocus(skip)).toBe(true);
    expect(await page.getByRole('link', { name: 'Gå til sidens indhold' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main-content');

    const email = await tabTo(page, (f) => f.id === 'email');
    expect(visibleFocus(email)).toBe(true);
    await page.keyboard.type('styregruppe@trekant.test');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('password');
    await page.keyboard.type('Trekant-demo-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await settle(page);
    await expectHeading(page, 'Goddag, Centerchef, CBF');

    // From the front page, Tab to the link to my account and follow it with Enter.
    const link = await tabTo(page, (f) => f.tag === 'a' && f.text === 'Centerchef, CBF');
    expect(visibleFocus(link)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/konto');
    // Focus moved to the new page's  so a screen reader starts there.
    await expect.poll(async () => (await focused(page)).id).toBe('page-heading');
    await expectHeading(page, 'Min konto');

    // Inside the account page, a confirmation dialog opens, traps focus and closes with Escape.
    await settle(page);
    const endAll = await tabTo(page, (f) => f.tag === 'button' && f.text === 'Log ud alle steder', 80);
    expect(visibleFocus(endAll)).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Vil du logge ud alle steder?' });
    await dialog.waitFor();
    expect((await focused(page)).text).toBe('Log ud alle steder');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).text).toBe('Log ud alle steder');
    expectNoProblems();
  });
});
