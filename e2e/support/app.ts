/**
 * Browser journeys run against a real server on a fresh database, serving the built web app
 * (dist/web) with its real security headers, in Debian's Chromium through playwright-core.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { type TestServer, startTestServer } from '../../test/support/test-server.ts';

export const DEMO_PASSWORD = 'Trekant-demo-2026';
export const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST = path.resolve('dist/web');

export interface App {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the server and the browser. Fails with a clear message if the web app is not built. */
export async function startApp(): Promise<App> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built: ${path.join(WEB_DIST, 'index.html')} is missing. Run \`npx vite build\` (npm test does it for you) before the browser journeys.`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  const server = await startTestServer({ webDistDir: WEB_DIST });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  /** Asserts that the page ran without script errors or CSP violations. */
  expectNoProblems(): void;
}

/** A fresh browser context (no cookies) with one page, watching for errors and CSP violations. */
export async function openTab(app: App, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<Tab> {
  const context = await app.browser.newContext({
    baseURL: app.server.url,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'da-DK',
    timezoneId: 'Europe/Copenhagen',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // A failed request the app handles itself (401 before login, 422 on a wrong code) is logged
    // by Chromium as a resource error; those are expected. CSP violations never are.
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
    else if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console: ${text}`);
  });
  return {
    page,
    context,
    problems,
    expectNoProblems: () => expect(problems).toEqual([]),
  };
}

/**
 * Waits until the app has nothing on its way: no request in flight (the layout marks <main>
 * aria-busy while any query or mutation runs) and no loading spinner. The browser's own
 * "networkidle" is not enough in a single-page app: it fires once, at the first load.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const quiet = () =>
    page.waitForFunction(() => document.querySelector('main#main-content') !== null && document.querySelector('main[aria-busy="true"], .spinner') === null, undefined, { timeout: 15_000 });
  // Quiet twice, a moment apart: after a click, React commits the new route or filter and
  // starts its requests a frame or two later (longer on a busy machine), and one look could
  // fall into that gap and see the old page at rest.
  await quiet();
  await page.waitForTimeout(80);
  await quiet();
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core');
let axeSource: string | null = null;
// WCAG 2.1 A/AA and axe's best practices (landmark-unique, heading-order, region …): any
// violation of any impact fails.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now and fails on any violation, whatever its impact. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await settle(page);
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // page.addScriptTag({ path }) adds an inline <script>, which the app's CSP (script-src 'self')
  // rightly blocks. Evaluating the same file through the DevTools protocol is not subject to
  // the page's CSP, so axe runs on the page exactly as users get it, CSP and all.
  axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, AXE_TAGS);
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(summary, `axe violations on ${label} (${page.url()})`).toEqual([]);
}

/** Logs in through the form, as a person would. Returns when the next page has its heading. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('#page-heading').waitFor();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log af' }).first().click();
  await page.waitForURL((url) => url.pathname === '/login');
  await expect.poll(() => page.locator('#page-heading').textContent()).toBe('Log ind');
}

export async function heading(page: Page): Promise<string> {
  // Without the soft hyphens long Danish words carry (web/lib/hyphenate.ts): the words as read.
  return ((await page.locator('#page-heading').textContent()) ?? '').replace(/\u00AD/g, '').trim();
}

/** Waits for the page's heading to read `text` (a new page renders a moment after its URL). */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => heading(page), { timeout: 10_000 }).toBe(text);
}

/** Screenshots go to /tmp, for a person to look at; the tests do not compare them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('/tmp', `trekant-${name}.png`), fullPage: true });
}
