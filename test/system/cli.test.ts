import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalJson } from '../../server/platform/audit/audit-chain.ts';
import { type OpenDatabase, openDatabase } from '../../server/platform/db/database.ts';
import type { Database } from '../../server/platform/db/schema.ts';
import { DEMO_PASSWORD } from '../../seeds/reference.ts';
import { ServerProcess, killAllProcesses, runCli, startServer } from '../support/server-process.ts';
import { createPostgresDatabaseFromTemplate, dropPostgresDatabase } from '../support/test-database.ts';

/**
 * The operator's side: the `trekant` CLI and the server's start-up and shut-down, each run as
 * the real process an operator would run, on real PGlite directories and PostgreSQL databases.
 */

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-cli-'));
const tempPath = (name: string) => path.join(tempRoot, name);
const createdDatabases: string[] = [];

async function newPostgresDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const url = await createPostgresDatabaseFromTemplate(options);
  createdDatabases.push(url);
  return url;
}

afterAll(async () => {
  await killAllProcesses();
  for (const url of createdDatabases) await dropPostgresDatabase(url);
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

const pgliteEnv = (dataDir: string) => ({ TREKANT_DATA_DIR: dataDir });
const postgresEnv = (url: string) => ({ DATABASE_URL: url });
const openPglite = (dataDir: string) => openDatabase({ databaseUrl: null, dataDir });
const openPostgres = (url: string) => openDatabase({ databaseUrl: url, dataDir: '' });

async function withDatabase<T>(open: () => Promise<OpenDatabase>, run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

/** Tables the backup covers: every application table (the migration bookkeeping is the schema's). */
async function applicationTables(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'schema_migrations%'
    ORDER BY table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Every application table's rows, normalised so that the two drivers compare: timestamps as ISO
 * strings at the millisecond resolution the application reads them with (JS Date; the backup
 * format keeps no more, so microseconds are not compared), jsonb as canonical JSON, rows sorted
 * (text keys may sort differently by collation).
 */
async function snapshot(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of await applicationTables(db)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.id(table)}`.execute(db);
    result[table] = rows.rows.map((row) => canonicalJson(row)).sort();
  }
  return result;
}

const rowCounts = (tables: Record<string, string[]>) => Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));

/** Real use through a running server, so that a backup holds more than the seed: Danish text,
 * jsonb, text[], timestamps, nulls, sessions, a login failure, an access-log read, the job table. */
async function exercise(server: ServerProcess): Promise<void> {
  const admin = server.client();
  expect((await admin.login('administrator@trekant.test')).status).toBe(200);
  expect((await admin.patch('/api/me', { name: 'Åse Ødegård-Æbelø', locale: 'en' })).status).toBe(200);
  expect((await admin.post('/api/me/tokens', { name: 'Indberetning «ugentlig»', scopes: ['read', 'write'], expiresInDays: 30 })).status).toBe(201);
  const created = await admin.post<{ id: string }>('/api/admin/users', { email: 'soeren.kierkegaard@example.dk', name: 'Søren Kierkegaard', password: 'Enten-Eller-1843', roles: ['consultant', 'analyst'] });
  expect(created.status, created.text).toBe(201);
  expect((await admin.get(`/api/admin/users/${created.body.id}?purpose=user_administration`)).status).toBe(200);
  expect((await server.client().post('/api/auth/login', { email: 'leder@trekant.test', password: 'forkert' })).status).toBe(401);
}

interface Store {
  env: Record<string, string>;
  open: () => Promise<OpenDatabase>;
}
const pgliteStore = (dataDir: string): Store => ({ env: pgliteEnv(dataDir), open: () => openPglite(dataDir) });
const postgresStore = (url: string): Store => ({ env: postgresEnv(url), open: () => openPostgres(url) });

// A restore of a few hundred rows takes seconds (on PGlite, most of it creating the directory);
// fail well before the test's own timeout if it hangs.
const restoreTimeout = (store: Store) => ('DATABASE_URL' in store.env ? 20_000 : 60_000);

/** backup(source) → restore(empty target): every table equal, the chain verifies on both, and the target carries on. */
async function roundTrip(source: Store, target: Store, file: string): Promise<void> {
  const before = await withDatabase(source.open, snapshot);
  const counts = rowCounts(before);
  for (const table of ['municipalities', 'users', 'memberships', 'sessions', 'api_tokens', 'login_failures', 'audit_log', 'jobs']) {
    expect(counts[table], `rows in ${table}`).toBeGreaterThan(0);
  }
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);

  const backup = await runCli(['backup', file], source.env);
  expect(backup.code, backup.output).toBe(0);
  expect(backup.stdout).toContain(`${totalRows} rows from ${Object.keys(counts).length} tables`);

  // The target is empty: restore migrates it, then loads every table. Meanwhile, check the source's chain.
  const [restore, sourceVerified] = await Promise.all([runCli(['restore', file], target.env, { timeoutMs: restoreTimeout(target) }), runCli(['audit-verify'], source.env)]);
  expect(sourceVerified.code, sourceVerified.output).toBe(0);
  expect(sourceVerified.stdout).toContain(`Audit chain intact: ${counts.audit_log} rows verified.`);
  expect(restore.code, restore.output).toBe(0);
  expect(restore.stdout).toContain(`Restored ${totalRows} rows`);
  expect(await withDatabase(target.open, snapshot)).toEqual(before);

  // The restored database carries on: a new audited write gets a fresh id (sequences were reset)
  // and extends the restored chain, which verifies end to end.
  const created = await runCli(['create-user', '--email', 'efter.gendannelse@example.dk', '--password', 'Gendannet-2026!', '--role', 'leader', '--municipality', '183'], target.env);
  expect(created.code, created.output).toBe(0);
  const verify = await runCli(['audit-verify'], target.env);
  expect(verify.code, verify.output).toBe(0);
  expect(verify.stdout).toContain(`Audit chain intact: ${counts.audit_log + 1} rows verified.`);
}

describe('backup and restore across PGlite and PostgreSQL, and the embedded directory lock', () => {
  const dataDir = tempPath('pglite-source');
  let server: ServerProcess;

  beforeAll(async () => {
    // A first start creates, migrates and seeds the directory (demo users: the embedded default).
    server = await startServer({ env: pgliteEnv(dataDir), label: 'server on the PGlite directory' });
    expect(server.stdout).toContain('Demo logins');
    await exercise(server);
  });

  const stopServer = async () => {
    if (!server.exitStatus) expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  };

  it('refuses a second server on the same directory, with a clear message, while the first runs', async () => {
    const second = new ServerProcess({ env: pgliteEnv(dataDir), label: 'second server on the same directory' });
    const exit = await second.waitForExit();
    expect(exit.code, second.output).not.toBe(0);
    expect(second.stderr).toContain(`The data directory ${dataDir} is in use by another Trekant process (pid ${server.pid})`);
    // The CLI refuses it just the same rather than opening the directory under a live server.
    const cli = await runCli(['audit-verify'], pgliteEnv(dataDir));
    expect(cli.code, cli.output).not.toBe(0);
    expect(cli.stderr).toContain('is in use by another Trekant process');
    // And the first server was not disturbed.
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it('backs up a PGlite directory and restores it into an empty PostgreSQL database: every table equal', async () => {
    await stopServer();
    const url = await newPostgresDatabase({ empty: true });
    await roundTrip(pgliteStore(dataDir), postgresStore(url), tempPath('from-pglite.jsonl'));
  });

  it('backs up a PostgreSQL database and restores it into an empty PGlite directory: every table equal', async () => {
    const url = await newPostgresDatabase();
    const source = await startServer({ env: { ...postgresEnv(url), TREKANT_DEMO: '1' }, label: 'server on PostgreSQL (backup source)' });
    await exercise(source);
    expect(await source.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await roundTrip(postgresStore(url), pgliteStore(tempPath('pglite-restored')), tempPath('from-postgres.jsonl'));
  });

  it('writes the backup readable by its owner only, also over an existing world-readable file', async () => {
    const url = await newPostgresDatabase();
    const file = tempPath('private.jsonl');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const backup = await runCli(['backup', file], postgresEnv(url));
    expect(backup.code, backup.output).toBe(0);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(fs.readFileSync(file, 'utf8')).toContain('"password_hash"');
  });

  it('refuses to restore into a database that is not empty', async () => {
    await stopServer();
    const seeded = await newPostgresDatabase();
    const file = tempPath('seeded.jsonl');
    const backup = await runCli(['backup', file], postgresEnv(seeded));
    expect(backup.code, backup.output).toBe(0);
    const before = await withDatabase(() => openPostgres(seeded), snapshot);
    for (const store of [postgresStore(seeded), pgliteStore(dataDir)]) {
      const refused = await runCli(['restore', file], store.env, { timeoutMs: restoreTimeout(store) });
      expect(refused.code, refused.output).not.toBe(0);
      expect(refused.stderr).toMatch(/The database is not empty \(table \w+ has rows\)\. Restore into an empty database\./);
    }
    // Nothing was written.
    expect(await withDatabase(() => openPostgres(seeded), snapshot)).toEqual(before);
  });
});

describe.each([
  {
    kind: 'PostgreSQL',
    /** A seeded database; `open` connects as the superuser (the test cluster's only user). */
    prepare: async () => {
      const url = await newPostgresDatabase();
      return { env: postgresEnv(url), open: () => openPostgres(url) };
    },
  },
  {
    kind: 'PGlite',
    /** A seeded directory from the template (PGlite's user is a superuser). */
    prepare: async () => {
      const dataDir = fs.mkdtempSync(path.join(tempRoot, 'pglite-tamper-'));
      let template: Blob | undefined = new Blob([fs.readFileSync(inject('pgliteTemplateFile'))]);
      const open = () => {
        const loadDataDir = template; // only the first open loads the template
        template = undefined;
        return openDatabase({ databaseUrl: null, dataDir, loadDataDir });
      };
      return { env: pgliteEnv(dataDir), open };
    },
  },
])('audit-verify on a tampered audit log ($kind)', ({ prepare }) => {
  const run = (db: Kysely<Database>, statement: ReturnType<typeof sql>) => statement.execute(db);

  it('names the row whose content was changed, then the row after one deleted from the middle', async () => {
    const { env, open } = await prepare();
    const verifyMessage = async () => {
      const verify = await runCli(['audit-verify'], env);
      expect(verify.code, verify.output).not.toBe(0);
      return verify.stderr;
    };

    // The database refuses changes to the audit log until the superuser disables its trigger.
    const { ids, chainIds, changed } = await withDatabase(open, async (db) => {
      const rows = (await db.selectFrom('audit_log').select(['id', 'chain']).orderBy('id').execute()).map((r) => ({ id: String(r.id), chain: r.chain }));
      const ids = rows.map((r) => r.id);
      // The reference data writes several chains (each municipality's, the police district's),
      // interleaved: tamper within the longest, so that the row after a removed one is its own.
      const lengths = new Map<string, number>();
      for (const r of rows) lengths.set(r.chain, (lengths.get(r.chain) ?? 0) + 1);
      const longest = [...lengths].sort((a, b) => b[1] - a[1])[0][0];
      const chainIds = rows.filter((r) => r.chain === longest).map((r) => r.id);
      expect(chainIds.length).toBeGreaterThanOrEqual(6);
      const changed = chainIds[Math.floor((chainIds.length * 2) / 3)];
      await expect(run(db, sql`UPDATE audit_log SET actor_name = 'x' WHERE id = ${changed}`)).rejects.toThrow(/append-only/);
      await expect(run(db, sql`DELETE FROM audit_log WHERE id = ${changed}`)).rejects.toThrow(/append-only/);
      await run(db, sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await run(db, sql`UPDATE audit_log SET actor_name = 'Ingen' WHERE id = ${changed}`);
      await run(db, sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
      return { ids, chainIds, changed };
    });
    expect(await verifyMessage()).toContain(`Audit chain broken: row ${changed} was changed. ${ids.indexOf(changed)} rows before it verified.`);

    // Now remove a row earlier in the chain: the first bad row is the one that followed it.
    const deleted = chainIds[Math.floor(chainIds.length / 3)];
    const following = chainIds[chainIds.indexOf(deleted) + 1];
    await withDatabase(open, async (db) => {
      await run(db, sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await run(db, sql`DELETE FROM audit_log WHERE id = ${deleted}`);
      await run(db, sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    });
    expect(await verifyMessage()).toContain(`Audit chain broken: row ${following} does not follow the row before it (a row was removed or inserted).`);
  });

  it('names a truncated log against the latest checkpoint, which the chain alone cannot see', { timeout: 240_000 }, async () => {
    const { env, open } = await prepare();
    const withCheckpoints = { ...env, TREKANT_AUDIT_CHECKPOINTS: path.join(fs.mkdtempSync(path.join(tempRoot, 'checkpoints-')), 'audit.jsonl') };
    // (Opening first also gives PGlite its seeded directory.)
    const chains = await withDatabase(open, async (db) => (await sql<{ n: number }>`SELECT count(DISTINCT chain)::int AS n FROM audit_log`.execute(db)).rows[0].n);
    expect(chains).toBeGreaterThan(0);
    const checkpointed = await runCli(['audit-checkpoint'], withCheckpoints);
    expect(checkpointed.code, checkpointed.output).toBe(0);
    expect(checkpointed.stdout).toContain(`${chains} chains checkpointed in ${withCheckpoints.TREKANT_AUDIT_CHECKPOINTS}`);

    await withDatabase(open, async (db) => {
      await expect(run(db, sql`TRUNCATE audit_log, audit_payloads`)).rejects.toThrow(/append-only/);
      await run(db, sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await run(db, sql`ALTER TABLE audit_payloads DISABLE TRIGGER USER`);
      await run(db, sql`TRUNCATE audit_log, audit_payloads`);
    });
    const verify = await runCli(['audit-verify'], withCheckpoints);
    expect(verify.code, verify.output).toBe(2);
    expect(verify.stderr).toMatch(/Audit log truncated: chain municipality:[0-9a-f-]{36} no longer holds row \d+, its latest checkpoint/);
  });
});

/** A POST whose body arrives in two parts, so the request is in flight for as long as the test likes. */
function slowRequest(url: string, requestPath: string, json: unknown, requestId: string) {
  const body = JSON.stringify(json);
  const request = http.request(`${url}${requestPath}`, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { response, finish: () => request.end(body.slice(half)) };
}

/** What a brand-new connection gets: refused once the server stopped listening. */
function tryNewConnection(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('a PostgreSQL deployment without TREKANT_DEMO', () => {
  let url: string;
  let server: ServerProcess;

  beforeAll(async () => {
    url = await newPostgresDatabase({ empty: true });
    server = await startServer({ env: { ...postgresEnv(url), LOG_LEVEL: 'info' }, label: 'server on PostgreSQL' });
  });

  const userCount = () => withDatabase(() => openPostgres(url), async (db) => (await db.selectFrom('users').select('id').execute()).length);

  it('creates no demo users and tells the operator to run npx trekant create-user', async () => {
    expect(server.stdout).toContain('No users yet');
    expect(server.stdout).toContain('npx trekant create-user');
    expect(server.stdout).not.toContain('Demo logins');
    expect(server.stdout).not.toContain(DEMO_PASSWORD);
    expect(await userCount()).toBe(0);
    expect((await server.client().login('administrator@trekant.test')).status).toBe(401);
  });

  it('create-user creates a user who can log in, and refuses bad input with a non-zero exit', async () => {
    const args = (overrides: Record<string, string>) =>
      Object.entries({ email: 'ny.leder@ishoj.dk', password: 'Lang-og-sikker-2026', role: 'administrator', municipality: '183', name: 'Ny Leder', ...overrides }).flatMap(([k, v]) => [`--${k}`, v]);
    const created = await runCli(['create-user', ...args({})], postgresEnv(url));
    expect(created.code, created.output).toBe(0);
    expect(created.stdout).toMatch(/Created user ny\.leder@ishoj\.dk \([0-9a-f-]{36}\) in Ishøj\./);

    const client = server.client();
    expect((await client.login('ny.leder@ishoj.dk', 'Lang-og-sikker-2026')).status).toBe(200);
    const me = await client.get<{ user: { name: string }; municipality: { code: number; roles: string[] } }>('/api/me');
    expect(me.body.user.name).toBe('Ny Leder');
    expect(me.body.municipality).toMatchObject({ code: 183, roles: ['administrator'] });

    const badInputs: { overrides: Record<string, string>; message: string }[] = [
      { overrides: { password: 'kort' }, message: '--password must be 12 to 200 characters' },
      // The same rules as the web app's: no common password, no name or e-mail, no simple sequence.
      { overrides: { email: 'anden@ishoj.dk', password: 'aaaaaaaaaaaa' }, message: '--password: The password must not be one character repeated or a simple sequence' },
      { overrides: { email: 'anden@ishoj.dk', password: '123456789012' }, message: '--password: The password must not be one character repeated or a simple sequence' },
      { overrides: { email: 'anden@ishoj.dk', password: 'Password2026!' }, message: '--password: The password is too common' },
      { overrides: { email: 'anden.andersen@ishoj.dk', password: 'anden.andersen@ishoj.dk' }, message: "--password: The password must not be based on the user's name or e-mail address" },
      { overrides: { email: 'anden@ishoj.dk', name: 'Karen Blixen', password: 'KarenBlixen1985' }, message: "--password: The password must not be based on the user's name or e-mail address" },
      { overrides: { email: 'anden@ishoj.dk', role: 'troldmand' }, message: '--role must be one of administrator,' },
      { overrides: { email: 'ikke-en-adresse' }, message: '--email must be a valid e-mail address' },
      { overrides: { email: 'anden@ishoj.dk', municipality: '999' }, message: 'No municipality with code 999' },
      // The same e-mail again: refused, though the CLI says only "trekant: /problems/conflict" (reported).
      { overrides: {}, message: 'trekant:' },
    ];
    const refusals = await Promise.all(
      badInputs.map(async ({ overrides, message }) => ({ message, result: await runCli(['create-user', ...args(overrides)], postgresEnv(url)) })),
    );
    for (const { message, result } of refusals) {
      expect(result.code, result.output).not.toBe(0);
      expect(result.stderr).toContain(message);
    }
    expect(await userCount()).toBe(1);
  });

  it('SIGTERM lets a request in flight finish with 200, accepts no new connections, and exits 0', async () => {
    const created = await runCli(['create-user', '--email', 'sen.afsked@ishoj.dk', '--password', 'Langsom-anmodning-1', '--role', 'consultant', '--municipality', '183'], postgresEnv(url));
    expect(created.code, created.output).toBe(0);

    // Headers and half the body are sent; the server has begun the request (it logged it).
    const slow = slowRequest(server.url, '/api/auth/login', { email: 'sen.afsked@ishoj.dk', password: 'Langsom-anmodning-1' }, 'slow-login-during-shutdown');
    await server.waitForOutput(/"reqId":"slow-login-during-shutdown"/, 10_000);

    server.signal('SIGTERM');
    await server.waitForOutput(/shutting down: finishing requests in flight/, 10_000);
    // Stopped listening, but still waiting for the request in flight.
    let newConnection = '';
    for (let i = 0; i < 40 && newConnection !== 'ECONNREFUSED'; i++) {
      newConnection = await tryNewConnection(server.url);
      if (newConnection !== 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 50));
    }
    expect(newConnection).toBe('ECONNREFUSED');
    await new Promise((r) => setTimeout(r, 500));
    expect(server.exitStatus, 'the process must wait for the request in flight').toBeNull();

    slow.finish();
    const response = await slow.response;
    expect(response.status, response.text).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ stage: 'full' });

    const exit = await server.waitForExit(15_000);
    expect(exit, server.output).toEqual({ code: 0, signal: null });
    expect(server.stdout).toContain('stopped cleanly');
  });
});
