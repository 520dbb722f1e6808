/**
 * `npx tsx bench/profile.ts [pglite|postgres]`: where the time of the audited read goes, step by
 * step, in one process (no HTTP, no load generator competing for the CPU). Each step runs
 * sequentially many times; the mean is what one request pays for it when nothing else runs.
 * The HTTP figures come from `app.inject` (fastify without a socket).
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import * as repo from '../server/modules/identity/identity.repository.ts';
import { AccessLogWriter } from '../server/platform/audit/access-log.ts';
import { appendAuditEntries } from '../server/platform/audit/audit-chain.ts';
import { sha256 } from '../server/platform/auth/secrets.ts';
import { loadConfig } from '../server/platform/config.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { databaseCpuMs } from './cpu.ts';
import { type Kind, generateData, prepareTarget } from './database.ts';

const kind = (process.argv[2] ?? 'pglite') as Kind;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const ADMIN = { email: 'administrator@trekant.test', password: 'Trekant-demo-2026' };

async function timed(label: string, rounds: number, step: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(20, rounds); i++) await step();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await step();
  const each = (performance.now() - start) / rounds;
  process.stdout.write(`  ${label.padEnd(58)} ${each.toFixed(3).padStart(8)} ms  (${Math.round(1000 / each)}/s)\n`);
}

const CONCURRENCY = 10;
const WHAT_IF_MS = 4000;

/** Runs `op` CONCURRENCY at a time for WHAT_IF_MS; prints operations/s and CPU per operation. */
async function throughput(label: string, databasePort: number | null, op: () => Promise<unknown>): Promise<void> {
  await Promise.all(Array.from({ length: CONCURRENCY }, () => op()));
  const end = performance.now() + WHAT_IF_MS;
  let done = 0;
  const ownBefore = process.cpuUsage();
  const dbBefore = databaseCpuMs(databasePort);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await op();
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const nodeMs = (own.user + own.system) / 1000 / done;
  const dbMs = (databaseCpuMs(databasePort) - dbBefore) / done;
  const cpu = databasePort === null ? `node+PGlite ${nodeMs.toFixed(3)} ms` : `node ${nodeMs.toFixed(3)} ms, PostgreSQL ${dbMs.toFixed(3)} ms`;
  process.stdout.write(`  ${label.padEnd(62)} ${Math.round(done / seconds).toString().padStart(6)}/s   CPU per op: ${cpu}\n`);
}

/**
 * The proposed access-log writer, for measuring only: group commit as today, but each batch is
 * one INSERT outside an explicit transaction, without the chain lock and the read of the last
 * hash. The chain would be filled in right after by a single chainer (not simulated). Here the
 * hash columns get placeholders: this database is thrown away.
 */
class PlainAppender {
  private queue: { entry: Record<string, unknown>; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushing = false;
  rows = 0;
  batches = 0;
  constructor(private readonly db: Kysely<Database>) {}
  record(entry: { actorUserId: string | null; actorName: string | null; municipalityId: string | null; action: string; entityType: string; entityId: string; subjectId: string; purpose: string; requestId: string }): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ entry, done, fail });
      if (!this.flushing) void this.flush();
    });
  }
  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      const at = new Date();
      try {
        await this.db
          .insertInto('audit_log')
          .values(
            batch.map(({ entry: e }) => ({
              chain: `municipality:${e.municipalityId as string}`,
              at,
              actor_user_id: e.actorUserId as string,
              actor_name: e.actorName as string,
              municipality_id: e.municipalityId as string,
              action: e.action as string,
              entity_type: e.entityType as string,
              entity_id: e.entityId as string,
              request_id: e.requestId as string,
              payload_hash: '',
              prev_hash: '',
              hash: randomUUID(),
            })),
          )
          .execute();
        this.rows += batch.length;
        this.batches++;
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.fail(error);
      }
    }
    this.flushing = false;
  }
}

