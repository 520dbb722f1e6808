import { type Kysely, sql } from 'kysely';
import type { TRole, TTokenScope } from '../../../contracts/roles.ts';
import type { Database, NewUser } from '../../platform/db/schema.ts';
import { danishOrder } from '../../platform/db/danish-order.ts';
import { listUnerasedEntryIds } from '../audit/audit.public.ts';

type Db = Kysely<Database>;

// --- users --------------------------------------------------------------------------------
/**
 * Users as other modules may see them (never a secret), as a subquery they join under an
 * alias: `.innerJoin(userDirectory(db).as('users'), 'users.id', …)`.
 */
export function userDirectory(db: Db) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'disabled_at']);
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<string> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<{
    name: string;
    locale: string;
    password_hash: string;
    password_changed_at: Date;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    totp_enabled_at: Date | null;
    totp_last_step: number | null;
    disabled_at: Date | null;
    last_login_at: Date;
  }>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

// --- memberships and tenants ----------------------------------------------------------------
export interface MembershipRow {
  municipality_id: string;
  code: number;
  name: string;
  police_district_id: string | null;
  role: string;
}

export function listMembershipsOfUser(db: Db, userId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('municipalities', 'municipalities.id', 'memberships.municipality_id')
    .select(['memberships.municipality_id', 'municipalities.code', 'municipalities.name', 'municipalities.police_district_id', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy(danishOrder('municipalities.name'))
    .execute();
}

/** Where a new session starts: the municipality of the user's latest session, if still a member. */
export async function findStartMunicipality(db: Db, userId: string): Promise<string | null> {
  const latest = await db
    .selectFrom('sessions')
    .innerJoin('memberships', (join) => join.onRef('memberships.municipality_id', '=', 'sessions.municipality_id').onRef('memberships.user_id', '=', 'sessions.user_id'))
    .select('sessions.municipality_id')
    .where('sessions.user_id', '=', userId)
    .orderBy('sessions.last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest?.municipality_id) return latest.municipality_id;
  const [first] = await listMembershipsOfUser(db, userId);
  return first?.municipality_id ?? null;
}

export async function replaceRoles(db: Db, userId: string, municipalityId: string, roles: readonly TRole[]): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).where('municipality_id', '=', municipalityId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('memberships')
      .values(roles.map((role) => ({ user_id: userId, municipality_id: municipalityId, role })))
      .execute();
  }
}

export function findMunicipalityByCode(db: Db, code: number) {
  return db.selectFrom('municipalities').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findMunicipality(db: Db, municipalityId: string) {
  return db.selectFrom('municipalities').selectAll().where('id', '=', municipalityId).executeTakeFirst();
}

/** What other modules show and configure of a municipality. */
const municipalityProfile = (db: Db) => db.selectFrom('municipalities').select(['id', 'name', 'code', 'police_district_id', 'settings']);

export function findMunicipalityProfileByCode(db: Db, code: number) {
  return municipalityProfile(db).where('code', '=', code).executeTakeFirst();
}

export function getMunicipalityProfile(db: Db, id: string) {
  return municipalityProfile(db).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The municipality and the reference ones (the memo's peers). */
export function listMunicipalityAndReferences(db: Db, ownId: string) {
  return db
    .selectFrom('municipalities')
    .select(['id', 'name', 'inhabitants', 'settings', 'assumptions', 'is_reference'])
    .where((eb) => eb.or([eb('id', '=', ownId), eb('is_reference', '=', true)]))
    .orderBy(danishOrder('name'))
    .execute();
}

/** A reference municipality (one of the memo's peers) with what the memo says of it; undefined for any other. */
export function findReferenceMunicipality(db: Db, id: string) {
  return db
    .selectFrom('municipalities')
    .select(['id', 'name', 'inhabitants', 'placement', 'profile', 'assumptions'])
    .where('id', '=', id)
    .where('is_reference', '=', true)
    .executeTakeFirst();
}

/** The ids of a police district's municipalities, as a subquery for another module's query. */
export function municipalityIdsOfDistrict(db: Db, policeDistrictId: string) {
  return db.selectFrom('municipalities').select('id').where('police_district_id', '=', policeDistrictId);
}

/**
 * Sets some of the municipality's settings, keeping the others: one statement, so two changes
 * of different settings at once (the forum levels' words, the triangle's) cannot undo each other.
 */
export async function mergeMunicipalitySettings(db: Db, municipalityId: string, change: object): Promise<void> {
  // A setting someone sets is theirs from then on: its "antaget" mark (the seeded districts) goes.
  const settled = Object.keys(change);
  await db
    .updateTable('municipalities')
    .set({ settings: sql`coalesce(settings, '{}'::jsonb) || ${JSON.stringify(change)}::jsonb`, assumptions: sql`assumptions - ${settled}::text[]` })
    .where('id', '=', municipalityId)
    .execute();
}

export function isUserOfMunicipality(db: Db, userId: string, municipalityId: string) {
  return db.selectFrom('memberships').select('user_id').where('user_id', '=', userId).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** Users of a municipality holding one of the roles (for reminders). */
export function listUsersWithRoles(db: Db, municipalityId: string, roles: string[]) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name'])
    .distinct()
    .where('memberships.municipality_id', '=', municipalityId)
    .where('memberships.role', 'in', roles)
    .where('users.disabled_at', 'is', null)
    .execute();
}

/** Users holding at least one role in the municipality, with their roles there. */
export async function listUsersOfMunicipality(db: Db, municipalityId: string, onlyUserId?: string) {
  let query = db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.locale',
      'users.totp_enabled_at',
      'users.disabled_at',
      'users.created_at',
      'users.last_login_at',
      sql<string[]>`array_agg(memberships.role ORDER BY memberships.role)`.as('roles'),
    ])
    .where('memberships.municipality_id', '=', municipalityId)
    .groupBy('users.id')
    .orderBy(danishOrder('users.name'))
    .orderBy('users.id');
  if (onlyUserId) query = query.where('users.id', '=', onlyUserId);
  return query.execute();
}

export async function listSecondFactorRoles(db: Db, municipalityId: string): Promise<TRole[]> {
  const rows = await db.selectFrom('second_factor_policies').select('role').where('municipality_id', '=', municipalityId).orderBy('role').execute();
  return rows.map((r) => r.role as TRole);
}

/** Whether any of the user's roles, in any municipality, requires a second factor. */
export async function userRequiresSecondFactor(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('second_factor_policies', (join) =>
      join.onRef('second_factor_policies.municipality_id', '=', 'memberships.municipality_id').onRef('second_factor_policies.role', '=', 'memberships.role'),
    )
    .select('memberships.user_id')
    .where('memberships.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceSecondFactorRoles(db: Db, municipalityId: string, roles: readonly TRole[]): Promise<void> {
  await db.deleteFrom('second_factor_policies').where('municipality_id', '=', municipalityId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('second_factor_policies')
      .values(roles.map((role) => ({ municipality_id: municipalityId, role })))
      .execute();
  }
}

// --- sessions ---------------------------------------------------------------------------
export async function insertSession(
  db: Db,
  session: { token_hash: string; user_id: string; stage: string; csrf_token: string; municipality_id: string | null; user_agent: string | null; ip: string | null; expires_at: Date },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({ ...session, last_seen_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A user's memberships as one JSON column, so resolving an actor is a single query. */
const membershipsOf = (userIdColumn: 'users.id') =>
  sql<MembershipRow[]>`(
    SELECT coalesce(json_agg(json_build_object(
      'municipality_id', m.municipality_id, 'code', mu.code, 'name', mu.name,
      'police_district_id', mu.police_district_id, 'role', m.role) ORDER BY mu.name, m.role), '[]'::json)
    FROM memberships m JOIN municipalities mu ON mu.id = m.municipality_id
    WHERE m.user_id = ${sql.ref(userIdColumn)})`.as('memberships');

/** The live session for a cookie's hash, with its user; expiry is checked by the caller. */
export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(membershipsOf('users.id'))
    .select([
      'sessions.id as session_id',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.municipality_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.name',
      'users.email',
      'users.locale',
      'users.disabled_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function updateSession(db: Db, sessionId: string, changes: { stage?: string; municipality_id?: string | null; expires_at?: Date }): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function revokeSessionsOfUser(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listLiveSessionsOfUser(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function deleteDeadSessions(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- login throttling ---------------------------------------------------------------------
export async function failuresSince(db: Db, key: string, since: Date): Promise<{ count: number; oldest: Date | null; newest: Date | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest'), sql<Date | null>`max(at)`.as('newest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: row.count, oldest: row.oldest ? new Date(row.oldest) : null, newest: row.newest ? new Date(row.newest) : null };
}

export async function recordFailures(db: Db, keys: string[], at: Date): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key, at })))
    .execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

export async function deleteOldFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}

/** Audit rows of failed logins older than `before` whose payload (typed e-mail, address) is still there. */
export function listLoginFailureAuditIds(db: Db, before: Date, limit: number): Promise<string[]> {
  return listUnerasedEntryIds(db, 'auth.login_failed', before, limit);
}

// --- second factor ---------------------------------------------------------------------
/** Records a TOTP time step as used; false if it, or a later one, was used already (a replay). */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// --- recovery codes ---------------------------------------------------------------------
export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0) {
    await db
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  }
}

/** Marks an unused recovery code as used; false if there was none matching. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// --- API tokens ---------------------------------------------------------------------------
export async function insertApiToken(
  db: Db,
  token: { user_id: string; municipality_id: string; name: string; token_hash: string; scopes: TTokenScope[]; expires_at: Date | null },
) {
  return db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow();
}

export function findApiTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(membershipsOf('users.id'))
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scopes',
      'api_tokens.municipality_id',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.name',
      'users.email',
      'users.locale',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listLiveApiTokens(db: Db, userId: string) {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}

export async function touchApiToken(db: Db, tokenId: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export async function revokeApiTokensOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
