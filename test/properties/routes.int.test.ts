/**
 * Property tests of every registered route: hostile requests never crash the server, every
 * refusal is RFC 9457 problem+json, and a refused request changes nothing in the database.
 *
 * Runs on PGlite and on PostgreSQL (the *.int.test.ts projects). The run size scales with
 * TREKANT_PROPERTY_RUNS (a multiplier, default 1); TREKANT_PROPERTY_SEED replays a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../seeds/reference.ts';
import { findUserByEmail, insertSession } from '../../server/modules/identity/identity.repository.ts';
import { newSecretToken, sha256 } from '../../server/platform/auth/secrets.ts';
import { type TestServer, startTestServer } from '../support/test-server.ts';
import { percentEncode } from './support/arbitraries.ts';
import { changedTables, type Digest, digester } from './support/db-digest.ts';
import { type HostileRequest, describeRequest, hostileRequests, toRawRequest } from './support/hostile-requests.ts';
import { type RawRequest, type RawResponse, send } from './support/raw-http.ts';
import { type OpenApiDocument, type RouteSpec, catalogue, routesOfApp } from './support/route-catalogue.ts';
import { SCALE, SEED } from './support/run-size.ts';

// Up to this many requests per route, within a time budget shared by all routes, so the file
// takes about a minute per database kind on a 2-core machine however many routes there are.
// (With ~75 routes the budget, not the maximum, is what stops the runs.)
const RUNS = {
  anonymous: { min: Math.round(8 * SCALE), max: Math.round(50 * SCALE), budgetMs: 9_000 * SCALE },
  administrator: { min: Math.round(20 * SCALE), max: Math.round(150 * SCALE), budgetMs: 27_000 * SCALE },
};
const ADMIN = 'administrator@trekant.test';

// --- the server under test --------------------------------------------------------------

// A stand-in for the built web app, so its static files and page fallback are routes too.
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-web-'));
fs.mkdirSync(path.join(webDir, 'assets'));
const INDEX_HTML = '<!doctype html><title>Trekant</title><div id="root"></div>';
fs.writeFileSync(path.join(webDir, 'index.html'), INDEX_HTML);
fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log("trekant")');

const BODY_LIMIT = 1024 * 1024;
const server: TestServer = await startTestServer({ webDistDir: webDir, bodyLimitBytes: BODY_LIMIT });
afterAll(async () => {
  await server?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
// The app's own list of what it registered (from its onRoute hook), and what the router prints:
// a plugin's prefix alias ("/api/docs/" beside "/api/docs") reaches the router without passing
// through onRoute, while the printed tree loses some prefixes, so each printed route must also
// be one the router confirms.
const printed = routesOfApp(server.app).filter((r) => server.app.hasRoute({ method: r.method as HTTPMethods, url: r.url }));
const routes: RouteSpec[] = catalogue([...server.routes, ...printed], openapi);
const takeDigest = await digester(server.database.db);

// --- the administrator's session ---------------------------------------------------------

interface Session {
  cookie: string;
  csrfToken: string;
}
/**
 * A fresh, fully signed-in session for the administrator, written the way login writes one but
 * without the password check: runs against the log-out routes end hundreds of sessions, and
 * argon2 at ~0.2 s a login would dominate the run. (Logging in over HTTP would also meet the
 * per-address throttle that the anonymous runs' failed logins from 127.0.0.1 trip.)
 */
const adminUser = (await findUserByEmail(server.database.db, ADMIN)) ?? (() => { throw new Error(`${ADMIN} is not in the seeded database`); })();
async function logInAdministrator(): Promise<Session> {
  const token = newSecretToken();
  await insertSession(server.database.db, {
    token_hash: sha256(token),
    user_id: adminUser.id,
    stage: 'full',
    csrf_token: newSecretToken(),
    municipality_id: null,
    user_agent: 'property-test',
    ip: null,
    expires_at: new Date(Date.now() + 3600 * 1000),
  });
  const cookie = `trekant_session=${token}`;
  const me = await send(server.url, { method: 'GET', path: '/api/me', headers: { cookie } });
  return { cookie, csrfToken: (me.json as { csrfToken: string }).csrfToken };
}

