/**
 * The pages a phone user reads, at 390 px: no text is cut off or runs out of its box or the
 * page, no word breaks without a hyphen, SVG labels stay inside their picture, wide tables keep
 * their first column in view while they scroll, and the efforts filters fold away.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, expectAccessible, logIn, openTab, screenshot, settle, startApp } from './support/app.ts';

const PHONE = { width: 390, height: 844 };

/** What a person would see as broken on the page as it is now, in words for the failure. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${viewport} px window`);
    // A box that scrolls sideways on purpose (a wide table's frame) may hold wider content.
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && p !== document.documentElement && p !== document.body) return p;
      }
      return null;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('.sr-only, [hidden], [aria-hidden="true"] svg');
    };
    const textElements = [...document.querySelectorAll('body *')].filter(
      (el) => !(el instanceof SVGElement) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '') && visible(el),
    );
    for (const el of textElements) {
      const style = getComputedStyle(el);
      // Text cut off by its own box.
      if (style.overflowX !== 'visible' && style.overflowX !== 'auto' && style.overflowX !== 'scroll' && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${describe(el)}`);
      // Text running out of the window.
      const r = el.getBoundingClientRect();
      if (!inScroller(el) && (r.right > viewport + 1 || r.left < -1)) problems.push(`outside the window (${Math.round(r.left)}–${Math.round(r.right)} px): ${describe(el)}`);
      // A word broken across two lines where it has no hyphen (visible or soft) to break at.
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[\p{L}\u00AD-]{2,}/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1 && !/[\u00AD-]/.test(match[0])) problems.push(`“${match[0]}” breaks mid-word in ${describe(el)}`);
        }
      }
    }
    // SVG labels: inside their picture's viewBox, and the picture inside the window.
    for (const svg of document.querySelectorAll('main svg[viewBox]')) {
      const box = (svg as SVGSVGElement).viewBox.baseVal;
      for (const text of svg.querySelectorAll('text')) {
        const b = (text as SVGTextElement).getBBox();
        if (b.width === 0) continue;
        if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5) problems.push(`SVG text outside its picture: “${text.textContent}”`);
      }
      const r = svg.getBoundingClientRect();
      if (!inScroller(svg) && (r.right > viewport + 1 || r.left < -1)) problems.push(`a picture outside the window: ${describe(svg)}`);
    }
    return problems;
  });
}

/** Every table that scrolls sideways keeps its first column in view when scrolled to the end. */
async function stickyFirstColumns(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const frame of document.querySelectorAll<HTMLElement>('main .table--responsive-scroll, main .matrix-scroll')) {
      if (frame.scrollWidth <= frame.clientWidth + 1) continue;
      frame.scrollLeft = frame.scrollWidth;
      const left = frame.getBoundingClientRect().left;
      for (const cell of frame.querySelectorAll<HTMLTableCellElement>('tbody tr > :first-child')) {
        if (Math.abs(cell.getBoundingClientRect().left - left) > 2) {
          problems.push(`the first column of ${frame.querySelector('table')?.id || frame.getAttribute('aria-labelledby') || 'a table'} scrolls out of view`);
          break;
        }
      }
      frame.scrollLeft = 0;
    }
    return problems;
  });
}

describe('on a phone (390 px)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('no text of the main pages is cut off, runs out or breaks mid-word, and tables keep their first column', async () => {
    const { page, expectNoProblems } = await openTab(app, { viewport: PHONE });
    await logIn(page, 'leder@trekant.test');
    const effortPath = await page.evaluate(async () => {
      const list = (await (await fetch('/api/efforts?limit=50')).json()) as { items: { id: string; title: string }[] };
      // The longest title is the hardest to fit.
      return `/indsatser/${[...list.items].sort((a, b) => b.title.length - a.title.length)[0].id}`;
    });
    const planPath = await page.evaluate(async () => {
      const plans = (await (await fetch('/api/plans')).json()) as { id: string }[] | { items: { id: string }[] };
      const first = Array.isArray(plans) ? plans[0] : plans.items[0];
      return `/handlingsplan/${first.id}`;
    });
    const pages: [string, string][] = [
      ['front page', '/'],
      ['organisation tree', '/organisation/trae'],
      ['forum matrix', '/organisation/forummatrix'],
      ['level diagram', '/organisation/niveauer'],
      ['efforts', '/indsatser'],
      ['an effort', effortPath],
      ['triangle', '/indsatser/trekant'],
      ['economy', '/indsatser/oekonomi'],
      ['plan', planPath],
    ];
    const found: string[] = [];
    // The triangle fits the phone: its words are read without scrolling sideways.
    const triangleFits = async () => page.locator('.triangle-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    for (const [name, path] of pages) {
      await page.goto(path);
      await settle(page);
      await screenshot(page, `phone-${name.replace(/\s+/g, '-')}`);
      found.push(...(await layoutProblems(page)).map((p) => `${name}: ${p}`));
      found.push(...(await stickyFirstColumns(page)).map((p) => `${name}: ${p}`));
      if (name === 'triangle' && !(await triangleFits())) found.push('triangle: the picture scrolls sideways');
    }
    expect(found).toEqual([]);
    expectNoProblems();
  });

  it('the efforts filters fold away behind one button, and the list starts near the top', async () => {
    const { page, expectNoProblems } = await openTab(app, { viewport: PHONE });
    await logIn(page, 'konsulent@trekant.test');
    await page.goto('/indsatser?alder-fra=13&alder-til=15');
    await settle(page);
    const toggle = page.getByRole('button', { name: 'Vis filtre (1 valgt)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Fra (år)').isVisible()).toBe(false);
    const tableTop = await page.locator('#efforts-table').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(tableTop).toBeLessThan(1200);
    await expectAccessible(page, 'efforts on a phone, filters folded');

    await toggle.click();
    expect(await page.getByRole('button', { name: 'Skjul filtre' }).getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByLabel('Fra (år)').inputValue()).toBe('13');
    expect(await page.getByLabel('Til (år)').inputValue()).toBe('15');
    // The age range applies on Enter (or on leaving the field); the wrong way round, it says so.
    await page.getByLabel('Fra (år)').fill('16');
    await page.getByLabel('Til (år)').fill('12');
    await page.getByLabel('Til (år)').press('Enter');
    await expect.poll(() => page.locator('#filter-age-to-error').textContent()).toContain('»Til« må ikke være lavere end »Fra«');
    expect(new URL(page.url()).search).toBe('?alder-fra=13&alder-til=15');
    await page.getByLabel('Til (år)').fill('18');
    await page.getByLabel('Til (år)').press('Enter');
    await page.waitForURL((url) => url.search === '?alder-fra=16&alder-til=18');
    await settle(page);
    // Ages typed and then a search: both land in the address.
    await page.getByLabel('Fra (år)').fill('14');
    await page.getByLabel('Søg i indsatser').fill('gadeplan');
    await page.getByLabel('Søg i indsatser').press('Enter');
    await page.waitForURL((url) => url.search === '?alder-fra=14&alder-til=18&q=gadeplan');
    await settle(page);
    await screenshot(page, 'phone-efforts-filters-open');
    await expectAccessible(page, 'efforts on a phone, filters open');
    expectNoProblems();
  });
});
