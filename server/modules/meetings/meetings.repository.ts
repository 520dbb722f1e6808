import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { danishOrder } from '../../platform/db/danish-order.ts';
import { type OwnerScope, ownedBy } from '../../platform/db/owner-scope.ts';
import { userDirectory } from '../identity/identity.public.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Whose meetings a query reads: the municipality's, and those of its police district's forums. */
export type MeetingScope = OwnerScope;

/** The newest minutes' version and status of each meeting (one row, or none). */
const newestMinutes = (db: Db) =>
  db.selectFrom('meeting_minutes').select(['meeting_id', 'version', 'status']).distinctOn('meeting_id').orderBy('meeting_id').orderBy('version', 'desc');

const meetingsWithMinutes = (db: Db, scope: MeetingScope) =>
  db
    .selectFrom('meetings')
    .leftJoin(newestMinutes(db).as('minutes'), 'minutes.meeting_id', 'meetings.id')
    .selectAll('meetings')
    .select(['minutes.version as minutes_version', 'minutes.status as minutes_status'])
    .where(ownedBy('meetings', scope));

/** Of the forums given (null: all in scope), the newest meetings first. */
export function listMeetings(db: Db, scope: MeetingScope, filter: { forumIds: readonly string[] | null; forumId?: string; from?: Date; to?: Date; limit: number }) {
  let query = meetingsWithMinutes(db, scope);
  if (filter.forumIds) query = filter.forumIds.length ? query.where('meetings.forum_id', 'in', filter.forumIds) : query.where(sql<boolean>`false`);
  if (filter.forumId) query = query.where('meetings.forum_id', '=', filter.forumId);
  if (filter.from) query = query.where('meetings.starts_at', '>=', filter.from);
  if (filter.to) query = query.where('meetings.starts_at', '<', filter.to);
  return query.orderBy('meetings.starts_at', 'desc').orderBy('meetings.id').limit(filter.limit).execute();
}

export function findMeeting(db: Db, scope: MeetingScope, id: string) {
  return meetingsWithMinutes(db, scope).where('meetings.id', '=', id).executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** The meeting locked for a change: revisions are compared and raised one writer at a time. */
export function lockMeeting(trx: Trx, scope: MeetingScope, id: string) {
  return trx.selectFrom('meetings').selectAll().where('id', '=', id).where(ownedBy('meetings', scope)).forUpdate().executeTakeFirst();
}

export async function insertMeeting(trx: Trx, row: Insertable<Database['meetings']>): Promise<string> {
  return (await trx.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a change of the meeting (or its agenda) and raises its revision. */
export async function touchMeeting(trx: Trx, id: string, userId: string, changes: Updateable<Database['meetings']> = {}): Promise<void> {
  await trx
    .updateTable('meetings')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1), updated_at: new Date(), updated_by: userId }))
    .where('id', '=', id)
    .execute();
}

/** Meetings per forum starting in [from, to): the cadence rule's count. */
export async function countMeetingsPerForum(db: Db, scope: MeetingScope, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('meetings')
    .select(['forum_id', sql<number>`count(*)::int`.as('n')])
    .where(ownedBy('meetings', scope))
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .groupBy('forum_id')
    .execute();
  return new Map(rows.map((r) => [r.forum_id, r.n]));
}

export async function insertInvitations(trx: Trx, rows: Insertable<Database['meeting_invitations']>[]): Promise<void> {
  if (rows.length) await trx.insertInto('meeting_invitations').values(rows).execute();
}

export function listInvitations(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_invitations')
    .innerJoin(userDirectory(db).as('users'), 'users.id', 'meeting_invitations.user_id')
    .select(['meeting_invitations.user_id', 'users.name', 'meeting_invitations.function_id', 'meeting_invitations.function_title', 'meeting_invitations.role'])
    .where('meeting_invitations.meeting_id', '=', meetingId)
    .orderBy(danishOrder('users.name'))
    .orderBy('meeting_invitations.user_id')
    .orderBy('meeting_invitations.function_id')
    .execute();
}

export function listAgenda(db: Db, meetingId: string) {
  return db.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}
export type AgendaRow = Awaited<ReturnType<typeof listAgenda>>[number];

/** Replaces the agenda (before any minutes refer to it): items keep the ids they had. */
export async function replaceAgenda(trx: Trx, meetingId: string, items: Insertable<Database['meeting_agenda_items']>[]): Promise<void> {
  await trx.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (items.length) await trx.insertInto('meeting_agenda_items').values(items).execute();
}