let admin = await logInAdministrator();

/** After a request that may have ended the session (log out, revoke), get a live one. */
async function ensureAdministrator(): Promise<void> {
  const me = await send(server.url, { method: 'GET', path: '/api/me', headers: { cookie: admin.cookie } });
  if (me.status !== 200) admin = await logInAdministrator();
}

/**
 * Ids that exist, so generated paths and bodies reach the code behind the not-found checks:
 * harvested from what every list route (a GET without path parameters) answers the
 * administrator, so a new module's records are found without naming them here. The
 * administrator's own id is left out: a run must not lock out the account it runs as (the
 * service refuses that anyway). The demo password is never generated.
 */
async function harvestIds(): Promise<string[]> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const found = new Set<string>();
  const walk = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string' && (key === 'id' || key.endsWith('Id')) && uuid.test(value)) found.add(value);
  };
  const lists = routes.filter((r) => r.method === 'GET' && r.params.length === 0 && !r.wildcard && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
  for (const route of lists) walk((await send(server.url, { method: 'GET', path: route.url, headers: { cookie: admin.cookie } })).json);
  found.delete(adminUser.id);
  return [...found].sort();
}
const known = { ids: await harvestIds(), emails: DEMO_USERS.map((u) => u.email).filter((e) => e !== ADMIN) };
if (process.env.TREKANT_PROPERTY_DEBUG) console.log(`${routes.length} routes, ${known.ids.length} known ids`);

// --- the properties -----------------------------------------------------------------------

interface Violation {
  kind: string;
  detail: string;
}

/** What must hold for any response to any request. */
function checkResponse(request: RawRequest, response: RawResponse, before: Digest, after: Digest): Violation[] {
  const found: Violation[] = [];
  const { status } = response;
  const contentType = String(response.headers['content-type'] ?? '');
  if (status >= 500) found.push({ kind: `${status} server error`, detail: response.body.toString('utf8').slice(0, 200) });
  // The public pages (/offentlig/…) are for people: their "not found" is an HTML page.
  const publicPage = request.path.startsWith('/offentlig/') && contentType.startsWith('text/html');
  if (status >= 400 && status < 500 && !publicPage) {
    if (!contentType.startsWith('application/problem+json')) {
      found.push({ kind: `${status} is not problem+json (content-type ${JSON.stringify(contentType)})`, detail: response.body.toString('utf8').slice(0, 200) });
    } else if (request.method !== 'HEAD' && !response.truncated) {
      const problem = response.json as { type?: unknown; title?: unknown; status?: unknown } | undefined;
      if (typeof problem?.type !== 'string' || typeof problem.title !== 'string' || problem.status !== status) {
        found.push({ kind: `${status} problem lacks type/title/status`, detail: response.body.toString('utf8').slice(0, 200) });
      }
    }
  }
  if (status >= 400) {
    const changed = changedTables(before, after);
    if (changed.length > 0) found.push({ kind: `${status} refused, yet changed ${changed.join(', ')}`, detail: '' });
  }
  return found;
}

const label = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const hashOf = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

/**
 * Runs the generated requests against one route and collects every distinct violation,
 * keeping the shortest request that shows each (a cheap stand-in for shrinking: a failing
 * HTTP request against a live database does not replay reliably while it shrinks).
 */
