import { type Insertable, type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import { readDataVersions } from '../../platform/db/data-versions.ts';
import type { Database } from '../../platform/db/schema.ts';
import { danishOrder } from '../../platform/db/danish-order.ts';
import { type OwnerScope, ownedBy } from '../../platform/db/owner-scope.ts';
import { validAt } from '../../platform/db/valid-time.ts';
import { municipalityIdsOfDistrict, userDirectory } from '../identity/identity.public.ts';
import { keptAssumptions } from '../../platform/assumptions.ts';

type Db = Kysely<Database>;
export type VersionedTable = 'organisations' | 'functions' | 'pools' | 'forums' | 'forum_members';
export type OwnedTable = Exclude<VersionedTable, 'forum_members'>;

/** Whose map a query reads: a municipality and the police district it belongs to. */
export type MapScope = OwnerScope;

function listCurrent<T extends OwnedTable>(db: Db, table: T, scope: MapScope, asOf: Date | null, orderBy: string) {
  return db
    .selectFrom(table as 'forums')
    .selectAll()
    .where(validAt(table, asOf))
    .where(ownedBy(table, scope))
    .orderBy(danishOrder(`${table}.${orderBy}`))
    .orderBy(sql.ref(`${table}.id`))
    .execute() as Promise<Selectable<Database[T]>[]>;
}

export const listOrganisations = (db: Db, scope: MapScope, asOf: Date | null) => listCurrent(db, 'organisations', scope, asOf, 'name');
export const listFunctions = (db: Db, scope: MapScope, asOf: Date | null) => listCurrent(db, 'functions', scope, asOf, 'title');
export const listPools = (db: Db, scope: MapScope, asOf: Date | null) => listCurrent(db, 'pools', scope, asOf, 'name');
export const listForums = (db: Db, scope: MapScope, asOf: Date | null) => listCurrent(db, 'forums', scope, asOf, 'name');

/** Names of the organisations and titles of the functions current (or valid at an instant), and nothing else. */
export async function listNames(db: Db, scope: MapScope, asOf: Date | null = null) {
  const [organisations, functions] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).where(validAt('organisations', asOf)).where(ownedBy('organisations', scope)).execute(),
    db.selectFrom('functions').select(['id', 'title']).where(validAt('functions', asOf)).where(ownedBy('functions', scope)).execute(),
  ]);
  return { organisations: new Map(organisations.map((o) => [o.id, o.name])), functions: new Map(functions.map((f) => [f.id, f.title])) };
}

/** The current version of one record in scope, or undefined (outside scope looks like absent). */
export function findCurrent<T extends OwnedTable>(db: Db, table: T, scope: MapScope, id: string) {
  return db
    .selectFrom(table as 'forums')
    .selectAll()
    .where(validAt(table, null))
    .where(ownedBy(table, scope))
    .where('id', '=', id)
    .executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
}

