import { createHash, createHmac, randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { TAuditAction } from '../../../contracts/audit.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';
import { auditKey } from './audit-key.ts';

/** The hash the first row of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

// Every transaction that appends to a chain first takes that chain's lock (this class, the
// chain's number), so each chain's rows are linked in one order across all app processes
// sharing a database, while chains of different municipalities never wait on each other.
const AUDIT_CHAIN_LOCK = 7_152_001;

export interface AuditEntry {
  action: TAuditAction;
  actorUserId: string | null;
  actorName: string | null;
  municipalityId: string | null;
  /** For records of a police district that no municipality owns: the district's own chain. */
  policeDistrictId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** The person whose data this is about, for the per-person access log. */
  subjectId?: string | null;
  /** Why personal data was read: a code from `read_purposes` (the access log checks it); required for reads of personal data. */
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

/** One chain per municipality, one per police district, and one for rows of neither (e.g. a failed login by an unknown e-mail). */
export function chainOf(entry: Pick<AuditEntry, 'municipalityId' | 'policeDistrictId'>): string {
  if (entry.municipalityId) return `municipality:${entry.municipalityId}`;
  if (entry.policeDistrictId) return `police_district:${entry.policeDistrictId}`;
  return 'platform';
}

function scopeOfChain(chain: string): Pick<AuditEntry, 'municipalityId' | 'policeDistrictId'> {
  const [kind, id] = chain.split(':');
  return { municipalityId: kind === 'municipality' ? id : null, policeDistrictId: kind === 'police_district' ? id : null };
}

/** The chain's number for its advisory lock: any 32 bits of a hash (a collision only makes two chains share a lock). */
function chainLockKey(chain: string): number {
  return createHash('sha256').update(chain).digest().readInt32BE(0);
}

const hmac = (content: string) => createHmac('sha256', auditKey()).update(content).digest('hex');

/** What can be erased: who the row is about, why, and the data before and after. */
export interface Payload {
  subject_id: string | null;
  purpose: string | null;
  before: unknown;
  after: unknown;
  /** Random per row and erased with it, so an erased payload's hash confirms no guess. */
  salt: string;
}

/** What stays for ever: who, when, what, on which entity, and the payload's hash. */
export type ChainedFields = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash'>;

export function hashPayload(payload: Payload): string {
  return hmac(canonicalJson({ payload }));
}

/** The row's own fields only (callers may pass rows carrying more, e.g. their payload). */
export function hashChainedRow(prevHash: string, row: ChainedFields): string {
  const { chain, at, actor_user_id, actor_name, municipality_id, action, entity_type, entity_id, request_id, payload_hash } = row;
  const fields = { chain, at: at.toISOString(), actor_user_id, actor_name, municipality_id, action, entity_type, entity_id, request_id, payload_hash };
  return hmac(canonicalJson({ ...fields, prev_hash: prevHash }));
}

export const newSalt = () => randomBytes(16).toString('hex');

/** Links rows after `prevHash` in their order; each gets prev_hash and hash. */
export function linkRows<T extends ChainedFields>(prevHash: string, rows: T[]): (T & { prev_hash: string; hash: string })[] {
  let prev = prevHash;
  return rows.map((row) => {
    const hash = hashChainedRow(prev, row);
    const linked = { ...row, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}

/**
 * Appends entries to their chains inside the caller's transaction, so the audit rows commit or
 * roll back together with the change they describe. Chains are locked in name order, so two
 * transactions touching the same chains cannot deadlock on them.
 */
/** Transactions that have appended an audit entry: what a unit of work asks before it commits. */
const auditedTransactions = new WeakSet<Transaction<Database>>();

export function hasAppendedAuditEntries(trx: Transaction<Database>): boolean {
  return auditedTransactions.has(trx);
}

export async function appendAuditEntries(trx: Transaction<Database>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  auditedTransactions.add(trx);
  // Milliseconds only: what JavaScript's Date keeps, so the hash survives a round trip.
  const at = new Date(Math.floor(Date.now()));
  const byChain = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const chain = chainOf(entry);
    const list = byChain.get(chain);
    if (list) list.push(entry);
    else byChain.set(chain, [entry]);
  }
  for (const chain of [...byChain.keys()].sort()) {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, ${chainLockKey(chain)}::int)`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('hash').where('chain', '=', chain).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const rows = byChain.get(chain)!.map((e) => {
      const payload: Payload = { subject_id: e.subjectId ?? null, purpose: e.purpose ?? null, before: e.before ?? null, after: e.after ?? null, salt: newSalt() };
      const fields: ChainedFields = {
        chain,
        at,
        actor_user_id: e.actorUserId,
        actor_name: e.actorName,
        municipality_id: e.municipalityId,
        action: e.action,
        entity_type: e.entityType ?? null,
        entity_id: e.entityId ?? null,
        request_id: e.requestId ?? null,
        payload_hash: hashPayload(payload),
      };
      return { ...fields, payload };
    });
    await insertChainedRows(trx, linkRows(last?.hash ?? GENESIS_HASH, rows));
  }
}

/**
 * Inserts linked rows and their payloads in one statement, in chain order (ids rise along a
 * chain, which is the order verification walks).
 */
async function insertChainedRows(trx: Kysely<Database>, rows: (ChainedFields & { prev_hash: string; hash: string; payload: Payload })[]): Promise<void> {
  const input = rows.map(({ payload, ...row }, ord) => ({ ...row, ...payload, at: row.at.toISOString(), ord }));
  await sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS r(
        ord int, chain text, at timestamptz, actor_user_id uuid, actor_name text, municipality_id uuid, action text,
        entity_type text, entity_id text, request_id text, payload_hash text, prev_hash text, hash text,
        subject_id uuid, purpose text, before jsonb, after jsonb, salt text)
    ), chained AS (
      INSERT INTO audit_log (chain, at, actor_user_id, actor_name, municipality_id, action, entity_type, entity_id, request_id, payload_hash, prev_hash, hash)
      SELECT chain, at, actor_user_id, actor_name, municipality_id, action, entity_type, entity_id, request_id, payload_hash, prev_hash, hash
      FROM input ORDER BY ord
      RETURNING id, hash
    )
    INSERT INTO audit_payloads (audit_id, subject_id, purpose, before, after, salt)
    SELECT chained.id, input.subject_id, input.purpose, input.before, input.after, input.salt FROM chained JOIN input USING (hash)`.execute(trx);
}

/** The latest row of a chain as recorded outside the database (see audit-checkpoint.ts). */
export interface Checkpoint {
  at: string;
  chain: string;
  id: string;
  hash: string;
}

export type ChainFault =
  /** The row's own fields do not match its hash. */
  | 'changed'
  /** The row does not point at the row before it in its chain. */
  | 'removed_or_inserted'
  /** The payload (subject, purpose, before, after) does not match the hash in its row. */
  | 'payload_changed'
  /** The row's payload, or the tombstone of an erased one, is gone. */
  | 'payload_missing';

export type ChainVerdict =
  | { ok: true; rows: number; chains: number; erased: number; checkpointsMatched: number }
  | { ok: false; rows: number; firstBadId: string; chain: string; reason: ChainFault }
  | {
      ok: false;
      rows: number;
      chain: string;
      /** The chain ends before the checkpointed row (truncated, or rows removed from its end), or that row differs. */
      reason: 'behind_checkpoint' | 'checkpoint_differs';
      checkpoint: Checkpoint;
    };

/**
 * Walks every row in id order, following each chain: names the first row whose fields, link
 * or payload is wrong; counts erased payloads (their tombstones keep the row verifiable); then
 * checks that each chain still holds its latest checkpointed row with the same hash.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: { checkpoints?: Checkpoint[]; batchSize?: number } = {}): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const latestCheckpoint = new Map<string, Checkpoint>();
  for (const c of options.checkpoints ?? []) {
    const seen = latestCheckpoint.get(c.chain);
    if (!seen || BigInt(c.id) > BigInt(seen.id)) latestCheckpoint.set(c.chain, c);
  }
  const heads = new Map<string, string>();
  const checkpointMatched = new Set<string>();
  let lastId: string | null = null;
  let count = 0;
  let erased = 0;
  for (;;) {
    let query = db
      .selectFrom('audit_log as a')
      .leftJoin('audit_payloads as p', 'p.audit_id', 'a.id')
      .select(['a.id', 'a.chain', 'a.at', 'a.actor_user_id', 'a.actor_name', 'a.municipality_id', 'a.action', 'a.entity_type', 'a.entity_id', 'a.request_id', 'a.payload_hash', 'a.prev_hash', 'a.hash'])
      .select(['p.audit_id as payload_id', 'p.subject_id', 'p.purpose', 'p.before', 'p.after', 'p.salt', 'p.erased_at'])
      .orderBy('a.id')
      .limit(batchSize);
    if (lastId !== null) query = query.where('a.id', '>', lastId);
    const batch = await query.execute();
    for (const row of batch) {
      count++;
      const id = String(row.id);
      const fault = (reason: ChainFault): ChainVerdict => ({ ok: false, rows: count, firstBadId: id, chain: row.chain, reason });
      if (row.prev_hash !== (heads.get(row.chain) ?? GENESIS_HASH)) return fault('removed_or_inserted');
      const { prev_hash, hash, payload_id, subject_id, purpose, before, after, salt, erased_at } = row;
      if (hashChainedRow(prev_hash, row) !== hash) return fault('changed');
      if (payload_id === null) return fault('payload_missing');
      if (erased_at !== null) erased++;
      else if (salt === null || hashPayload({ subject_id, purpose, before, after, salt }) !== row.payload_hash) return fault('payload_changed');
      const checkpoint = latestCheckpoint.get(row.chain);
      if (checkpoint?.id === id) {
        if (checkpoint.hash !== hash) return { ok: false, rows: count, chain: row.chain, reason: 'checkpoint_differs', checkpoint };
        checkpointMatched.add(row.chain);
      }
      heads.set(row.chain, hash);
    }
    if (batch.length < batchSize) break;
    lastId = String(batch[batch.length - 1].id);
  }
  for (const [chain, checkpoint] of latestCheckpoint) {
    if (!checkpointMatched.has(chain)) return { ok: false, rows: count, chain, reason: 'behind_checkpoint', checkpoint };
  }
  return { ok: true, rows: count, chains: heads.size, erased, checkpointsMatched: checkpointMatched.size };
}

/**
 * Checks at start-up that the configured key is the one the log was written with, by the
 * newest row's hash: a process with another key would append rows no one can verify.
 */
export async function checkAuditKey(db: Kysely<Database>): Promise<void> {
  const newest = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (newest && hashChainedRow(newest.prev_hash, newest) !== newest.hash) {
    throw new Error(
      `The newest audit row (${newest.id}) does not verify under the configured audit key: the key (TREKANT_AUDIT_KEY or its file) is not the one the log was written with, or the row was changed. Run trekant audit-verify.`,
    );
  }
}

/** At most this many payloads per call: retention erases in batches, each in its own transaction. */
export const MAX_ERASED_PER_CALL = 10_000;

/**
 * Erases the payloads (subject, purpose, before, after) of the given audit rows under a
 * retention rule, leaving a tombstone that says when and by which rule; the chained rows stay
 * and still verify. Each chain touched gets an `audit.payloads_erased` row saying how many.
 * Returns how many payloads were erased (already erased ones are left as they are).
 */
export async function erasePayloads(
  trx: Transaction<Database>,
  request: { auditIds: string[]; rule: string; actor: Pick<AuditEntry, 'actorUserId' | 'actorName' | 'requestId'> },
): Promise<number> {
  if (request.auditIds.length > MAX_ERASED_PER_CALL) throw new Error(`erasePayloads: at most ${MAX_ERASED_PER_CALL} rows per call`);
  if (!request.rule.trim() || request.rule.length > 200) throw new Error('erasePayloads: the rule must be named (at most 200 characters)');
  if (request.auditIds.length === 0) return 0;
  const erased = await trx
    .updateTable('audit_payloads')
    .from('audit_log')
    .set({ subject_id: null, purpose: null, before: null, after: null, salt: null, erased_at: new Date(), erased_rule: request.rule })
    .whereRef('audit_log.id', '=', 'audit_payloads.audit_id')
    .where('audit_payloads.audit_id', 'in', request.auditIds)
    .where('audit_payloads.erased_at', 'is', null)
    .returning(['audit_payloads.audit_id', 'audit_log.chain'])
    .execute();
  if (erased.length === 0) return 0;
  // How many rows of each chain, from which id to which (ids are bigints, compared as such).
  const perChain = new Map<string, { rows: number; first: bigint; last: bigint }>();
  for (const { audit_id, chain } of erased) {
    const id = BigInt(audit_id);
    const seen = perChain.get(chain);
    if (!seen) perChain.set(chain, { rows: 1, first: id, last: id });
    else Object.assign(seen, { rows: seen.rows + 1, first: id < seen.first ? id : seen.first, last: id > seen.last ? id : seen.last });
  }
  await appendAuditEntries(
    trx,
    [...perChain].map(([chain, c]) => ({
      ...request.actor,
      ...scopeOfChain(chain),
      action: 'audit.payloads_erased' as const,
      entityType: 'audit_log',
      after: { rule: request.rule, rows: c.rows, firstId: String(c.first), lastId: String(c.last) },
    })),
  );
  return erased.length;
}
