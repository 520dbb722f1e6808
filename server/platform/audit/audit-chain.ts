import { createHash } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { TAuditAction } from '../../../contracts/audit.ts';
import type { AuditRow, Database } from '../db/schema.ts';

/** The hash the first row points back to. */
export const GENESIS_HASH = '0'.repeat(64);

// Every transaction that appends to the chain takes this lock first, so rows are chained in
// one order across all app processes sharing a database.
const AUDIT_CHAIN_LOCK = 7_152_001;

export interface AuditEntry {
  action: TAuditAction;
  actorUserId: string | null;
  actorName: string | null;
  municipalityId: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** The person whose data this is about, for the per-person access log. */
  subjectId?: string | null;
  /** Why personal data was read; required for reads of personal data. */
  purpose?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** JSON with keys sorted at every level, so jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  municipality_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  subject_id: string | null;
  purpose: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export function hashAuditRow(prevHash: string, row: HashedFields): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString(), prev_hash: prevHash });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Appends entries to the hash-chained audit log inside the caller's transaction, so the audit
 * row commits or rolls back together with the change it describes.
 */
export async function appendAuditEntries(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  // Milliseconds only: what JavaScript's Date keeps, so the hash survives a round trip.
  const at = new Date(Math.floor(Date.now()));
  const rows = entries.map((e) => {
    const fields: HashedFields = {
      at,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      municipality_id: e.municipalityId,
      action: e.action,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId ?? null,
      subject_id: e.subjectId ?? null,
      purpose: e.purpose ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      request_id: e.requestId ?? null,
    };
    const hash = hashAuditRow(prevHash, fields);
    const row = {
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
}

export type ChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadId: string; reason: 'changed' | 'removed_or_inserted' };

/** Walks the chain in id order and names the first row whose content or link is wrong. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<ChainVerdict> {
  let expectedPrev = GENESIS_HASH;
  let lastId: string | null = null;
  let count = 0;
  for (;;) {
    let query = db.selectFrom('audit_log').selectAll().orderBy('id').limit(batchSize);
    if (lastId !== null) query = query.where('id', '>', lastId);
    const batch: AuditRow[] = await query.execute();
    for (const row of batch) {
      count++;
      if (row.prev_hash !== expectedPrev) return { ok: false, rows: count, firstBadId: String(row.id), reason: 'removed_or_inserted' };
      const recomputed = hashAuditRow(row.prev_hash, {
        at: row.at,
        actor_user_id: row.actor_user_id,
        actor_name: row.actor_name,
        municipality_id: row.municipality_id,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        subject_id: row.subject_id,
        purpose: row.purpose,
        before: row.before,
        after: row.after,
        request_id: row.request_id,
      });
      if (recomputed !== row.hash) return { ok: false, rows: count, firstBadId: String(row.id), reason: 'changed' };
      expectedPrev = row.hash;
    }
    if (batch.length < batchSize) return { ok: true, rows: count };
    lastId = String(batch[batch.length - 1].id);
  }
}
