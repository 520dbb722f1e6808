/**
 * `npx tsx bench/cpuprofile-summary.ts <file.cpuprofile>`: a V8 CPU profile (from
 * `BENCH_CPU_PROF=1 npm run bench`) summarised by where the time is spent: which package or
 * which part of Trekant, and the top functions. Self time only, idle left out of the shares.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const GROUPS: [string, RegExp][] = [
  ['PGlite (WASM PostgreSQL)', /@electric-sql\/pglite|wasm/],
  ['pg driver (pg, pg-protocol, pg-types)', /node_modules\/pg(-[a-z]+)?\//],
  ['kysely', /node_modules\/kysely\//],
  ['zod and the zod type provider', /node_modules\/(zod|fastify-type-provider-zod)\//],
  ['fastify and its plugins', /node_modules\/(@fastify|fastify|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse|fast-querystring|helmet)/],
  ['pino (logging)', /node_modules\/pino/],
  ['Trekant: audit chain', /server\/platform\/audit\//],
  ['Trekant: identity module', /server\/modules\/identity\//],
  ['Trekant: other server code', /\/server\//],
  ['tsx loader', /node_modules\/tsx\//],
  ['other packages', /node_modules\//],
  ['node: net, http, streams', /node:(net|_http|http|internal\/(streams|http|net|stream_base))/],
  ['node: crypto', /node:(crypto|internal\/crypto)/],
];

function groupOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return '(program: native, unattributed)';
  for (const [name, pattern] of GROUPS) if (pattern.test(url) || (name.startsWith('PGlite') && /^wasm-function/.test(functionName))) return name;
  if (url.startsWith('node:')) return 'node: other';
  return url === '' ? `native: ${functionName}` : 'other';
}

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/cpuprofile-summary.ts <file.cpuprofile>');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const groups = new Map<string, number>();
const functions = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  if (!node) return;
  const us = profile.timeDeltas[i] ?? 0;
  const group = groupOf(node);
  groups.set(group, (groups.get(group) ?? 0) + us);
  if (group !== '(idle)') {
    const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(server|seeds)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
    functions.set(where, (functions.get(where) ?? 0) + us);
  }
});
const busy = [...groups].filter(([g]) => g !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
const total = [...groups.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n\n`);
let rest = 0;
for (const [group, us] of [...groups].filter(([g]) => g !== '(idle)').sort((a, b) => b[1] - a[1])) {
  if (us / busy < 0.005) rest += us;
  else process.stdout.write(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${group}\n`);
}
process.stdout.write(`${((rest / busy) * 100).toFixed(1).padStart(5)} %  everything under 0.5 % each\n`);
process.stdout.write('\ntop functions (self time)\n');
for (const [where, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  process.stdout.write(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${where}\n`);
}