async function fuzzRoute(route: RouteSpec, loggedIn: boolean): Promise<string[]> {
  const runs = loggedIn ? RUNS.administrator : RUNS.anonymous;
  // Past the minimum, runs stop when the route's share of the budget is spent. (Not fast-check's
  // interruptAfterTimeLimit: it abandons a run mid-request, and that run's requests would then
  // land in the next route's runs.)
  const deadline = performance.now() + runs.budgetMs / routes.length;
  let sent = 0;
  const violations = new Map<string, string>();
  const statuses = new Map<number, number>();
  const started = performance.now();
  let before = await takeDigest();
  let previous = '(none)';
  await fc.assert(
    fc.asyncProperty(hostileRequests(route, known, { loggedIn, bodyLimit: BODY_LIMIT }), async (generated: HostileRequest) => {
      if (sent >= runs.min && performance.now() > deadline) return;
      sent++;
      const raw = toRawRequest(generated, loggedIn ? admin : null);
      const response = await send(server.url, raw);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (process.env.TREKANT_PROPERTY_DEBUG === '2') console.log(response.status, describeRequest(generated).slice(0, 300));
      const after = await takeDigest();
      for (const v of checkResponse(raw, response, before, after)) {
        const example = `${describeRequest(generated)}\n    → ${v.detail}${v.kind.includes('changed') ? `\n    (the request before: ${previous})` : ''}`;
        const current = violations.get(v.kind);
        if (!current || example.length < current.length) violations.set(v.kind, example);
      }
      before = after;
      previous = `${response.status} ${describeRequest(generated).split('\n')[0]}`;
      // A successful log-out or revocation may have ended the session the run works with.
      if (loggedIn && ((response.status < 300 && !['GET', 'HEAD'].includes(raw.method)) || response.status === 401)) {
        await ensureAdministrator();
        before = await takeDigest();
      }
    }),
    // One seed per route, derived from the run's seed, so routes do not all get the same sequence.
    { numRuns: runs.max, seed: (SEED + hashOf(`${loggedIn} ${label(route)}`)) | 0, endOnFailure: true },
  );
  if (process.env.TREKANT_PROPERTY_DEBUG) {
    console.log(`${loggedIn ? 'admin' : 'anon'} ${label(route)}: ${sent} runs, ${Math.round((performance.now() - started) / Math.max(1, sent))} ms each`, JSON.stringify(Object.fromEntries(statuses)));
  }
  return [...violations].map(([kind, example]) => `${kind}\n    ${example}`);
}

describe(`every route (seed ${SEED}; replay with TREKANT_PROPERTY_SEED=${SEED})`, () => {
  it('the routes fuzzed are every route the router knows, the OpenAPI document lists, and the hidden ones', () => {
    const fuzzed = routes.map(label).sort();
    expect(fuzzed).toEqual(expect.arrayContaining(server.routes.filter((r) => r.method !== 'HEAD').map(label)));
    const documented = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(fuzzed).toEqual(expect.arrayContaining(documented));
    expect(fuzzed).toEqual(expect.arrayContaining(['GET /api/openapi.json', 'GET /api/docs/', 'GET /api/docs/static/*', 'GET /*', 'GET /assets/app.js', 'GET /health']));
  });

  describe('anonymous', () => {
    it.each(routes.map((r) => [label(r), r] as const))('%s: no 5xx, every 4xx is problem+json, a refusal changes nothing', async (_name, route) => {
      expect(await fuzzRoute(route, false)).toEqual([]);
    });
  });

  describe('as the administrator, with a valid CSRF token', () => {
    it.each(routes.map((r) => [label(r), r] as const))('%s: no 5xx, every 4xx is problem+json, a refusal changes nothing', async (_name, route) => {
      expect(await fuzzRoute(route, true)).toEqual([]);
    });
  });
});

// --- specific cases -------------------------------------------------------------------------