/** Members of forums in scope, optionally only of the given forums. */
export function listMembers(db: Db, scope: MapScope, asOf: Date | null, forumIds: string[] | null = null) {
  if (forumIds && forumIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('forum_members')
    .selectAll()
    .where(validAt('forum_members', asOf))
    .where('forum_id', 'in', (sub) => sub.selectFrom('forums').select('forums.id').where(validAt('forums', asOf)).where(ownedBy('forums', scope)));
  if (forumIds) query = query.where('forum_id', 'in', forumIds);
  return query.execute();
}

/** Memberships in the scope's forums, counted per forum (members) or per function (load). */
export async function countMemberships(db: Db, scope: MapScope, asOf: Date | null, per: 'forum_id' | 'function_id'): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('forum_members')
    .select([`${per} as key`, sql<number>`count(*)::int`.as('n')])
    .where(validAt('forum_members', asOf))
    .where('forum_id', 'in', (sub) => sub.selectFrom('forums').select('forums.id').where(validAt('forums', asOf)).where(ownedBy('forums', scope)))
    .groupBy(per)
    .execute();
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** The columns the forum matrix needs, and no more: reading rows is what costs in PGlite. */
export async function loadMatrixRows(db: Db, scope: MapScope, asOf: Date | null) {
  const [functions, organisations, forums, members] = await Promise.all([
    db.selectFrom('functions').select(['id', 'title', 'organisation_id', 'in_scope']).where(validAt('functions', asOf)).where(ownedBy('functions', scope)).orderBy(danishOrder('title')).orderBy('id').execute(),
    db.selectFrom('organisations').select(['id', 'name']).where(validAt('organisations', asOf)).where(ownedBy('organisations', scope)).execute(),
    db.selectFrom('forums').select(['id', 'name', 'level']).where(validAt('forums', asOf)).where(ownedBy('forums', scope)).execute(),
    db
      .selectFrom('forum_members')
      .select(['forum_id', 'function_id', 'role'])
      .where(validAt('forum_members', asOf))
      .where('forum_id', 'in', (sub) => sub.selectFrom('forums').select('forums.id').where(validAt('forums', asOf)).where(ownedBy('forums', scope)))
      .execute(),
  ]);
  return { functions, organisations, forums, members };
}

export function findCurrentMember(db: Db, memberId: string) {
  return db.selectFrom('forum_members').selectAll().where('id', '=', memberId).where('valid_to', 'is', null).executeTakeFirst();
}

export function findCurrentMemberOfForum(db: Db, forumId: string, functionId: string) {
  return db.selectFrom('forum_members').selectAll().where('forum_id', '=', forumId).where('function_id', '=', functionId).where('valid_to', 'is', null).executeTakeFirst();
}

/** Holdings in force at an instant (now when null): a holding may be entered ahead of its start. */
const heldAt = (asOf: Date | null) => validAt('function_holders', asOf ?? new Date());

/** The functions in scope the user holds at an instant, with their organisation. */
export function listFunctionsHeldBy(db: Db, scope: MapScope, userId: string, asOf: Date | null) {
  return db
    .selectFrom('function_holders')
    .innerJoin('functions', 'functions.id', 'function_holders.function_id')
    .select(['functions.id', 'functions.organisation_id'])
    .distinct()
    .where('function_holders.user_id', '=', userId)
    .where(heldAt(asOf))
    .where(validAt('functions', asOf))
    .where(ownedBy('functions', scope))
    .orderBy('functions.id')
    .execute();
}

/**
 * Relation `sitsInForum`, set-wise: of these forums, those in which a function the user holds
 * now sits (in one of the roles, when given).
 */
export async function listForumIdsSatIn(db: Db, userId: string, forumIds: readonly string[], roles: readonly string[] | null): Promise<string[]> {
  let query = db
    .selectFrom('forum_members')
    .innerJoin('functions', 'functions.id', 'forum_members.function_id')
    .innerJoin('function_holders', 'function_holders.function_id', 'functions.id')
    .select('forum_members.forum_id')
    .distinct()
    .where('forum_members.forum_id', 'in', forumIds)
    .where('function_holders.user_id', '=', userId)
    .where(validAt('forum_members', null))
    .where(validAt('functions', null))
    .where(heldAt(null));
  if (roles) query = query.where('forum_members.role', 'in', roles);
  return (await query.execute()).map((r) => r.forum_id);
}

/**
 * The active users holding functions that sit in a forum in one of the roles, at an instant,
 * with the function they hold there and its seat (one row per user and function).
 */
export function listHoldersInForum(db: Db, forumId: string, roles: string[]) {
  return db
    .selectFrom('forum_members')
    .innerJoin('functions', 'functions.id', 'forum_members.function_id')
    .innerJoin('function_holders', 'function_holders.function_id', 'functions.id')
    .innerJoin(userDirectory(db).as('users'), 'users.id', 'function_holders.user_id')
    .select(['users.id as user_id', 'users.name', 'users.email', 'functions.id as function_id', 'functions.title as function_title', 'forum_members.role'])
    .where('forum_members.forum_id', '=', forumId)
    .where(validAt('forum_members', null))
    .where(validAt('functions', null))
    .where(heldAt(null))
    .where('forum_members.role', 'in', roles)
    .where('users.disabled_at', 'is', null)
    .orderBy(danishOrder('users.name'))
    .orderBy('users.id')
    .execute();
}

/**
 * Every holding of a user (past, present and future) of a function in scope, with the
 * function's newest title and organisation name (a removed function keeps its last name).
 */
export function listHoldingsOfUser(db: Db, scope: MapScope, userId: string) {
  return db
    .selectFrom('function_holders')
    .innerJoin('functions', (join) =>
      join
        .onRef('functions.id', '=', 'function_holders.function_id')
        .on('functions.version_id', '=', (eb) => eb.selectFrom('functions as newest').select('newest.version_id').whereRef('newest.id', '=', 'function_holders.function_id').orderBy('newest.valid_from', 'desc').limit(1)),
    )
    .selectAll('function_holders')
    .select([
      'functions.title as function_title',
      (eb) => eb.selectFrom('organisations').select('organisations.name').whereRef('organisations.id', '=', 'functions.organisation_id').orderBy('organisations.valid_from', 'desc').limit(1).as('organisation_name'),
    ])
    .where('function_holders.user_id', '=', userId)
    .where(ownedBy('functions', scope))
    .orderBy('function_holders.valid_from', 'desc')
    .execute();
}

export function findHolding(db: Db, holdingId: string) {
  return db.selectFrom('function_holders').selectAll().where('id', '=', holdingId).executeTakeFirst();
}

/** A holding of the user and function that is still open at `from` or begins after it. */
export function findOverlappingHolding(db: Db, userId: string, functionId: string, from: Date) {
  return db
    .selectFrom('function_holders')
    .select('id')
    .where('user_id', '=', userId)
    .where('function_id', '=', functionId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
    .executeTakeFirst();
}

export async function insertHolding(trx: Transaction<Database> | Db, row: Insertable<Database['function_holders']>): Promise<string> {
  const inserted = await trx.insertInto('function_holders').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function endHolding(trx: Transaction<Database>, holdingId: string, at: Date, endedBy: string | null): Promise<void> {
  await trx.updateTable('function_holders').set({ valid_to: at, ended_by: endedBy }).where('id', '=', holdingId).execute();
}

/** Ends the holdings of a removed function in force at `at` (later ones never apply: the function is gone). */
export async function endHoldingsOfFunction(trx: Transaction<Database>, functionId: string, at: Date, endedBy: string | null): Promise<void> {
  await trx
    .updateTable('function_holders')
    .set({ valid_to: at, ended_by: endedBy })
    .where('function_id', '=', functionId)
    .where('valid_from', '<', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute();
}

/**
 * Functions by id as the police district shares them: those of the district and of every
 * municipality in it, with their organisation's name. Only title and organisation: what a
 * district forum shows of a member, not the other municipality's map.
 */
export function listDistrictFunctionNames(db: Db, policeDistrictId: string, functionIds: string[], asOf: Date | null) {
  if (functionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('functions')
    .innerJoin('organisations', 'organisations.id', 'functions.organisation_id')
    .select(['functions.id', 'functions.title', 'organisations.name as organisation_name'])
    .where('functions.id', 'in', functionIds)
    .where(validAt('functions', asOf))
    .where(validAt('organisations', asOf))
    .where((eb) =>
      eb.or([
        eb('functions.police_district_id', '=', policeDistrictId),
        eb('functions.municipality_id', 'in', municipalityIdsOfDistrict(db, policeDistrictId)),
      ]),
    )
    .execute();
}

/** Every version of a forum and of its members, oldest first, with who made each. */
export async function listForumHistory(db: Db, forumId: string) {
  const forumVersions = await db
    .selectFrom('forums')
    .leftJoin(userDirectory(db).as('users'), 'users.id', 'forums.changed_by')
    .leftJoin(userDirectory(db).as('enders'), 'enders.id', 'forums.ended_by')
    .selectAll('forums')
    .select(['users.name as actor_name', 'enders.name as ended_by_name'])
    .where('forums.id', '=', forumId)
    .orderBy('forums.valid_from')
    .execute();
  const memberVersions = await db
    .selectFrom('forum_members')
    .leftJoin(userDirectory(db).as('users'), 'users.id', 'forum_members.changed_by')
    .leftJoin(userDirectory(db).as('enders'), 'enders.id', 'forum_members.ended_by')
    .selectAll('forum_members')
    .select(['users.name as actor_name', 'enders.name as ended_by_name'])
    .where('forum_members.forum_id', '=', forumId)
    .orderBy('forum_members.valid_from')
    .execute();
  return { forumVersions, memberVersions };
}

/** Ends the current version of a record at `at`; the caller inserts the next one, if any. */
export async function closeVersion(trx: Transaction<Database>, table: VersionedTable, id: string, at: Date, endedBy: string | null): Promise<boolean> {
  const result = await trx
    .updateTable(table as 'forums')
    .set({ valid_to: at, ended_by: endedBy })
    .where('id', '=', id)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A version's record data, without its valid-time columns. */
export function versionData(row: Record<string, unknown>): Record<string, unknown> {
  const { version_id: _v, valid_from: _f, valid_to: _t, changed_by: _c, ended_by: _e, ...data } = row;
  return data;
}

/**
 * The version that follows `current` from `at` with `changes`: the rest as it was, and the
 * fields marked assumed stay marked until a change gives them another value.
 */
export function followingVersion(current: Record<string, unknown>, changes: Record<string, unknown>, at: Date, changedBy: string | null): Record<string, unknown> {
  const assumed = current.assumptions ? { assumptions: JSON.stringify(keptAssumptions(current.assumptions as Record<string, string>, current, changes)) } : {};
  return { ...versionData(current), ...changes, ...assumed, valid_from: at, valid_to: null, changed_by: changedBy };
}

export async function insertVersions<T extends VersionedTable>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  // Large imports go in slices to stay within the protocol's parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto(table as 'forums')
      .values(rows.slice(i, i + 500) as Insertable<Database['forums']>[])
      .execute();
  }
}

export async function closeMembershipsOf(trx: Transaction<Database>, column: 'forum_id' | 'function_id', id: string, at: Date, endedBy: string | null): Promise<number> {
  const result = await trx.updateTable('forum_members').set({ valid_to: at, ended_by: endedBy }).where(column, '=', id).where('valid_to', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Current records that point at an organisation: child organisations, functions, pools. */
export async function countDependentsOfOrganisation(db: Db, organisationId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT ((SELECT count(*) FROM organisations WHERE parent_id = ${organisationId} AND valid_to IS NULL)
          + (SELECT count(*) FROM functions WHERE organisation_id = ${organisationId} AND valid_to IS NULL)
          + (SELECT count(*) FROM pools WHERE organisation_id = ${organisationId} AND valid_to IS NULL))::int AS n`.execute(db);
  return result.rows[0].n;
}

export async function countForumsReportingTo(db: Db, forumId: string): Promise<number> {
  const row = await db.selectFrom('forums').select(sql<number>`count(*)::int`.as('n')).where('reports_to_id', '=', forumId).where('valid_to', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}

/** The version keys of a scope's map: the municipality's and its police district's. */
export const mapVersionKeys = (scope: MapScope) => [`m:${scope.municipalityId}`, ...(scope.policeDistrictId ? [`d:${scope.policeDistrictId}`] : [])];

/** The versions a view of the scope's map depends on, as one key. */
export const readMapVersion = (db: Db, scope: MapScope) => readDataVersions(db, mapVersionKeys(scope));

/** The in-scope functions of several municipalities, current or as of an instant: the staff the efforts' comparison counts. */
export function listStaffOf(db: Db, municipalityIds: string[], asOf: Date | null) {
  return db
    .selectFrom('functions')
    .select(['municipality_id', 'title', 'headcount', 'hours_min', 'hours_max', 'fte', 'triangle_level', 'assumptions'])
    .where('municipality_id', 'in', municipalityIds)
    .where(validAt('functions', asOf))
    .where('in_scope', '=', true)
    .execute();
}

// The municipality (its settings) and its users are identity's; this module's callers keep these names.
export { findMunicipality, isUserOfMunicipality, mergeMunicipalitySettings } from '../identity/identity.public.ts';
