/**
 * `npm test`: everything, in order: system prerequisites, lint, type check, web build, then
 * every vitest project (unit, PGlite, PostgreSQL, system, browser journeys). Ends with one
 * summary line "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const isRoot = process.getuid?.() === 0;

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function havePostgresBinaries(): boolean {
  const base = '/usr/lib/postgresql';
  return (fs.existsSync(base) && fs.readdirSync(base).some((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))) || spawnSync('sh', ['-c', 'command -v initdb']).status === 0;
}

/** Installs what a clean Debian machine lacks, where we may; otherwise says what is missing. */
function ensureSystemPackages(): string[] {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!process.env.TEST_DATABASE_URL && !havePostgresBinaries()) missing.push('postgresql');
  if (missing.length === 0) return [];
  if (isRoot && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    run(`installing ${missing.join(', ')} with apt-get`, 'sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} >/dev/null`]);
  }
  const still: string[] = [];
  if (!fs.existsSync(CHROMIUM)) still.push(`Chromium for the browser tests (${CHROMIUM}): apt-get install chromium`);
  if (!process.env.TEST_DATABASE_URL && !havePostgresBinaries()) still.push('PostgreSQL server binaries for the PostgreSQL tests: apt-get install postgresql (or set TEST_DATABASE_URL)');
  return still;
}

const missing = ensureSystemPackages();
for (const m of missing) process.stdout.write(`\n✗ missing: ${m}\n`);

let passed = 0;
let failed = missing.length;
const step = (ok: boolean) => (ok ? passed++ : failed++);

step(run('lint (eslint)', 'npx', ['eslint', '.']));
step(run('type check (tsc)', 'npx', ['tsc', '-p', '.']));
step(run('build the web app (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']));

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-test-')), 'vitest.json');
const vitestOk = run('tests (vitest: unit, pglite, postgres, system, e2e)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (fs.existsSync(report)) {
  const results = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites: number };
  passed += results.numPassedTests;
  failed += results.numFailedTests + (results.numFailedTests === 0 && !vitestOk ? Math.max(1, results.numFailedTestSuites) : 0);
} else if (!vitestOk) {
  failed++;
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
