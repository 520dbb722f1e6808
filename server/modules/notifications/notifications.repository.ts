import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Db = Kysely<Database>;

export async function insertNotifications(trx: Transaction<Database> | Db, rows: Insertable<Database['notifications']>[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('notifications').values(rows).execute();
}

/** A user's notifications in a municipality, newest first. */
export function listNotifications(db: Db, userId: string, municipalityId: string, limit: number) {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('municipality_id', '=', municipalityId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function countUnread(db: Db, userId: string, municipalityId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('municipality_id', '=', municipalityId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks the user's unread notifications read (one, or all when id is null); returns how many. */
export async function markRead(trx: Transaction<Database>, userId: string, municipalityId: string, id: string | null, at: Date): Promise<number> {
  let query = trx.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('municipality_id', '=', municipalityId).where('read_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

export function findNotification(db: Db, userId: string, municipalityId: string, id: string) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).where('municipality_id', '=', municipalityId).executeTakeFirst();
}
