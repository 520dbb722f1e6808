/**
 * `npm run bench`: requests per second and latency of three routes, on PGlite and on
 * PostgreSQL, each against the real server running as its own process (see bench/README.md).
 *
 *   BENCH_KINDS=pglite,postgres   which database kinds (default both)
 *   BENCH_DATABASE_URL=postgres://…  use this PostgreSQL database instead of a throwaway cluster
 *   BENCH_DURATION=10             seconds per route; BENCH_CONNECTIONS=10
 *   BENCH_USERS=2000              extra users in the municipality
 *   BENCH_ROUTES=health,me,auditedRead,planDocx,planPdf,matrix,diagram,triangle,triangleAsOf,economy,efforts,effortsText,scenarioCompare
 *                                 which routes (default all); planDocx and planPdf export Ishøj's
 *                                 published plan one request at a time; matrix, diagram, the efforts
 *                                 routes and scenarioCompare (four scenarios of the map beside today's)
 *                                 run on a generated municipality (500 functions, 100 forums,
 *                                 2,000 efforts, 10 budget years, 100,000 measurements)
 *   BENCH_CPU_PROF=1              the server writes V8 CPU profiles to $TMPDIR/trekant-bench-profiles/
 *                                 (summarise with bench/cpuprofile-summary.ts)
 *   BENCH_NO_RESULTS=1            print only, write no results file
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type CpuSample, sampleCpu } from './cpu.ts';
import { EFFORTS_SIZE, type Kind, MAP_SIZE, generateData, prepareTarget } from './database.ts';
import { writeBenchResult } from './results.ts';
import { type RunningServer, startServer } from './server.ts';

const ADMIN = { email: 'administrator@trekant.test', password: 'Trekant-demo-2026' };

const env = process.env;
const KINDS = (env.BENCH_KINDS ?? 'pglite,postgres').split(',').map((k) => k.trim()) as Kind[];
const DURATION_S = Number(env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const EXTRA_USERS = Number(env.BENCH_USERS ?? 2000);
const WARM_UP_S = 2;
const EFFORT_ROUTES = ['triangle', 'triangleAsOf', 'economy', 'efforts', 'effortsText'] as const;
const DOCUMENT_ROUTES = ['planDocx', 'planPdf'] as const;
const ROUTES = (env.BENCH_ROUTES ?? `health,me,auditedRead,${DOCUMENT_ROUTES.join(',')},matrix,diagram,${EFFORT_ROUTES.join(',')},scenarioCompare`).split(',').map((r) => r.trim());
/** A word of the generated titles (seeds/synthetic-efforts.ts), for the full-text filter. */
const SEARCH_WORD = 'mentorforløb';

type RouteName = 'health' | 'me' | 'auditedRead' | 'matrix' | 'diagram' | 'scenarioCompare' | (typeof EFFORT_ROUTES)[number] | (typeof DOCUMENT_ROUTES)[number];
/** A document is rendered on the CPU: one request at a time, so the latency is the time of one export on a warm server. */
const isDocumentRoute = (name: RouteName) => (DOCUMENT_ROUTES as readonly string[]).includes(name);
const inGeneratedMunicipality = (name: RouteName) => ['matrix', 'diagram', 'scenarioCompare'].includes(name) || (EFFORT_ROUTES as readonly string[]).includes(name);

interface RouteResult {
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time per request: the server process (with PGlite inside it), PostgreSQL, autocannon. */
  cpuMsPerRequest: CpuSample;
  shareOfHealth: number;
  /** Efforts routes: the size of one answer and how many efforts it lists. */
  responseBytes?: number;
  rows?: number;
  /** A cached view's first answer, computed (the measured ones are mostly kept ones). */
  firstRequestMs?: number;
}