async function asAdmin(method: string, requestPath: string, options: { body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  await ensureAdministrator();
  const headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return send(server.url, { method, path: requestPath, headers, body: options.body === undefined ? undefined : Buffer.from(options.body) });
}

function anonymous(method: string, requestPath: string, options: { body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return send(server.url, { method, path: requestPath, headers, body: options.body === undefined ? undefined : Buffer.from(options.body) });
}

/** The response is a problem of this status and type, and the database is as it was. */
async function expectRefusal(act: () => Promise<RawResponse>, status: number, type?: string): Promise<{ type: string; title: string; errors?: { field: string; message: string }[] }> {
  const before = await takeDigest();
  const response = await act();
  const problem = response.json as { type: string; title: string; status: number; errors?: { field: string; message: string }[] };
  expect({ status: response.status, contentType: response.headers['content-type'] }).toEqual({ status, contentType: expect.stringMatching(/^application\/problem\+json/) });
  expect(problem.status).toBe(status);
  expect(problem.title).toEqual(expect.any(String));
  if (type) expect(problem.type).toBe(type);
  expect(changedTables(before, await takeDigest())).toEqual([]);
  return problem;
}

// Another user of the administrator's municipality: the audited read finds them.
const otherUsers = (await send(server.url, { method: 'GET', path: '/api/admin/users', headers: { cookie: admin.cookie } })).json as { id: string }[];
const otherUser = otherUsers.find((u) => u.id !== adminUser.id)?.id ?? '';
const otherUserId = () => otherUser;

describe('malformed requests get the right problem', () => {
  it('malformed JSON → 400 /problems/malformed-json', async () => {
    await expectRefusal(() => anonymous('POST', '/api/auth/login', { body: '{"email": "a@b.dk",' }), 400, '/problems/malformed-json');
    await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: "{'name': 'x'}" }), 400, '/problems/malformed-json');
    await expectRefusal(() => asAdmin('POST', '/api/admin/users', { body: '' }), 400, '/problems/malformed-json');
  });

  it('invalid UTF-8 → 400 /problems/invalid-utf8', async () => {
    const broken = Buffer.concat([Buffer.from('{"name":"S'), Buffer.from([0xf8, 0xc3]), Buffer.from('ren"}')]);
    await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: broken }), 400, '/problems/invalid-utf8');
    const surrogate = Buffer.concat([Buffer.from('{"email":"a@b.dk","password":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    await expectRefusal(() => anonymous('POST', '/api/auth/login', { body: surrogate }), 400, '/problems/invalid-utf8');
  });

  it('an unknown field → 422 naming the field', async () => {
    const login = await expectRefusal(() => anonymous('POST', '/api/auth/login', { body: JSON.stringify({ email: 'a@b.dk', password: 'x', isAdmin: true }) }), 422, '/problems/validation');
    expect(login.errors?.map((e) => e.field)).toContain('isAdmin');
    const update = await expectRefusal(() => asAdmin('PATCH', `/api/admin/users/${otherUserId()}`, { body: JSON.stringify({ name: 'Ny', roles: ['leader'], passwordHash: 'x' }) }), 422);
    expect(update.errors?.map((e) => e.field)).toContain('passwordHash');
    const query = await expectRefusal(() => asAdmin('GET', `/api/admin/users/${otherUserId()}?purpose=user_administration&debug=1`), 422);
    expect(query.errors?.map((e) => e.field)).toContain('debug');
  });

  it('an over-long string → 422 naming the field', async () => {
    const name = await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: JSON.stringify({ name: 'x'.repeat(121) }) }), 422, '/problems/validation');
    expect(name.errors?.map((e) => e.field)).toEqual(['name']);
    const password = await expectRefusal(() => anonymous('POST', '/api/auth/login', { body: JSON.stringify({ email: 'a@b.dk', password: 'p'.repeat(201) }) }), 422);
    expect(password.errors?.map((e) => e.field)).toEqual(['password']);
    const purpose = await expectRefusal(() => asAdmin('GET', `/api/admin/users/${otherUserId()}?purpose=${'f'.repeat(201)}`), 422);
    expect(purpose.errors?.map((e) => e.field)).toEqual(['purpose']);
  });

  it('a body over the limit → 413', async () => {
    const big = JSON.stringify({ email: 'a@b.dk', password: 'x'.repeat(BODY_LIMIT) });
    await expectRefusal(() => anonymous('POST', '/api/auth/login', { body: big }), 413, '/problems/body-too-large');
    await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: JSON.stringify({ name: 'æ'.repeat(BODY_LIMIT / 2 + 1) }) }), 413, '/problems/body-too-large');
  });

  it('a content type other than JSON → 415', async () => {
    const body = JSON.stringify({ email: 'a@b.dk', password: 'x' });
    const types = ['application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/plain', 'text/plain; charset=utf-8'];
    const answers: Record<string, string> = {};
    for (const contentType of types) {
      const before = await takeDigest();
      const anonymousLogin = await anonymous('POST', '/api/auth/login', { body, contentType });
      const adminChange = await asAdmin('PATCH', '/api/me', { body: JSON.stringify({ name: 'Ny' }), contentType });
      expect(changedTables(before, await takeDigest())).toEqual([]);
      for (const [name, r] of [['login', anonymousLogin], ['PATCH /api/me', adminChange]] as const) {
        answers[`${name} as ${contentType}`] = `${r.status} ${(r.json as { type?: string } | undefined)?.type ?? r.headers['content-type']}`;
      }
    }
    // text/plain matters most: it is the type a cross-site form can send without a CORS preflight.
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, '415 /problems/unsupported-media-type'])));
  });

  it('a spreadsheet body to any route that imports no file → 415, before the body is read', async () => {
    // Larger than the JSON limit: read, it would be 413 (or one error per byte, as it once was).
    const body = Buffer.alloc(BODY_LIMIT + 1024, 'a;');
    const imports = new Set(['/api/organisation/import', '/api/efforts/import']);
    const withBody = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !imports.has(r.url));
    expect(withBody.length).toBeGreaterThan(30);
    const answers: Record<string, string> = {};
    for (const route of withBody) {
      const path = route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      for (const contentType of ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) {
        const r = await asAdmin(route.method, path, { body, contentType });
        if (r.status !== 415 || r.body.length > 2000) answers[`${route.method} ${route.url} as ${contentType}`] = `${r.status}, ${r.body.length} bytes`;
      }
    }
    expect(answers).toEqual({});
  });

  it('path traversal on file paths → 404, never the file', async () => {
    const secrets = [fs.readFileSync('package.json', 'utf8').slice(0, 40), 'root:x:0:0'];
    const attempts = [
      '/assets/../../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/index.html/../../package.json',
      '/..%5c..%5cpackage.json',
      '/assets/app.js%00.json',
      '/api/docs/static/../../../../package.json',
      '/api/docs/static/..%2f..%2f..%2f..%2fpackage.json',
      '/api/docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/api/docs/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    ];
    const answers: Record<string, number> = {};
    for (const attempt of attempts) {
      const response = await anonymous('GET', attempt);
      answers[attempt] = response.status;
      for (const secret of secrets) expect(response.body.toString('utf8'), attempt).not.toContain(secret);
      if (response.status >= 400) expect(response.headers['content-type'], attempt).toMatch(/^application\/problem\+json/);
    }
    expect(answers).toEqual(Object.fromEntries(attempts.map((a) => [a, 404])));
    // Without an extension a path is a page of the web app (client-side routing): it gets the
    // app's index.html, whose router shows "not found". Never the file it names.
    for (const attempt of ['/%2e%2e/%2e%2e/etc/passwd', '/../../etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await anonymous('GET', attempt);
      expect([404, 200]).toContain(response.status);
      if (response.status === 200) expect(response.body.toString('utf8')).toBe(INDEX_HTML);
      for (const secret of secrets) expect(response.body.toString('utf8')).not.toContain(secret);
    }
  });
});