export function listMinutesVersions(db: Db, meetingId: string) {
  return db.selectFrom('meeting_minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('version').execute();
}
export type MinutesRow = Awaited<ReturnType<typeof listMinutesVersions>>[number];

/** The newest minutes, locked for a change. */
export function lockNewestMinutes(trx: Trx, meetingId: string) {
  return trx.selectFrom('meeting_minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('version', 'desc').limit(1).forUpdate().executeTakeFirst();
}

export async function insertMinutes(trx: Trx, row: Insertable<Database['meeting_minutes']>): Promise<void> {
  await trx.insertInto('meeting_minutes').values(row).execute();
}

/** Writes a change of a version of the minutes and raises its revision. */
export async function updateMinutes(trx: Trx, id: string, changes: Updateable<Database['meeting_minutes']>): Promise<void> {
  await trx
    .updateTable('meeting_minutes')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export function listApprovals(db: Db, minutesId: string) {
  return db
    .selectFrom('meeting_minutes_approvals')
    .innerJoin(userDirectory(db).as('users'), 'users.id', 'meeting_minutes_approvals.user_id')
    .select(['meeting_minutes_approvals.user_id', 'users.name', 'meeting_minutes_approvals.approved_at'])
    .where('minutes_id', '=', minutesId)
    .orderBy('approved_at')
    .orderBy('user_id')
    .execute();
}

export async function insertApproval(trx: Trx, minutesId: string, userId: string): Promise<void> {
  await trx.insertInto('meeting_minutes_approvals').values({ minutes_id: minutesId, user_id: userId }).execute();
}

export async function listActionItemIds(trx: Trx, meetingId: string): Promise<string[]> {
  return (await trx.selectFrom('action_items').select('id').where('meeting_id', '=', meetingId).execute()).map((r) => r.id);
}

export async function insertActionItems(trx: Trx, rows: Insertable<Database['action_items']>[]): Promise<void> {
  if (rows.length) await trx.insertInto('action_items').values(rows).execute();
}

/** A corrected action item's text; its status and revision's meaning (follow-up) are kept, the revision raised. */
export async function updateActionItem(trx: Trx, id: string, changes: Updateable<Database['action_items']>, userId: string): Promise<void> {
  await trx
    .updateTable('action_items')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1), updated_at: new Date(), updated_by: userId }))
    .where('id', '=', id)
    .execute();
}

export function lockActionItem(trx: Trx, meetingId: string, id: string) {
  return trx.selectFrom('action_items').selectAll().where('id', '=', id).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
}

export const OPEN_STATUSES = ['open', 'in_progress'] as const;

/**
 * The follow-up board: open action items in scope, of the forums given (null: all) and
 * confidential ones only of the forums given for them, overdue first, then by due date (none
 * last), then oldest; one more than the page, to tell whether there is more.
 */
export function listBoard(
  db: Db,
  scope: MeetingScope,
  visible: { forums: readonly string[] | null; confidentialIn: readonly string[] | null },
  filter: { level?: string; forumId?: string; ownerFunctionId?: string; ownerUserId?: string; dueBy?: string; limit: number; offset: number },
  today: string,
) {
  let query = db
    .selectFrom('action_items')
    .innerJoin('meetings', 'meetings.id', 'action_items.meeting_id')
    .leftJoin(userDirectory(db).as('owners'), 'owners.id', 'action_items.owner_user_id')
    .selectAll('action_items')
    .select(['meetings.title as meeting_title', 'meetings.starts_at as meeting_starts_at', 'owners.name as owner_user_name', sql<boolean>`coalesce(action_items.due_on < ${today}, false)`.as('overdue')])
    .where(ownedBy('action_items', scope))
    .where('action_items.status', 'in', OPEN_STATUSES);
  if (visible.forums) query = visible.forums.length ? query.where('action_items.forum_id', 'in', visible.forums) : query.where(sql<boolean>`false`);
  if (visible.confidentialIn) {
    const opened = visible.confidentialIn;
    query = query.where((eb) => (opened.length ? eb.or([eb('action_items.confidential', '=', false), eb('action_items.forum_id', 'in', opened)]) : eb('action_items.confidential', '=', false)));
  }
  if (filter.level) query = query.where('action_items.level', '=', filter.level);
  if (filter.forumId) query = query.where('action_items.forum_id', '=', filter.forumId);
  if (filter.ownerFunctionId) query = query.where('action_items.owner_function_id', '=', filter.ownerFunctionId);
  if (filter.ownerUserId) query = query.where('action_items.owner_user_id', '=', filter.ownerUserId);
  if (filter.dueBy) query = query.where('action_items.due_on', '<=', filter.dueBy);
  return query
    .orderBy(sql`coalesce(action_items.due_on < ${today}, false)`, 'desc')
    .orderBy('action_items.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('action_items.created_at')
    .orderBy('action_items.id')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
}
export type BoardRow = Awaited<ReturnType<typeof listBoard>>[number];
