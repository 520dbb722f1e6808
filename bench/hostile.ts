/**
 * `npx tsx bench/hostile.ts`: how fast hostile uploads are refused, and how long `/health`
 * waits meanwhile, against the real server as its own process on the embedded database (see
 * bench/README.md, "Hostile requests"). Writes bench/results/<date>-hostile.json unless
 * BENCH_NO_RESULTS=1.
 */
import os from 'node:os';
import ExcelJS from 'exceljs';
import { IMPORT_LIMITS, XLSX_TYPE } from '../server/platform/spreadsheet.ts';
import { DEMO_PASSWORD } from '../seeds/reference.ts';
import { prepareTarget } from './database.ts';
import { writeBenchResult } from './results.ts';
import { startServer } from './server.ts';



async function workbook(title: string, rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(title).addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Session {
  cookie: string;
  csrf: string;
}

async function logIn(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('trekant_session='))!.split(';')[0];
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

/** Sends one hostile request while /health is asked every 20 ms; the refusal's time and /health's worst wait. */
async function measure(url: string, send: () => Promise<Response>) {
  const health: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const start = performance.now();
      await fetch(`${url}/health`);
      health.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = performance.now();
  const response = await send();
  const body = await response.text();
  const ms = performance.now() - start;
  done = true;
  await probe;
  return { status: response.status, answerBytes: body.length, ms: Math.round(ms), healthP99Ms: Math.round(percentile(health, 99)), healthMaxMs: Math.round(Math.max(0, ...health)) };
}

async function main() {
  const target = await prepareTarget('pglite');
  const server = await startServer(target);
  const { url } = server;
  try {
    const consultant = await logIn(url, 'konsulent@trekant.test');
    const leader = await logIn(url, 'leder@trekant.test');
    const post = (session: Session | null, route: string, body: Buffer, type: string, method = 'POST') => () =>
      fetch(`${url}${route}`, { method, body: new Uint8Array(body), headers: { 'content-type': type, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) } });

    const tooManyRows = await workbook('Målinger', Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => [`x${i}`, '2026-01-01', 1]));
    const wrongRows = await workbook('Målinger', [['indikator', 'dato', 'værdi'], ...Array.from({ length: 15_000 }, (_, i) => [`ukendt ${i}`, 'i går', 'mange'])]);
    const xfd = new ExcelJS.Workbook();
    const sheet = xfd.addWorksheet('Målinger');
    for (let row = 1; row <= 19_000; row++) sheet.getCell(`XFD${row}`).value = 'x';
    const cases = {
      'login, 9.5 MB text/csv, no session': post(null, '/api/auth/login', Buffer.alloc(9_500_000, 'a;'), 'text/csv'),
      'PATCH /api/me, 9 MB XLSX type': post(consultant, '/api/me', Buffer.alloc(9_000_000, 'a'), XLSX_TYPE, 'PATCH'),
      'POST /api/efforts, 9 MB text/csv': post(consultant, '/api/efforts', Buffer.alloc(9_000_000, 'a;'), 'text/csv'),
      [`efforts import, ${IMPORT_LIMITS.rows + 1} rows`]: post(consultant, '/api/efforts/import', tooManyRows, XLSX_TYPE),
      'efforts import, 19,000 cells in column XFD': post(consultant, '/api/efforts/import', Buffer.from(await xfd.xlsx.writeBuffer()), XLSX_TYPE),
      'efforts import, 15,000 wrong rows (45,000 errors)': post(consultant, '/api/efforts/import', wrongRows, XLSX_TYPE),
      'organisation import, 9.8 MB CSV of empty lines': post(leader, '/api/organisation/import?sheet=organisations', Buffer.alloc(9_800_000, '\n'), 'text/csv'),
      'organisation import, CSV of only ;': post(leader, '/api/organisation/import?sheet=organisations', Buffer.from(';;;;\r\n'.repeat(1000)), 'text/csv'),
    };
    const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const [name, send] of Object.entries(cases)) {
      results[name] = await measure(url, send);
      process.stdout.write(`${name.padEnd(52)} ${results[name].status}  ${String(results[name].ms).padStart(6)} ms  answer ${results[name].answerBytes} B  /health p99 ${results[name].healthP99Ms} ms, max ${results[name].healthMaxMs} ms\n`);
    }
    writeBenchResult('-hostile', { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage1m: os.loadavg()[0], results });
  } finally {
    await server.stop();
    target.cleanUp();
  }
}

await main();
