import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE } from '../../server/modules/identity/identity.service.ts';
import { verifyAuditChain } from '../../server/platform/audit/audit-chain.ts';
import { type OpenDatabase, openDatabase } from '../../server/platform/db/database.ts';
import { DEMO_PASSWORD } from '../../seeds/reference.ts';
import { type ServerProcess, type Session, killAllProcesses, requestWithSession, runCli, sessionOf, startServer } from '../support/server-process.ts';
import { createPostgresDatabaseFromTemplate, dropPostgresDatabase } from '../support/test-database.ts';

/**
 * Horizontal scale: two app processes behind a load balancer on one PostgreSQL. Nothing the
 * app keeps may live in one process's memory: sessions, login throttling and the order of the
 * audit chain are all in the database, and these tests prove it with two real processes.
 */

/** A request on `server` with a session from any process, as a load balancer would route it. */
const withSession = (server: ServerProcess, session: Session, method: string, path: string, json?: unknown, requestId?: string) =>
  requestWithSession(server.url, session, method, path, { json, headers: requestId ? { 'x-request-id': requestId } : {} });

async function loginSession(server: ServerProcess, email: string): Promise<Session> {
  const client = server.client();
  const login = await client.login(email);
  expect(login.status, login.text).toBe(200);
  return sessionOf(client);
}

describe('two server processes on one PostgreSQL database', () => {
  let url: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let database: OpenDatabase;

  beforeAll(async () => {
    url = await createPostgresDatabaseFromTemplate();
    const env = { DATABASE_URL: url, TREKANT_DEMO: '1' };
    [a, b] = await Promise.all([startServer({ env, label: 'process A' }), startServer({ env, label: 'process B' })]);
    expect(a.pid).not.toBe(b.pid);
    database = await openDatabase({ databaseUrl: url, dataDir: '' });
  });

  afterAll(async () => {
    await killAllProcesses();
    await database?.close();
    if (url) await dropPostgresDatabase(url);
  });

  it('a session from process A works on process B, and logging out on B ends it on A', async () => {
    const session = await loginSession(a, 'konsulent@trekant.test');

    const meOnB = await withSession(b, session, 'GET', '/api/me');
    expect(meOnB.status, meOnB.text).toBe(200);
    expect((meOnB.body as { user: { email: string } }).user.email).toBe('konsulent@trekant.test');
    // A change on B with the CSRF token A handed out: the token is the session's, not the process's.
    const changeOnB = await withSession(b, session, 'PATCH', '/api/me', { locale: 'en' });
    expect(changeOnB.status, changeOnB.text).toBe(200);
    const meOnA = await withSession(a, session, 'GET', '/api/me');
    expect((meOnA.body as { user: { locale: string } }).user.locale).toBe('en');

    const logoutOnB = await withSession(b, session, 'POST', '/api/auth/logout');
    expect(logoutOnB.status, logoutOnB.text).toBe(200);
    expect((await withSession(a, session, 'GET', '/api/me')).status).toBe(401);
    expect((await withSession(b, session, 'GET', '/api/me')).status).toBe(401);
  });

  it('login throttling counts the failures made on both processes together', async () => {
    const email = 'analytiker@trekant.test';
    const attempt = (server: ServerProcess, password: string) => server.client().post('/api/auth/login', { email, password });
    // perAccount - 1 failures, alternating: neither process alone has seen enough to throttle.
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) {
      const failed = await attempt(i % 2 === 0 ? a : b, `wrong-password-${i}`);
      expect(failed.status, failed.text).toBe(401);
    }
    // The last allowed failure, on B: still an ordinary 401 …
    expect((await attempt(b, 'wrong-password-last')).status).toBe(401);
    // … and now the account is throttled on both processes, even with the right password.
    for (const server of [a, b]) {
      const throttled = await attempt(server, DEMO_PASSWORD);
      expect(throttled.status, `${server.label}: ${throttled.text}`).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const failures = await database.db.selectFrom('login_failures').select('id').where('key', '=', `account:${email}`).execute();
    expect(failures).toHaveLength(THROTTLE.perAccount);
  });

  it('concurrent audited writes on both processes form one valid hash chain', async () => {
    const session = await loginSession(a, 'administrator@trekant.test');
    const countRows = async () => Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await countRows();

    // Many audited writes at once, alternating processes, so both append to the chain concurrently.
    const writes = 160;
    const concurrency = 16;
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < writes) {
          const i = next++;
          const server = i % 2 === 0 ? a : b;
          const response = await withSession(server, session, 'PATCH', '/api/me', { locale: i % 3 === 0 ? 'da' : 'en' }, `${i % 2 === 0 ? 'A' : 'B'}-write-${i}`);
          statuses.push(response.status);
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const after = await countRows();
    expect(after - before).toBe(writes);

    // Both processes wrote, interleaved in one id order (not one process's block after the other's).
    const tagged = await database.db.selectFrom('audit_log').select(['id', 'request_id']).where('request_id', 'like', '%-write-%').orderBy('id').execute();
    expect(tagged).toHaveLength(writes);
    const origins = tagged.map((r) => r.request_id!.charAt(0));
    const switches = origins.filter((o, i) => i > 0 && o !== origins[i - 1]).length;
    expect(switches).toBeGreaterThan(10);

    const verdict = await verifyAuditChain(database.db);
    expect(verdict).toMatchObject({ ok: true, rows: after, erased: 0 });

    // The operator's check, through npx as documented, agrees.
    const cli = await runCli(['audit-verify'], { DATABASE_URL: url }, { viaNpx: true });
    expect(cli.code, cli.output).toBe(0);
    expect(cli.stdout).toContain(`Audit chain intact: ${after} rows verified.`);
  });

  it('two processes starting at once on an empty database both come up, migrated and seeded once', async () => {
    const emptyUrl = await createPostgresDatabaseFromTemplate({ empty: true });
    const extra: ServerProcess[] = [];
    try {
      const env = { DATABASE_URL: emptyUrl, TREKANT_DEMO: '1' };
      const started = await Promise.allSettled([startServer({ env, label: 'process C' }), startServer({ env, label: 'process D' })]);
      for (const s of started) if (s.status === 'fulfilled') extra.push(s.value);
      const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
      expect(failures, failures.join('\n\n')).toEqual([]);
      for (const server of extra) {
        const login = await server.client().login('administrator@trekant.test');
        expect(login.status, login.text).toBe(200);
      }
      // The reference data exactly once: the same municipalities and users as a database seeded by one process.
      const check = await openDatabase({ databaseUrl: emptyUrl, dataDir: '' });
      try {
        const codes = async (db: OpenDatabase['db']) => (await db.selectFrom('municipalities').select('code').orderBy('code').execute()).map((r) => r.code);
        const emails = async (db: OpenDatabase['db']) => (await db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email);
        expect(await codes(check.db)).toEqual(await codes(database.db));
        expect(await emails(check.db)).toEqual(await emails(database.db));
        expect(await verifyAuditChain(check.db)).toMatchObject({ ok: true });
      } finally {
        await check.close();
      }
    } finally {
      await Promise.all(extra.map((s) => s.kill()));
      await dropPostgresDatabase(emptyUrl);
    }
  });
});