/** Makes the session act in a municipality (the matrix and diagram use the generated one). */
async function actIn(url: string, cookie: string, municipalityId: string): Promise<void> {
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/me/municipality`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    body: JSON.stringify({ municipalityId }),
  });
  if (response.status !== 200) throw new Error(`switching municipality failed: ${response.status} ${await response.text()}`);
}

/** Ishøj's published plan (the reference data's), for the document exports. */
async function publishedPlan(url: string, cookie: string): Promise<{ id: string; version: number }> {
  const plans = (await (await fetch(`${url}/api/plans`, { headers: { cookie } })).json()) as { id: string; publishedVersion: number | null }[];
  const plan = plans.find((p) => p.publishedVersion !== null);
  if (!plan) throw new Error('the reference data has no published plan');
  return { id: plan.id, version: plan.publishedVersion! };
}

/**
 * Four scenarios of the generated municipality's map, each from today with every fourth staff
 * function moved to the next pillar (a different one in each), so that the comparison lists
 * changes. Returns their ids.
 */
async function createScenarios(url: string, cookie: string): Promise<string[]> {
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  const headers = { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const created = await fetch(`${url}/api/scenarios`, { method: 'POST', headers, body: JSON.stringify({ title: `Scenarie ${i + 1}`, from: { kind: 'today', asOf: new Date().toISOString().slice(0, 10) } }) });
    if (created.status !== 201) throw new Error(`creating a scenario failed: ${created.status} ${await created.text()}`);
    const scenario = (await created.json()) as { id: string; revision: number; title: string; description: string; assessment: unknown; document: { pillars: { key: string }[]; functions: { unitKey: string | null; pillarKey: string | null }[] } };
    const pillars = scenario.document.pillars.map((p) => p.key);
    scenario.document.functions.forEach((f, n) => {
      if (f.unitKey !== null && n % 4 === i) f.pillarKey = pillars[(pillars.indexOf(f.pillarKey ?? '') + 1) % pillars.length];
    });
    const { id, revision, title, description, assessment, document } = scenario;
    const saved = await fetch(`${url}/api/scenarios/${id}`, { method: 'PUT', headers, body: JSON.stringify({ revision, title, description, assessment, document }) });
    if (saved.status !== 200) throw new Error(`saving a scenario failed: ${saved.status} ${await saved.text()}`);
    ids.push(id);
  }
  return ids;
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('trekant_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0];
}

// --- measuring -----------------------------------------------------------------------------

/** One request before measuring: the route answers, and with data (an empty answer measures nothing). */
async function probeEffortRoute(url: string, headers: Record<string, string>): Promise<{ bytes: number; rows: number }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { items?: unknown[]; efforts?: unknown[]; bands?: { efforts: unknown[] }[] };
  const rows = body.items?.length ?? body.efforts?.length ?? body.bands?.reduce((n, b) => n + b.efforts.length, 0) ?? 0;
  if (rows === 0) throw new Error(`${url} listed no efforts`);
  return { bytes: Buffer.byteLength(text), rows };
}

/** One request on a cold view: how long computing it takes, and how large it is. */
async function timedFirstRequest(url: string, headers: Record<string, string>): Promise<{ firstRequestMs: number; responseBytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return { firstRequestMs: round(performance.now() - started), responseBytes: Buffer.byteLength(text) };
}

function cannon(url: string, headers: Record<string, string>, duration: number, connections: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, headers });
}

async function measure(baseUrl: string, routePath: string, headers: Record<string, string>, cpu: () => CpuSample, connections = CONNECTIONS): Promise<Omit<RouteResult, 'shareOfHealth'> & { answered: number }> {
  const warmUp = await cannon(baseUrl + routePath, headers, WARM_UP_S, connections);
  const before = cpu();
  const result = await cannon(baseUrl + routePath, headers, DURATION_S, connections);
  const after = cpu();
  const perRequest = (key: keyof CpuSample) => round((after[key] - before[key]) / Math.max(1, result.requests.total), 3);
  return {
    answered: warmUp['2xx'] + result['2xx'],
    path: routePath,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMsPerRequest: { server: perRequest('server'), database: perRequest('database'), loadGenerator: perRequest('loadGenerator') },
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function benchKind(kind: Kind) {
  process.stdout.write(`\n▶ ${kind}: preparing the database\n`);
  const target = await prepareTarget(kind);
  let server: RunningServer | null = null;
  try {
    const data = await generateData(target, EXTRA_USERS, { efforts: EFFORT_ROUTES.some((r) => ROUTES.includes(r)) });
    if (data.efforts) process.stdout.write(`  generated ${data.efforts.counts.efforts} efforts, ${data.efforts.counts.measurements} measurements, ${data.efforts.counts.budgetLines} budget lines in ${data.efforts.ms} ms\n`);
    // The efforts views ask for the last generated year: the default year, where most efforts run.
    const year = data.efforts?.years.at(-1) ?? new Date().getFullYear();
    server = await startServer(target);
    const cookie = await logIn(server.url);
    const databasePort = target.serverEnv.DATABASE_URL ? Number(new URL(target.serverEnv.DATABASE_URL).port || 5432) : null;
    const auth = { cookie };
    await actIn(server.url, cookie, data.municipalityId);
    const plan = await publishedPlan(server.url, cookie);
    let scenarioIds: string[] = [];
    if (ROUTES.includes('scenarioCompare')) {
      await actIn(server.url, cookie, data.mapMunicipalityId);
      scenarioIds = await createScenarios(server.url, cookie);
      await actIn(server.url, cookie, data.municipalityId);
    }
    const paths: Record<RouteName, [string, Record<string, string>]> = {
      health: ['/health', {}],
      me: ['/api/me', auth],
      auditedRead: [`/api/admin/users/${data.targetUserId}?purpose=user_administration`, auth],
      planDocx: [`/api/plans/${plan.id}/versions/${plan.version}/plan.docx`, auth],
      planPdf: [`/api/plans/${plan.id}/versions/${plan.version}/plan.pdf`, auth],
      matrix: ['/api/forum-matrix', auth],
      diagram: ['/api/forum-levels', auth],
      triangle: [`/api/triangle?year=${year}`, auth],
      // The same year read through the efforts' versions valid at its middle (valid time).
      triangleAsOf: [`/api/triangle?year=${year}&asOf=${year}-06-30`, auth],
      economy: [`/api/economy?year=${year}`, auth],
      efforts: ['/api/efforts?level=targeted&status=active&age=15', auth],
      effortsText: [`/api/efforts?text=${encodeURIComponent(SEARCH_WORD)}`, auth],
      scenarioCompare: [`/api/scenarios/compare?ids=${scenarioIds.join(',')}&withToday=true`, auth],
    };
    const check = await fetch(server.url + paths.auditedRead[0], { headers: auth });
    if (check.status !== 200) throw new Error(`the audited read answered ${check.status}: ${await check.text()}`);
    const routes = {} as Record<RouteName, RouteResult>;
    let auditedReadsAnswered = 1;
    for (const name of (Object.keys(paths) as RouteName[]).filter((n) => ROUTES.includes(n))) {
      if (inGeneratedMunicipality(name)) await actIn(server.url, cookie, data.mapMunicipalityId);
      process.stdout.write(`  ${name.padEnd(12)} ${paths[name][0]} … `);
      const probe = (EFFORT_ROUTES as readonly string[]).includes(name) ? await probeEffortRoute(server.url + paths[name][0], auth) : null;
      const first = name === 'scenarioCompare' ? await timedFirstRequest(server.url + paths[name][0], auth) : null;
      const serverPid = server.child.pid ?? 0;
      const { answered, ...measured } = await measure(server.url, ...paths[name], () => sampleCpu(serverPid, databasePort), isDocumentRoute(name) ? 1 : CONNECTIONS);
      if (name === 'auditedRead') auditedReadsAnswered += answered;
      routes[name] = { ...measured, ...(probe && { responseBytes: probe.bytes, rows: probe.rows }), ...(first && first), shareOfHealth: 0 };
      process.stdout.write(`${measured.requestsPerSecond} req/s\n`);
      if (measured.non2xx > 0 || measured.errors > 0) throw new Error(`${name}: ${measured.non2xx} non-2xx answers and ${measured.errors} errors`);
    }
    for (const name of Object.keys(routes) as RouteName[]) routes[name].shareOfHealth = routes.health ? round(routes[name].requestsPerSecond / routes.health.requestsPerSecond, 3) : 0;
    await server.stop();
    server = null;
    // Every audited read that was answered must have its access-log row.
    const database = await target.open();
    const logged = await database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('action', '=', 'user.read').executeTakeFirstOrThrow();
    // Group commit: the rows of one batch are consecutive and share one timestamp.
    const batches = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT at, lag(at) OVER (ORDER BY id) AS previous FROM audit_log WHERE action = 'user.read'
      ) rows WHERE previous IS DISTINCT FROM at`.execute(database.db);
    await database.close();
    if (logged.n < auditedReadsAnswered) throw new Error(`${auditedReadsAnswered} audited reads were answered but only ${logged.n} access-log rows written`);
    const accessLogBatches = batches.rows[0].n;
    return {
      usersInMunicipality: data.usersInMunicipality,
      efforts: data.efforts && { year, counts: data.efforts.counts, generationMs: data.efforts.ms },
      auditedReadsAnswered,
      accessLogRows: logged.n,
      accessLogBatches,
      meanRowsPerAccessLogCommit: round(logged.n / Math.max(1, accessLogBatches), 2),
      // What auditing itself costs: the audited read against an authenticated read without it.
      auditedReadShareOfMe: routes.me && routes.auditedRead ? round(routes.auditedRead.requestsPerSecond / routes.me.requestsPerSecond, 3) : null,
      routes,
    };
  } finally {
    await server?.stop();
    target.cleanUp();
  }
}

