import type { Kysely, Transaction } from 'kysely';
import type { TAuditQuery } from '../../../contracts/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';
import { nationalOrOwn } from '../../platform/reference-list.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

function filtered(db: Db, municipalityId: string, query: Omit<TAuditQuery, 'page' | 'pageSize'>) {
  let q = db.selectFrom('audit_entries').where('municipality_id', '=', municipalityId);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.actorUserId) q = q.where('actor_user_id', '=', query.actorUserId);
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.from) q = q.where('at', '>=', startOfDanishDay(query.from));
  if (query.to) q = q.where('at', '<', startOfDanishDay(query.to, 1));
  return q;
}

/** One page of a municipality's audit log, newest first. */
export async function searchAuditLog(db: Db, municipalityId: string, query: TAuditQuery) {
  const base = filtered(db, municipalityId, query);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Every row about one person in a municipality, oldest first (the art. 15 access log); erased payloads no longer name anyone. */
export function listEntriesAboutSubject(db: Db, municipalityId: string, subjectId: string) {
  return db
    .selectFrom('audit_entries')
    .select(['id', 'at', 'action', 'purpose', 'actor_user_id'])
    .where('municipality_id', '=', municipalityId)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

/** Rows of an action older than `before` whose payload is not erased yet, oldest first: what a retention rule erases next. */
export async function listUnerasedEntryIds(db: Db, action: string, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select('id')
    .where('action', '=', action)
    .where('at', '<', before)
    .where('erased_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => String(r.id));
}

/** Adds a municipality's own purpose; null when the code is taken (on the national list or the municipality's own, retired or not: codes are never reused). */
export async function insertReadPurpose(trx: Trx, municipalityId: string, input: { code: string; labelDa: string; labelEn: string }): Promise<string | null> {
  const taken = await trx.selectFrom('read_purposes').select('id').where('code', '=', input.code).where(nationalOrOwn(municipalityId)).executeTakeFirst();
  if (taken) return null;
  const row = await trx
    .insertInto('read_purposes')
    .values({ municipality_id: municipalityId, code: input.code, label_da: input.labelDa, label_en: input.labelEn })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function findReadPurpose(trx: Trx, id: string) {
  return trx.selectFrom('read_purposes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Retires an entry still in use; false when it already was (a concurrent retirement won). */
export async function retireReadPurpose(trx: Trx, id: string, userId: string | null): Promise<boolean> {
  const retired = await trx.updateTable('read_purposes').set({ retired_at: new Date(), retired_by: userId }).where('id', '=', id).where('retired_at', 'is', null).returning('id').executeTakeFirst();
  return retired !== undefined;
}
