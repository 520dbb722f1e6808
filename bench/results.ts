import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

/**
 * Writes a benchmark's report to bench/results/<date><suffix>.json (unless BENCH_NO_RESULTS=1);
 * a second run on one day gets -2, -3 … rather than replacing the first one's file.
 */
export function writeBenchResult(suffix: string, report: unknown): void {
  if (process.env.BENCH_NO_RESULTS === '1') return;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stem = `${new Date().toISOString().slice(0, 10)}${suffix}`;
  let file = path.join(RESULTS_DIR, `${stem}.json`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(RESULTS_DIR, `${stem}-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`\nwritten: ${path.relative(ROOT, file)}\n`);
}