function table(results: Partial<Record<Kind, Awaited<ReturnType<typeof benchKind>>>>): string {
  const lines = [
    '| database | route | req/s | p50 ms | p99 ms | share of /health | CPU ms/request: server · PostgreSQL · autocannon |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const [kind, result] of Object.entries(results)) {
    for (const [name, r] of Object.entries(result!.routes)) {
      const cpu = r.cpuMsPerRequest;
      const route =
        name === 'auditedRead'
          ? 'GET /api/admin/users/:id?purpose=…'
          : isDocumentRoute(name as RouteName)
            ? `GET ${r.path.replace(/\/api\/plans\/[^/]+/, '/api/plans/:id')} (Ishøj's plan, 1 connection)`
            : name === 'matrix' || name === 'diagram'
              ? `GET ${r.path} (500 functions, 100 forums)`
              : inGeneratedMunicipality(name as RouteName)
                ? `GET ${decodeURIComponent(r.path)} (2,000 efforts)`
                : `GET ${r.path}`;
      lines.push(`| ${kind} | ${route} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${Math.round(r.shareOfHealth * 100)} % | ${cpu.server} · ${kind === 'postgres' ? cpu.database : '–'} · ${cpu.loadGenerator} |`);
    }
  }
  return lines.join('\n');
}