describe('errors fastify raises before routing are problem+json too', () => {
  it('a broken percent-encoding in the path → 400 problem', async () => {
    await expectRefusal(() => asAdmin('GET', `/api/admin/users/%E0%A4%A?purpose=user_administration`), 400);
  });

  it('a path parameter over the router limit → 414 problem (or 404)', async () => {
    const response = await asAdmin('GET', `/api/admin/users/${'a'.repeat(300)}?purpose=user_administration`);
    expect([404, 414]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('request headers too large → 431 problem', async () => {
    const response = await anonymous('GET', '/health', { headers: { cookie: `x=${'a'.repeat(20_000)}` } });
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('text that PostgreSQL cannot store is refused, not a 500', () => {
  // JSON and query strings may carry U+0000 and unpaired surrogates; PostgreSQL text and
  // jsonb accept neither, so they must be refused at validation (4xx), not fail in SQL.
  it('U+0000 in the stated purpose of an audited read', async () => {
    await expectRefusal(() => asAdmin('GET', `/api/admin/users/${otherUserId()}?purpose=${percentEncode('Opfølgning\u0000')}`), 422);
    await expectRefusal(() => asAdmin('GET', `/api/audit/subject-access.csv?subjectId=${otherUserId()}&purpose=${percentEncode('Indsigt\u0000')}`), 422);
  });

  it('U+0000 in a search filter', async () => {
    await expectRefusal(() => asAdmin('GET', `/api/audit?entityType=${percentEncode('user\u0000')}`), 422);
  });

  it('U+0000 in a JSON string', async () => {
    await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: JSON.stringify({ name: 'Navn\u0000' }) }), 422);
    await expectRefusal(() => asAdmin('POST', '/api/me/tokens', { body: JSON.stringify({ name: 'Token\u0000', scopes: ['read'] }) }), 422);
    await expectRefusal(() => asAdmin('PATCH', `/api/admin/users/${otherUserId()}`, { body: JSON.stringify({ name: 'Navn\u0000' }) }), 422);
  });

  it('an unpaired surrogate in a JSON string (valid JSON, not valid Unicode)', async () => {
    // JSON.stringify writes "\ud800" as an escape, so the bytes are valid UTF-8 but the text is not.
    const problem = await expectRefusal(() => asAdmin('PATCH', '/api/me', { body: JSON.stringify({ name: 'Navn\ud800' }) }), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(['name']);
  });
});

describe('edge values that pass validation are handled', () => {
  it('PATCH /api/me with an empty object (every field is optional) does not fail', async () => {
    const response = await asAdmin('PATCH', '/api/me', { body: '{}' });
    expect(response.status).toBeLessThan(500);
  });

  it('an audit search from year 0000 or to year 9999', async () => {
    for (const query of ['from=0000-01-01', 'to=0000-01-01', 'from=9999-12-31&to=9999-12-31']) {
      const response = await asAdmin('GET', `/api/audit?${query}`);
      expect([200, 422], `${query} answered ${response.status}`).toContain(response.status);
    }
  });

  it("one client's bad audited read does not fail other clients' reads logged in the same batch", async () => {
    await ensureAdministrator();
    expect((await asAdmin('GET', `/api/admin/users/${otherUserId()}?purpose=user_administration`)).status).toBe(200);
    const headers = { cookie: admin.cookie };
    const read = (purpose: string) => send(server.url, { method: 'GET', path: `/api/admin/users/${otherUserId()}?purpose=${purpose}`, headers }).then((r) => r.status);
    // A code of the right form that is not on the list passes validation and is refused by the access log.
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => read(i % 8 === 4 ? 'not_on_the_list' : 'user_administration')));
    const innocent = statuses.filter((_, i) => i % 8 !== 4);
    expect(innocent.every((s) => s === 200), `statuses of the innocent reads: ${innocent.join(' ')}`).toBe(true);
    expect(statuses.filter((_, i) => i % 8 === 4)).toEqual([422, 422, 422, 422, 422]);
  });
});
