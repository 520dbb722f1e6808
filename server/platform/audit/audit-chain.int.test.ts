import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEST_AUDIT_KEY } from '../../../test/support/audit-key.ts';
import { createPostgresDatabaseFromTemplate, dropPostgresDatabase, openDatabaseBefore, openTestDatabase, testDatabaseKind } from '../../../test/support/test-database.ts';
import { type LegacyFields, legacyHash } from '../../db/migrations/2026-12-03T1100-audit-chains.ts';
import { APP_ROLE, type OpenDatabase, openMigratedDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';
import { type AuditEntry, GENESIS_HASH, appendAuditEntries, chainOf, checkAuditKey, erasePayloads, hashChainedRow, verifyAuditChain } from './audit-chain.ts';
import { AuditCheckpointer, readCheckpoints } from './audit-checkpoint.ts';
import { useAuditKey } from './audit-key.ts';

const opened: OpenDatabase[] = [];
const cleanUps: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  for (const cleanUp of cleanUps) await cleanUp();
});

// Opening a database takes seconds on a busy machine: tests that change nothing share one.
let shared: Promise<Kysely<Database>> | null = null;
const sharedDatabase = () => (shared ??= freshDatabase());

async function freshDatabase(): Promise<Kysely<Database>> {
  const database = await openTestDatabase();
  opened.push(database);
  return database.db;
}

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-audit-'));
cleanUps.push(async () => fs.rmSync(tempDir, { recursive: true, force: true }));
const log = { info: () => {} };

const append = (db: Kysely<Database>, entries: AuditEntry[]) => db.transaction().execute((trx) => appendAuditEntries(trx, entries));
const entry = (municipalityId: string | null, purpose: string): AuditEntry => ({
  action: 'user.read',
  actorUserId: null,
  actorName: 'Test',
  municipalityId,
  subjectId: randomUUID(),
  purpose,
  after: { note: purpose },
});

/** Runs a statement as the owner with the audit tables' triggers off: what a database administrator could do. */
async function tamper(db: Kysely<Database>, ...statements: RawBuilder<unknown>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await sql`ALTER TABLE audit_payloads DISABLE TRIGGER USER`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    await sql`ALTER TABLE audit_payloads ENABLE TRIGGER USER`.execute(trx);
  });
}