async function main() {
  const results: Partial<Record<Kind, Awaited<ReturnType<typeof benchKind>>>> = {};
  // The machine is shared: its load before and after says how much else was running.
  const loadBefore = os.loadavg()[0];
  for (const kind of KINDS) results[kind] = await benchKind(kind);
  const loadAfter = os.loadavg()[0];
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage1m: { before: round(loadBefore, 2), after: round(loadAfter, 2) } },
    settings: {
      server: 'separate process: node --import tsx server/main.ts, LOG_LEVEL=warn, TREKANT_DEMO=1',
      loadGenerator: `autocannon in the bench process, ${CONNECTIONS} connections, ${WARM_UP_S} s warm-up then ${DURATION_S} s per route`,
      extraUsers: EXTRA_USERS,
      organisationMap: MAP_SIZE,
      efforts: EFFORTS_SIZE,
    },
    kinds: results,
  };
  process.stdout.write(`\n${table(results)}\n`);
  for (const [kind, result] of Object.entries(results)) {
    if (!result!.routes.auditedRead) continue;
    const audited = result!.routes.auditedRead.shareOfHealth;
    process.stdout.write(
      `${kind}: the audited read keeps ${Math.round(audited * 100)} % of /health's throughput (aim: ≥ 40 %); ` +
        `${result!.auditedReadShareOfMe === null ? '' : `${Math.round(result!.auditedReadShareOfMe * 100)} % of /api/me's; `}` +
        `${result!.accessLogRows} access-log rows for ${result!.auditedReadsAnswered} reads answered, ${result!.meanRowsPerAccessLogCommit} rows per commit\n`,
    );
  }
  writeBenchResult('', report);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
