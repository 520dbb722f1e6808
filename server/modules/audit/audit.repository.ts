import type { Kysely } from 'kysely';
import type { TAuditQuery } from '../../../contracts/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';

type Db = Kysely<Database>;

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