/** Runs a statement as the role the app runs as. */
const asApp = (db: Kysely<Database>, statement: RawBuilder<unknown>) =>
  db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE ${sql.raw(APP_ROLE)}`.execute(trx);
    return statement.execute(trx);
  });

const chainIds = async (db: Kysely<Database>, chain: string) => (await db.selectFrom('audit_log').select('id').where('chain', '=', chain).orderBy('id').execute()).map((r) => String(r.id));

describe('the audit tables in the database', { timeout: 180_000 }, () => {
  it('refuse TRUNCATE, even to the owner', async () => {
    const db = await sharedDatabase();
    await expect(sql`TRUNCATE audit_log CASCADE`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_payloads`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).rows).toBeGreaterThan(0);
  });

  it('let the app role read and append, but not truncate, drop, alter, change or delete, nor disable a trigger', async () => {
    const db = await sharedDatabase();
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(db);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    const refused: [RawBuilder<unknown>, RegExp][] = [
      [sql`TRUNCATE audit_log CASCADE`, /permission denied/],
      [sql`TRUNCATE audit_payloads`, /permission denied/],
      [sql`DROP TABLE audit_log CASCADE`, /must be owner/],
      [sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`, /must be owner/],
      [sql`ALTER TABLE audit_log DISABLE TRIGGER USER`, /must be owner/],
      [sql`DROP TRIGGER audit_log_no_truncate ON audit_log`, /must be owner/],
      [sql`ALTER TABLE audit_payloads DISABLE TRIGGER audit_payloads_erase_only`, /must be owner/],
      [sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`, /must be owner|permission denied/],
      [sql`UPDATE audit_log SET actor_name = 'x'`, /permission denied/],
      [sql`DELETE FROM audit_log`, /permission denied/],
      [sql`DELETE FROM audit_payloads`, /permission denied/],
      [sql`ALTER ROLE trekant_app BYPASSRLS`, /permission denied|must be superuser/],
    ];
    for (const [statement, error] of refused) await expect(asApp(db, statement), statement.compile(db).sql).rejects.toThrow(error);
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE ${sql.raw(APP_ROLE)}`.execute(trx);
      await appendAuditEntries(trx, [entry(null, 'as the app')]);
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('are what the server and the CLI open as the app role, after migrating as the owner', async () => {
    const url = testDatabaseKind() === 'postgres' ? await createPostgresDatabaseFromTemplate() : null;
    if (url) cleanUps.push(() => dropPostgresDatabase(url));
    const template = url ? undefined : new Blob([fs.readFileSync(inject('pgliteTemplateFile'))]);
    const database = await openMigratedDatabase({ databaseUrl: url, dataDir: '', inMemory: true, loadDataDir: template });
    opened.push(database);
    const who = await sql<{ current_user: string }>`SELECT current_user`.execute(database.db);
    expect(who.rows[0].current_user).toBe(APP_ROLE);
    await expect(sql`TRUNCATE audit_log CASCADE`.execute(database.db)).rejects.toThrow(/permission denied/);
  });
});

describe('the keyed chain', { timeout: 180_000 }, () => {
  it('is checked at start-up against the configured key', async () => {
    const db = await sharedDatabase();
    await checkAuditKey(db);
    useAuditKey('a new key generated because the old file was lost');
    try {
      await expect(checkAuditKey(db)).rejects.toThrow(/does not verify under the configured audit key/);
    } finally {
      useAuditKey(TEST_AUDIT_KEY);
    }
  });

  /** Rewrites one row and recomputes every later row of its chain, as an attacker would, with `key`. */
  async function rewriteAndRelink(db: Kysely<Database>, victim: string, key: string): Promise<void> {
    const chain = (await db.selectFrom('audit_log').select('chain').where('id', '=', victim).executeTakeFirstOrThrow()).chain;
    const rows = await db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('id').execute();
    const statements: RawBuilder<unknown>[] = [];
    useAuditKey(key);
    try {
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const changed = String(row.id) === victim ? { ...row, actor_name: 'Nogen andre' } : row;
        if (BigInt(row.id) >= BigInt(victim)) {
          const hash = hashChainedRow(prev, changed);
          statements.push(sql`UPDATE audit_log SET actor_name = ${changed.actor_name}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`);
          prev = hash;
        } else {
          prev = row.hash;
        }
      }
    } finally {
      useAuditKey(TEST_AUDIT_KEY);
    }
    await tamper(db, ...statements);
  }

  it('finds a row rewritten with the following hashes recomputed by anyone without the key', async () => {
    const db = await freshDatabase();
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => String(r.id));
    const victim = ids[Math.floor(ids.length / 2)];
    await rewriteAndRelink(db, victim, 'a key guessed by someone who can write the table');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: victim, reason: 'changed' });
  });

  it('with the key stolen as well, finds the rewrite against the latest checkpoint', async () => {
    const db = await freshDatabase();
    const file = path.join(tempDir, 'stolen-key.jsonl');
    const [checkpoint] = await new AuditCheckpointer(db, file, log).write();
    const ids = await chainIds(db, checkpoint.chain);
    await rewriteAndRelink(db, ids[0], TEST_AUDIT_KEY);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(file) })).toMatchObject({ ok: false, reason: 'checkpoint_differs', chain: checkpoint.chain, checkpoint: { id: checkpoint.id } });
  });
});

describe('checkpoints', { timeout: 180_000 }, () => {
  it('find rows removed from the end of a chain, and a truncated log, which the chain alone cannot', async () => {
    const db = await freshDatabase();
    const municipality = randomUUID();
    await append(db, [entry(municipality, 'one'), entry(municipality, 'two'), entry(municipality, 'three')]);
    const file = path.join(tempDir, 'tail.jsonl');
    const checkpointer = new AuditCheckpointer(db, file, log);
    const written = await checkpointer.write();
    const chains = await sql<{ n: number }>`SELECT count(DISTINCT chain)::int AS n FROM audit_log`.execute(db);
    expect(written).toHaveLength(chains.rows[0].n);
    // Nothing moved: nothing more is written.
    expect(await checkpointer.write()).toEqual([]);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(file) })).toMatchObject({ ok: true, checkpointsMatched: written.length });

    const tail = (await chainIds(db, chainOf({ municipalityId: municipality }))).slice(-2);
    await tamper(db, sql`DELETE FROM audit_payloads WHERE audit_id IN (${sql.join(tail)})`, sql`DELETE FROM audit_log WHERE id IN (${sql.join(tail)})`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(file) })).toMatchObject({
      ok: false,
      reason: 'behind_checkpoint',
      chain: chainOf({ municipalityId: municipality }),
      checkpoint: { id: tail[1] },
    });

    await tamper(db, sql`TRUNCATE audit_log, audit_payloads`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 0 });
    expect(await verifyAuditChain(db, { checkpoints: readCheckpoints(file) })).toMatchObject({ ok: false, reason: 'behind_checkpoint', rows: 0 });
  });
});

describe('payloads', { timeout: 180_000 }, () => {
  it('are erased to tombstones that still verify, and a changed or removed payload is found', async () => {
    const db = await freshDatabase();
    const municipality = randomUUID();
    await append(db, [entry(municipality, 'Opfølgning'), entry(municipality, 'Aktindsigt'), entry(null, 'Andet')]);
    const ids = await db.selectFrom('audit_entries').select('id').where('purpose', 'in', ['Opfølgning', 'Aktindsigt', 'Andet']).orderBy('id').execute();
    const [first, second, third] = ids.map((r) => String(r.id));
    const rule = 'Adgangslog: 5 år';
    const actor = { actorUserId: null, actorName: 'retention', requestId: null };
    expect(await db.transaction().execute((trx) => erasePayloads(trx, { auditIds: [first, second], rule, actor }))).toBe(2);
    expect(await db.transaction().execute((trx) => erasePayloads(trx, { auditIds: [first, second], rule, actor }))).toBe(0);

    const erased = await db.selectFrom('audit_entries').selectAll().where('id', 'in', [first, second]).execute();
    for (const row of erased) expect(row).toMatchObject({ subject_id: null, purpose: null, before: null, after: null, erased_rule: rule, action: 'user.read', actor_name: 'Test' });
    const note = await db.selectFrom('audit_entries').select(['after', 'municipality_id']).where('action', '=', 'audit.payloads_erased').execute();
    expect(note).toMatchObject([{ municipality_id: municipality, after: { rule, rows: 2, firstId: first, lastId: second } }]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, erased: 2 });

    // The database allows nothing but erasure.
    await expect(sql`UPDATE audit_payloads SET purpose = 'x' WHERE audit_id = ${third}`.execute(db)).rejects.toThrow(/can only be erased/);
    await expect(sql`UPDATE audit_payloads SET erased_at = NULL, erased_rule = NULL, salt = 'x' WHERE audit_id = ${first}`.execute(db)).rejects.toThrow(/can only be erased/);
    await expect(sql`DELETE FROM audit_payloads WHERE audit_id = ${third}`.execute(db)).rejects.toThrow(/can only be erased/);

    await tamper(db, sql`UPDATE audit_payloads SET purpose = 'Noget andet' WHERE audit_id = ${third}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: third, reason: 'payload_changed' });
    await tamper(db, sql`DELETE FROM audit_payloads WHERE audit_id = ${third}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: third, reason: 'payload_missing' });
  });
});

describe('one chain per municipality', { timeout: 180_000 }, () => {
  it('links each municipality on its own, from its own start', async () => {
    const db = await sharedDatabase();
    const [a, b] = [randomUUID(), randomUUID()];
    await append(db, [entry(a, 'a1'), entry(b, 'b1'), entry(a, 'a2')]);
    await append(db, [entry(b, 'b2')]);
    const rows = await db.selectFrom('audit_log').select(['chain', 'prev_hash', 'hash']).where('chain', 'in', [chainOf({ municipalityId: a }), chainOf({ municipalityId: b })]).orderBy('id').execute();
    const byChain = (chain: string) => rows.filter((r) => r.chain === chain);
    for (const chain of [chainOf({ municipalityId: a }), chainOf({ municipalityId: b })]) {
      const links = byChain(chain);
      expect(links).toHaveLength(2);
      expect(links[0].prev_hash).toBe(GENESIS_HASH);
      expect(links[1].prev_hash).toBe(links[0].hash);
    }
    expect(chainOf({ municipalityId: null, policeDistrictId: a })).toBe(`police_district:${a}`);
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(true);
    // Read in pages of two rows, across the chains, the verdict is the same.
    expect(await verifyAuditChain(db, { batchSize: 2 })).toEqual(verdict);
  });

  it.skipIf(testDatabaseKind() === 'pglite')('lets a municipality append while another holds its chain lock, and queues the same municipality behind it', async () => {
    const db = await freshDatabase();
    const [a, b] = [randomUUID(), randomUUID()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction().execute(async (trx) => {
      await appendAuditEntries(trx, [entry(a, 'holds a')]);
      locked();
      await held;
    });
    await lockTaken;
    // Another municipality's append commits while the first transaction still holds its lock.
    await append(db, [entry(b, 'b while a is held')]);
    // The same municipality's append waits for the lock.
    const queued = append(db, [entry(a, 'a after a')]);
    for (let i = 0; i < 100; i++) {
      const waiting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(db);
      if (waiting.rows[0].n === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const waiting = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(db);
    expect(waiting.rows[0].n).toBe(1);
    release();
    await Promise.all([holder, queued]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('the migration of existing rows', { timeout: 180_000 }, () => {
  /** An empty database migrated up to just before the audit chains, holding a legacy chain of `rows`. */
  async function legacyDatabase(tamperWith?: (rows: LegacyFields[]) => void): Promise<Kysely<Database>> {
    const database = await openDatabaseBefore('2026-12-03T1100-audit-chains');
    opened.push(database);
    const [a, b] = [randomUUID(), randomUUID()];
    const at = new Date('2026-11-30T10:00:00.000Z');
    const rows: LegacyFields[] = [a, null, a, b, a].map((municipality, i) => ({
      at,
      actor_user_id: null,
      actor_name: 'Gammel række',
      municipality_id: municipality,
      action: 'user.read',
      entity_type: 'user',
      entity_id: String(i),
      subject_id: randomUUID(),
      purpose: `Formål ${i}`,
      before: null,
      after: { i, nested: { z: 1, a: [i] } },
      request_id: `r${i}`,
    }));
    let prev = GENESIS_HASH;
    const chained = rows.map((row) => {
      const hash = legacyHash(prev, row);
      const linked = { ...row, prev_hash: prev, hash, after: JSON.stringify(row.after) };
      prev = hash;
      return linked;
    });
    tamperWith?.(chained);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as it was before this migration
    await (database.db as Kysely<any>).insertInto('audit_log').values(chained).execute();
    return database.db;
  }

  it('moves each row into its municipality’s chain and its payload beside it, keeping ids, and the result verifies', async () => {
    const db = await legacyDatabase();
    await migrateToLatest(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5, chains: 3, erased: 0 });
    const entries = await db.selectFrom('audit_entries').select(['id', 'purpose', 'after', 'chain']).orderBy('id').execute();
    expect(entries.map((e) => [String(e.id), e.purpose])).toEqual([1, 2, 3, 4, 5].map((n) => [String(n), `Formål ${n - 1}`]));
    expect(entries[4].after).toEqual({ i: 4, nested: { a: [4], z: 1 } });
    expect(new Set(entries.map((e) => e.chain)).size).toBe(3);
  });

  it('refuses to migrate a legacy chain that does not verify', async () => {
    const db = await legacyDatabase((rows) => (rows[2].purpose = 'Ændret bagefter'));
    await expect(migrateToLatest(db)).rejects.toThrow(/The audit log is broken at row 3/);
  });
});