async function main() {
  const target = await prepareTarget(kind);
  try {
    const data = await generateData(target, Number(process.env.BENCH_USERS ?? 2000));
    const database = await target.open();
    const { db } = database;
    const config = { ...loadConfig({}), webDistDir: '/nonexistent' };
    const built = await buildApp(config, database);
    const identity = built.services.identity;
    const ctx = { actor: null, requestId: 'profile', ip: null, userAgent: 'profile' };
    const { token } = await identity.login(ADMIN, ctx);
    const actor = await identity.actorFromSessionToken(token);
    if (!actor) throw new Error('no actor');
    const cookie = `trekant_session=${token}`;
    const auditedPath = `/api/admin/users/${data.targetUserId}?purpose=user_administration`;
    const requestCtx = { ...ctx, actor };
    const entry = { actorUserId: actor.userId, actorName: actor.name, municipalityId: actor.municipalityId, requestId: 'profile', action: 'user.read' as const, entityType: 'user', entityId: data.targetUserId, subjectId: data.targetUserId, purpose: 'Benchmark' };
    const sessionHash = sha256(token);
    const writer = new AccessLogWriter(db);

    process.stdout.write(`\n${kind}: ${data.usersInMunicipality} users in the municipality, ${ROUNDS} rounds each, sequential\n\n`);
    process.stdout.write('HTTP through fastify (app.inject, no socket)\n');
    await timed('GET /health', ROUNDS, () => built.app.inject({ method: 'GET', url: '/health' }));
    await timed('GET /api/me', ROUNDS, () => built.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }));
    await timed('GET /api/admin/users/:id?purpose=… (the audited read)', ROUNDS, () => built.app.inject({ method: 'GET', url: auditedPath, headers: { cookie } }));

    process.stdout.write('\nThe steps of the audited read\n');
    await timed('SELECT 1 (one round trip)', ROUNDS, () => sql`SELECT 1`.execute(db));
    await timed('1. actorFromSessionToken (session + user + memberships)', ROUNDS, () => identity.actorFromSessionToken(token));
    await timed('   of which findSessionByTokenHash alone', ROUNDS, () => repo.findSessionByTokenHash(db, sessionHash));
    await timed('   the same query without its memberships subquery', ROUNDS, () =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id', 'sessions.stage', 'sessions.csrf_token', 'sessions.municipality_id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.id as user_id', 'users.name', 'users.email', 'users.locale', 'users.disabled_at'])
        .where('sessions.token_hash', '=', sessionHash)
        .where('sessions.revoked_at', 'is', null)
        .executeTakeFirst(),
    );
    await timed('   listMembershipsOfUser (the memberships as a second query)', ROUNDS, () => repo.listMembershipsOfUser(db, actor.userId));
    await timed('2. listUsersOfMunicipality(municipality, id)', ROUNDS, () => repo.listUsersOfMunicipality(db, data.municipalityId, data.targetUserId));
    await timed('3. access-log row, alone in its transaction', ROUNDS, () => db.transaction().execute((trx) => appendAuditEntries(trx, [entry])));
    await timed('   the same through AccessLogWriter, one at a time', ROUNDS, () => writer.record(entry));
    await timed('   AccessLogWriter, 10 rows at once (group commit): per batch', Math.ceil(ROUNDS / 10), async () => {
      await Promise.all(Array.from({ length: 10 }, () => writer.record(entry)));
    });
    await timed('identity.getUser (steps 2 and 3)', ROUNDS, () => identity.getUser(actor, data.targetUserId, 'Benchmark', requestCtx));
    await timed('identity.me (GET /api/me after the actor)', ROUNDS, () => identity.me(actor));

    process.stdout.write(`\nWhat-if: the database work of one audited read, ${CONCURRENCY} at a time for ${WHAT_IF_MS / 1000} s each\n`);
    process.stdout.write('(B and C simulate proposed changes here in the bench; the server is unchanged)\n');
    const port = kind === 'postgres' ? Number(new URL(target.serverEnv.DATABASE_URL).port) : null;
    await throughput('A. today: session query, user query, chained access-log row', port, async () => {
      const a = await identity.actorFromSessionToken(token);
      await identity.getUser(a!, data.targetUserId, 'Benchmark', requestCtx);
    });
    await throughput('B. actor cached in memory (no session query)', port, () => identity.getUser(actor, data.targetUserId, 'Benchmark', requestCtx));
    const appender = new PlainAppender(db);
    await throughput('C. B, and access-log rows by one plain INSERT per batch', port, async () => {
      await repo.listUsersOfMunicipality(db, data.municipalityId, data.targetUserId);
      await appender.record(entry);
    });
    process.stdout.write(`   (C: ${appender.rows} rows in ${appender.batches} INSERTs)\n`);

    process.stdout.write('\nQuery plan of step 2\n');
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ANALYZE
      SELECT users.id, array_agg(memberships.role ORDER BY memberships.role) AS roles
      FROM users JOIN memberships ON memberships.user_id = users.id
      WHERE memberships.municipality_id = ${data.municipalityId} AND users.id = ${data.targetUserId}
      GROUP BY users.id ORDER BY users.name`.execute(db);
    for (const row of plan.rows) process.stdout.write(`  ${row['QUERY PLAN']}\n`);
    await built.app.close();
    await database.close();
  } finally {
    target.cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
