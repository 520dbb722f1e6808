import { type ExpressionBuilder, type Insertable, type Kysely, type QueryCreator, type Transaction, type Updateable, sql } from 'kysely';
import type { TEffortStatus } from '../../../contracts/efforts.ts';
import type { Database } from '../../platform/db/schema.ts';
import { municipalityIdsOfDistrict, userDirectory } from '../identity/identity.public.ts';
import type { MapScope } from '../organisation/organisation.public.ts';
import { unscoped } from '../../platform/db/data-scope.ts';
import { danishOrder } from '../../platform/db/danish-order.ts';
import { nextVersionStart, validAt } from '../../platform/db/valid-time.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';
import { nationalOrOwn } from '../../platform/reference-list.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The columns kept in valid time (effort_versions); the efforts row holds their current values. */
const VERSIONED_COLUMNS = ['triangle_level', 'owner_organisation_id', 'responsible_function_id', 'age_min', 'age_max', 'risk_profile', 'derived_groups', 'districts', 'status'] as const;
const UNVERSIONED_COLUMNS = [
  'id',
  'municipality_id',
  'title',
  'description',
  'in_scope',
  'partner_organisation_ids',
  'forum_ids',
  'legal_basis_ids',
  'period_start',
  'period_end',
  'evidence_rating',
  'evidence_documentation',
  // The marks say what the sources leave open; a reading as of a date shows today's marks.
  'assumptions',
  'search',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
/** A column added to efforts must join one list or the other, or reads as of a date would drop it: tsc names it here. */
type Unlisted = Exclude<keyof Database['efforts'], (typeof VERSIONED_COLUMNS)[number] | (typeof UNVERSIONED_COLUMNS)[number]>;
type EveryColumnListed = [Unlisted] extends [never] ? QueryCreator<Database> : { unlistedColumn: Unlisted };

/**
 * Where a read finds `efforts`: the table itself (the present), or, as of an instant, a common
 * table expression of the same name and columns whose versioned columns come from the version
 * valid then (an effort without one then is left out). Every query below reads the present and
 * the past alike through it.
 */
function effortsAt(db: Db, asOf: Date | null | undefined): QueryCreator<Database> {
  if (!asOf) return db;
  return db.with('efforts', (qc) =>
    qc
      .selectFrom('efforts as e')
      .innerJoin('effort_versions as v', 'v.effort_id', 'e.id')
      .where(validAt('v', asOf))
      .select([...UNVERSIONED_COLUMNS.map((c) => `e.${c}` as const), ...VERSIONED_COLUMNS.map((c) => `v.${c}` as const)]),
  ) as unknown as EveryColumnListed;
}

/** Filters shared by the list, the triangle and the economy; all optional. */
export interface EffortFilter {
  municipalityId: string;
  level?: string;
  status?: string;
  unit?: string;
  age?: number;
  /** Efforts whose age band reaches into ageFrom–ageTo. */
  ageFrom?: number;
  ageTo?: number;
  district?: string;
  /** Efforts whose period overlaps this year. */
  year?: number;
  text?: string;
  /** Read the versions valid at this instant instead of the current ones. */
  asOf?: Date | null;
}

/** The WHERE clause of a filtered read, so every view filters alike. */
function filtered(f: EffortFilter) {
  return (eb: ExpressionBuilder<Database, 'efforts'>) => {
    const conditions = [eb('efforts.municipality_id', '=', f.municipalityId)];
    if (f.level) conditions.push(eb('efforts.triangle_level', '=', f.level));
    if (f.status) conditions.push(eb('efforts.status', '=', f.status));
    if (f.unit) conditions.push(eb('efforts.owner_organisation_id', '=', f.unit));
    if (f.age !== undefined) conditions.push(eb('efforts.age_min', '<=', f.age), eb('efforts.age_max', '>=', f.age));
    if (f.ageFrom !== undefined) conditions.push(eb('efforts.age_max', '>=', f.ageFrom));
    if (f.ageTo !== undefined) conditions.push(eb('efforts.age_min', '<=', f.ageTo));
    // An effort for the whole municipality (no districts named) reaches every district.
    if (f.district) conditions.push(eb.or([eb(sql`cardinality(efforts.districts)`, '=', 0), eb(sql`${f.district}`, '=', eb.fn.any('efforts.districts'))]));
    if (f.year !== undefined) {
      conditions.push(eb('efforts.period_start', '<=', `${f.year}-12-31`));
      conditions.push(eb.or([eb('efforts.period_end', 'is', null), eb('efforts.period_end', '>=', `${f.year}-01-01`)]));
    }
    if (f.text) {
      // Danish stemming finds "indsatser" for "indsats"; the title match catches a word typed in part.
      conditions.push(eb.or([sql<boolean>`efforts.search @@ websearch_to_tsquery('danish', ${f.text})`, eb('efforts.title', 'ilike', `%${escapeLike(f.text)}%`)]));
    }
    return eb.and(conditions);
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const SUMMARY_COLUMNS = [
  'efforts.id',
  'efforts.title',
  'efforts.triangle_level',
  'efforts.in_scope',
  'efforts.status',
  'efforts.owner_organisation_id',
  'efforts.responsible_function_id',
  'efforts.age_min',
  'efforts.age_max',
  'efforts.risk_profile',
  'efforts.districts',
  'efforts.period_start',
  'efforts.period_end',
  'efforts.evidence_rating',
] as const;

export async function listEfforts(db: Db, f: EffortFilter, page: { limit: number; offset: number }) {
  let query = effortsAt(db, f.asOf)
    .selectFrom('efforts')
    .select(SUMMARY_COLUMNS)
    .select(sql<number>`count(*) OVER ()::int`.as('total'))
    .where(filtered(f));
  if (f.text) query = query.orderBy(sql`ts_rank(efforts.search, websearch_to_tsquery('danish', ${f.text}))`, 'desc');
  return query.orderBy(danishOrder('efforts.title')).orderBy('efforts.id').limit(page.limit).offset(page.offset).execute();
}

export type EffortSummaryRow = Awaited<ReturnType<typeof listEfforts>>[number];

export function findEffort(db: Db, municipalityId: string, id: string, asOf: Date | null = null) {
  return effortsAt(db, asOf).selectFrom('efforts').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** The effort's row, locked for the rest of the transaction (one status change at a time). */
export function lockEffort(trx: Trx, municipalityId: string, id: string) {
  return trx.selectFrom('efforts').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).forUpdate().executeTakeFirst();
}

export type EffortRow = NonNullable<Awaited<ReturnType<typeof findEffort>>>;

/** Inserts an effort and its first version, valid from the start of its period (or from now, if that is later). */
export async function insertEffort(trx: Trx, row: Insertable<Database['efforts']>): Promise<string> {
  const inserted = await trx.insertInto('efforts').values(row).returning(['id', 'period_start', 'created_by', ...VERSIONED_COLUMNS]).executeTakeFirstOrThrow();
  const { id, period_start, created_by, ...versioned } = inserted;
  const from = new Date(Math.min(Date.now(), startOfDanishDay(period_start).getTime()));
  await trx.insertInto('effort_versions').values({ ...versioned, effort_id: id, valid_from: from, changed_by: created_by }).execute();
  return id;
}

/**
 * Changes an effort. When a versioned column changes, the current version ends and the next
 * begins at `versionFrom` (now, or the day a status change takes effect; never before the
 * current version began).
 */
export async function updateEffort(trx: Trx, id: string, changes: Updateable<Database['efforts']>, versionFrom: Date = new Date()): Promise<void> {
  const row = await trx
    .updateTable('efforts')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returning(['updated_by', ...VERSIONED_COLUMNS])
    .executeTakeFirstOrThrow();
  const { updated_by: by, ...versioned } = row;
  const current = await trx.selectFrom('effort_versions').selectAll().where('effort_id', '=', id).where(validAt('effort_versions', null)).forUpdate().executeTakeFirst();
  if (current && VERSIONED_COLUMNS.every((c) => JSON.stringify(current[c]) === JSON.stringify(versioned[c]))) return;
  const at = current ? nextVersionStart(current, versionFrom) : versionFrom;
  if (current) await trx.updateTable('effort_versions').set({ valid_to: at, ended_by: by }).where('version_id', '=', current.version_id).execute();
  await trx.insertInto('effort_versions').values({ ...versioned, effort_id: id, valid_from: at, changed_by: by }).execute();
}

export async function insertStatusChange(trx: Trx, row: Insertable<Database['effort_status_changes']>): Promise<void> {
  await trx.insertInto('effort_status_changes').values(row).execute();
}

export function listStatusChanges(db: Db, effortId: string) {
  return db
    .selectFrom('effort_status_changes')
    .leftJoin(userDirectory(db).as('users'), 'users.id', 'effort_status_changes.changed_by')
    .selectAll('effort_status_changes')
    .select('users.name as actor_name')
    .where('effort_id', '=', effortId)
    .orderBy('changed_at')
    .orderBy('effort_status_changes.id')
    .execute();
}

export function latestStatusChange(db: Db, effortId: string) {
  return db.selectFrom('effort_status_changes').selectAll().where('effort_id', '=', effortId).orderBy('changed_at', 'desc').limit(1).executeTakeFirst();
}

/** Goals, indicators, measurements, budget lines and hours of one effort. */
export async function loadEffortParts(db: Db, effortId: string) {
  const [goals, indicators, measurements, budgetLines, hours] = await Promise.all([
    db.selectFrom('effort_goals').selectAll().where('effort_id', '=', effortId).orderBy('position').orderBy('created_at').execute(),
    db.selectFrom('effort_indicators').selectAll().where('effort_id', '=', effortId).orderBy('created_at').orderBy('name').execute(),
    db
      .selectFrom('indicator_measurements')
      .select(['id', 'indicator_id', 'measured_on', 'value', 'note'])
      .where('indicator_id', 'in', (sub) => sub.selectFrom('effort_indicators').select('id').where('effort_id', '=', effortId))
      .orderBy('measured_on')
      .execute(),
    db.selectFrom('effort_budget_lines').selectAll().where('effort_id', '=', effortId).orderBy('year').orderBy('kind').execute(),
    db.selectFrom('effort_staff_hours').selectAll().where('effort_id', '=', effortId).orderBy('year').execute(),
  ]);
  return { goals, indicators, measurements, budgetLines, hours };
}

export function findGoal(db: Db, effortId: string, goalId: string) {
  return db.selectFrom('effort_goals').selectAll().where('id', '=', goalId).where('effort_id', '=', effortId).executeTakeFirst();
}

export function findIndicator(db: Db, effortId: string, indicatorId: string) {
  return db.selectFrom('effort_indicators').selectAll().where('id', '=', indicatorId).where('effort_id', '=', effortId).executeTakeFirst();
}

export function findMeasurement(db: Db, effortId: string, measurementId: string) {
  return db
    .selectFrom('indicator_measurements')
    .innerJoin('effort_indicators', 'effort_indicators.id', 'indicator_measurements.indicator_id')
    .selectAll('indicator_measurements')
    .where('indicator_measurements.id', '=', measurementId)
    .where('effort_indicators.effort_id', '=', effortId)
    .executeTakeFirst();
}

export async function insertGoal(trx: Trx, row: Insertable<Database['effort_goals']>): Promise<string> {
  return (await trx.insertInto('effort_goals').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateGoal(trx: Trx, id: string, changes: Updateable<Database['effort_goals']>): Promise<void> {
  await trx.updateTable('effort_goals').set(changes).where('id', '=', id).execute();
}

export async function deleteGoal(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('effort_goals').where('id', '=', id).execute();
}

export async function insertIndicator(trx: Trx, row: Insertable<Database['effort_indicators']>): Promise<string> {
  return (await trx.insertInto('effort_indicators').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateIndicator(trx: Trx, id: string, changes: Updateable<Database['effort_indicators']>): Promise<void> {
  await trx.updateTable('effort_indicators').set(changes).where('id', '=', id).execute();
}

export async function deleteMeasurement(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('indicator_measurements').where('id', '=', id).execute();
}

export async function nextGoalPosition(trx: Trx, effortId: string): Promise<number> {
  const row = await trx.selectFrom('effort_goals').select(sql<number>`coalesce(max(position), -1)::int + 1`.as('next')).where('effort_id', '=', effortId).executeTakeFirstOrThrow();
  return row.next;
}

/** Removes indicators and their measurements (of a goal, or one indicator). */
export async function deleteIndicators(trx: Trx, where: { goalId?: string; indicatorId?: string }): Promise<void> {
  const ids = trx.selectFrom('effort_indicators').select('id');
  const scoped = where.indicatorId ? ids.where('id', '=', where.indicatorId) : ids.where('goal_id', '=', where.goalId!);
  await trx.deleteFrom('indicator_measurements').where('indicator_id', 'in', scoped).execute();
  if (where.indicatorId) await trx.deleteFrom('effort_indicators').where('id', '=', where.indicatorId).execute();
  else await trx.deleteFrom('effort_indicators').where('goal_id', '=', where.goalId!).execute();
}

/** Enters a measurement; a second value for the same indicator and day corrects the first. */
export async function upsertMeasurement(trx: Trx, row: Insertable<Database['indicator_measurements']>): Promise<void> {
  await trx
    .insertInto('indicator_measurements')
    .values(row)
    .onConflict((oc) => oc.columns(['indicator_id', 'measured_on']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), note: eb.ref('excluded.note'), entered_at: new Date(), entered_by: eb.ref('excluded.entered_by') })))
    .execute();
}

/** Replaces one year's budget lines and staff hours of an effort. */
export async function replaceYear(
  trx: Trx,
  effortId: string,
  year: number,
  lines: Insertable<Database['effort_budget_lines']>[],
  hours: Insertable<Database['effort_staff_hours']>[],
): Promise<void> {
  await trx.deleteFrom('effort_budget_lines').where('effort_id', '=', effortId).where('year', '=', year).execute();
  await trx.deleteFrom('effort_staff_hours').where('effort_id', '=', effortId).where('year', '=', year).execute();
  if (lines.length > 0) await trx.insertInto('effort_budget_lines').values(lines).execute();
  if (hours.length > 0) await trx.insertInto('effort_staff_hours').values(hours).execute();
}

/** Per effort matching the filter: budget, actual and hours in the year. */
export async function moneyPerEffort(db: Db, f: EffortFilter, year: number) {
  const source = effortsAt(db, f.asOf);
  const [money, hours] = await Promise.all([
    source
      .selectFrom('effort_budget_lines')
      .innerJoin('efforts', 'efforts.id', 'effort_budget_lines.effort_id')
      .select([
        'effort_budget_lines.effort_id',
        sql<string>`sum(effort_budget_lines.budget)`.as('budget'),
        sql<string>`coalesce(sum(effort_budget_lines.actual), 0)`.as('actual'),
        sql<boolean>`bool_or(effort_budget_lines.is_demo)`.as('demo'),
      ])
      .where('effort_budget_lines.year', '=', year)
      .where(filtered(f))
      .groupBy('effort_budget_lines.effort_id')
      .execute(),
    source
      .selectFrom('effort_staff_hours')
      .innerJoin('efforts', 'efforts.id', 'effort_staff_hours.effort_id')
      .select(['effort_staff_hours.effort_id', sql<string>`sum(effort_staff_hours.hours)`.as('hours'), sql<boolean>`bool_or(effort_staff_hours.is_demo)`.as('demo')])
      .where('effort_staff_hours.year', '=', year)
      .where(filtered(f))
      .groupBy('effort_staff_hours.effort_id')
      .execute(),
  ]);
  return { money, hours };
}

/** The triangle's rows: the matching efforts, only the columns a band shows. */
export function listForTriangle(db: Db, f: EffortFilter) {
  return effortsAt(db, f.asOf).selectFrom('efforts').select(['id', 'title', 'status', 'triangle_level']).where(filtered(f)).orderBy(danishOrder('title')).orderBy('id').execute();
}

/** Efforts with money or hours in the year, with what the economy overview shows of them (as of an instant). */
export function listForEconomy(db: Db, municipalityId: string, year: number, asOf: Date | null) {
  return effortsAt(db, asOf)
    .selectFrom('efforts')
    .select(['id', 'title', 'triangle_level', 'owner_organisation_id'])
    .where('municipality_id', '=', municipalityId)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('effort_budget_lines').select('effort_id').whereRef('effort_budget_lines.effort_id', '=', 'efforts.id').where('effort_budget_lines.year', '=', year)),
        eb.exists(eb.selectFrom('effort_staff_hours').select('effort_id').whereRef('effort_staff_hours.effort_id', '=', 'efforts.id').where('effort_staff_hours.year', '=', year)),
      ]),
    )
    .orderBy(danishOrder('title'))
    .orderBy('id')
    .execute();
}

/**
 * Participants per effort in a year: for each indicator that counts participants, its latest
 * measurement in the year; summed over the effort's counting indicators.
 */
export async function participantsPerEffort(db: Db, municipalityId: string, year: number): Promise<Map<string, number>> {
  // Each counting indicator's latest value in the year, found through the (indicator, day) index.
  const rows = await sql<{ effort_id: string; participants: string }>`
    SELECT i.effort_id, sum(latest.value) AS participants
    FROM effort_indicators i
    JOIN efforts e ON e.id = i.effort_id
    JOIN LATERAL (
      SELECT m.value FROM indicator_measurements m
      WHERE m.indicator_id = i.id AND m.measured_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
      ORDER BY m.measured_on DESC LIMIT 1
    ) latest ON true
    WHERE e.municipality_id = ${municipalityId} AND i.counts_participants
    GROUP BY i.effort_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.effort_id, Number(r.participants)]));
}

/** The present status of the given efforts. */
export async function listStatuses(db: Db, ids: readonly string[]): Promise<Map<string, TEffortStatus>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('efforts').select(['id', 'status']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.status as TEffortStatus]));
}

/** The national list and the municipality's own entries, retired ones included (efforts may still cite them). */
export function listLegalBases(db: Db, municipalityId: string) {
  return db
    .selectFrom('legal_bases')
    .selectAll()
    .where(nationalOrOwn(municipalityId))
    .orderBy(danishOrder('law'))
    .orderBy(danishOrder('section'))
    .orderBy('id')
    .execute();
}

export type LegalBasisRow = Awaited<ReturnType<typeof listLegalBases>>[number];

/** Adds the municipality's own entry; null when an entry of that law and section is already in force. */
export async function insertLegalBasis(trx: Trx | Db, municipalityId: string, law: string, section: string | null): Promise<string | null> {
  const clash = await trx
    .selectFrom('legal_bases')
    .select('id')
    .where((eb) => eb.or([eb('municipality_id', 'is', null), eb('municipality_id', '=', municipalityId)]))
    .where(sql<boolean>`lower(law) = lower(${law}) AND coalesce(lower(section), '') = coalesce(lower(${section}), '')`)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (clash) return null;
  const row = await trx.insertInto('legal_bases').values({ municipality_id: municipalityId, law, section }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The platform's national list: written by the reference data, never by a municipality's user. */
export async function unsafeInsertNationalLegalBasis(db: Db, law: string, section: string | null): Promise<void> {
  await db.insertInto('legal_bases').values({ municipality_id: null, law, section }).onConflict((oc) => oc.doNothing()).execute();
}

export function findLegalBasis(trx: Trx | Db, id: string) {
  return trx.selectFrom('legal_bases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Retires an entry still in use; false when it already was (a concurrent retirement won). */
export async function retireLegalBasis(trx: Trx, id: string, userId: string | null): Promise<boolean> {
  const retired = await trx.updateTable('legal_bases').set({ retired_at: new Date(), retired_by: userId }).where('id', '=', id).where('retired_at', 'is', null).returning('id').executeTakeFirst();
  return retired !== undefined;
}

// The peer comparison's municipalities (the own and the reference ones) and their staff are
// identity's and the organisation module's; the service keeps these names.
export { findReferenceMunicipality, listMunicipalityAndReferences as listComparedMunicipalities } from '../identity/identity.public.ts';
export { listStaffOf } from '../organisation/organisation.public.ts';

/**
 * What the action plan lists for a year: the efforts active now or planned to start within
 * the year, running in it, with goals, indicators and the year's budget.
 */
export async function listForPlan(db: Db, municipalityId: string, year: number) {
  const efforts = await db
    .selectFrom('efforts')
    .selectAll()
    .where(filtered({ municipalityId, year }))
    .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'planned'), eb('period_start', '>=', `${year}-01-01`)])]))
    .orderBy(danishOrder('title'))
    .orderBy('id')
    .execute();
  const ids = efforts.map((e) => e.id);
  if (ids.length === 0) return { efforts, goals: [], indicators: [], money: [] };
  const [goals, indicators, money] = await Promise.all([
    // Full orders: a plan generated twice from the same data must read the same.
    db.selectFrom('effort_goals').select(['id', 'effort_id', 'title']).where('effort_id', 'in', ids).orderBy('position').orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('effort_indicators').select(['goal_id', 'name', 'unit', 'baseline', 'target']).where('effort_id', 'in', ids).orderBy('created_at').orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('effort_budget_lines')
      .select(['effort_id', sql<string>`sum(budget)`.as('budget'), sql<boolean>`bool_or(is_demo)`.as('demo')])
      .where('effort_id', 'in', ids)
      .where('year', '=', year)
      .groupBy('effort_id')
      .execute(),
  ]);
  return { efforts, goals, indicators, money };
}

/**
 * The efforts a scenario copies from the map as of an instant: those not ended then, with what
 * was budgeted for them in that year (the scenarios module's "from today").
 */
export async function listForScenario(db: Db, municipalityId: string, asOf: Date, year: number) {
  const efforts = await effortsAt(db, asOf)
    .selectFrom('efforts')
    .select(['id', 'title', 'triangle_level', 'age_min', 'age_max'])
    .select((eb) => eb.selectFrom('effort_budget_lines').select(sql<string>`coalesce(sum(budget), 0)`.as('budget')).whereRef('effort_budget_lines.effort_id', '=', 'efforts.id').where('effort_budget_lines.year', '=', year).as('budget'))
    .where('municipality_id', '=', municipalityId)
    .where('status', '!=', 'ended')
    .orderBy(danishOrder('title'))
    .orderBy('id')
    .execute();
  return efforts.map((e) => ({ ...e, budget: Number(e.budget ?? 0) }));
}

/**
 * The indicators of a municipality's efforts not ended whose responsible function or owner
 * unit is one of those given, each with its latest measurement (for the front page).
 */
export function listIndicatorsWithLatest(db: Db, municipalityId: string, functionIds: string[], organisationIds: string[]) {
  if (functionIds.length === 0 && organisationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('efforts')
    .innerJoin('effort_indicators', 'effort_indicators.effort_id', 'efforts.id')
    .innerJoinLateral(
      (eb) => eb.selectFrom('indicator_measurements').select(['value', 'measured_on']).whereRef('indicator_measurements.indicator_id', '=', 'effort_indicators.id').orderBy('measured_on', 'desc').limit(1).as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'efforts.id as effort_id',
      'efforts.title as effort_title',
      'efforts.responsible_function_id',
      'efforts.owner_organisation_id',
      'effort_indicators.name',
      'effort_indicators.baseline',
      'effort_indicators.target',
      'effort_indicators.direction',
      'effort_indicators.period_start',
      'effort_indicators.period_end',
      'latest.value as latest_value',
      'latest.measured_on as latest_on',
    ])
    .where('efforts.municipality_id', '=', municipalityId)
    .where('efforts.status', '<>', 'ended')
    .where((eb) =>
      eb.or([
        ...(functionIds.length > 0 ? [eb('efforts.responsible_function_id', 'in', functionIds)] : []),
        ...(organisationIds.length > 0 ? [eb('efforts.owner_organisation_id', 'in', organisationIds)] : []),
      ]),
    )
    .orderBy(danishOrder('efforts.title'))
    .orderBy(danishOrder('effort_indicators.name'))
    .execute();
}

// --- the whole municipality at once: export and import -----------------------------------------

/** The municipality's efforts, goals and indicators, for an export or an import's matching. */
export function loadForTransfer(db: Db, municipalityId: string) {
  return Promise.all([
    db.selectFrom('efforts').selectAll().where('municipality_id', '=', municipalityId).orderBy(danishOrder('title')).orderBy('id').execute(),
    db.selectFrom('effort_goals').innerJoin('efforts', 'efforts.id', 'effort_goals.effort_id').selectAll('effort_goals').where('efforts.municipality_id', '=', municipalityId).orderBy('effort_goals.position').execute(),
    db.selectFrom('effort_indicators').innerJoin('efforts', 'efforts.id', 'effort_indicators.effort_id').selectAll('effort_indicators').where('efforts.municipality_id', '=', municipalityId).orderBy('effort_indicators.created_at').execute(),
  ]);
}

export function listMeasurementsOf(db: Db, effortIds: string[]) {
  if (effortIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('indicator_measurements')
    .innerJoin('effort_indicators', 'effort_indicators.id', 'indicator_measurements.indicator_id')
    .select(['indicator_measurements.indicator_id', 'measured_on', 'value', 'note'])
    .where('effort_indicators.effort_id', 'in', effortIds)
    .orderBy('indicator_measurements.indicator_id')
    .orderBy('measured_on')
    .execute();
}

export function listBudgetLinesOf(db: Db, effortIds: string[]) {
  if (effortIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('effort_budget_lines').selectAll().where('effort_id', 'in', effortIds).orderBy('effort_id').orderBy('year').orderBy('kind').execute();
}

export function listStaffHoursOf(db: Db, effortIds: string[]) {
  if (effortIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('effort_staff_hours').selectAll().where('effort_id', 'in', effortIds).orderBy('effort_id').orderBy('year').execute();
}

const BATCH = 500;

/** Measurements, budget lines and staff hours of an import: new rows added, existing ones replaced. */
export async function upsertImported(
  trx: Trx,
  rows: { measurements: Insertable<Database['indicator_measurements']>[]; budget: Insertable<Database['effort_budget_lines']>[]; hours: Insertable<Database['effort_staff_hours']>[] },
): Promise<void> {
  for (let n = 0; n < rows.measurements.length; n += BATCH) {
    await trx
      .insertInto('indicator_measurements')
      .values(rows.measurements.slice(n, n + BATCH))
      .onConflict((oc) => oc.columns(['indicator_id', 'measured_on']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), note: eb.ref('excluded.note') })))
      .execute();
  }
  for (let n = 0; n < rows.budget.length; n += BATCH) {
    await trx
      .insertInto('effort_budget_lines')
      .values(rows.budget.slice(n, n + BATCH))
      .onConflict((oc) => oc.columns(['effort_id', 'year', 'kind']).doUpdateSet((eb) => ({ budget: eb.ref('excluded.budget'), actual: eb.ref('excluded.actual'), is_demo: eb.ref('excluded.is_demo') })))
      .execute();
  }
  for (let n = 0; n < rows.hours.length; n += BATCH) {
    await trx
      .insertInto('effort_staff_hours')
      .values(rows.hours.slice(n, n + BATCH))
      .onConflict((oc) => oc.columns(['effort_id', 'year', 'function_id']).doUpdateSet((eb) => ({ hours: eb.ref('excluded.hours'), is_demo: eb.ref('excluded.is_demo') })))
      .execute();
  }
}

// --- what the organisation module asks before removing a map record -------------------------

/** An effort that points at a record of the organisation map; `own` when it is the scope's municipality's. */
export interface ReferencingEffort {
  id: string;
  title: string;
  own: boolean;
}

/**
 * The efforts not ended that point at any of the given map records (as owner or partner
 * organisation, responsible function, forum): what the organisation module asks before a record
 * is removed. Efforts of the scope's municipality and, since a record may be the police
 * district's, of the district's other municipalities. An ended effort is history: its versions
 * keep naming the unit as it was.
 */
export async function effortsReferencing(
  db: Kysely<Database>,
  scope: MapScope,
  references: { organisationIds?: string[]; functionIds?: string[]; forumIds?: string[] },
): Promise<ReferencingEffort[]> {
  const organisationIds = references.organisationIds ?? [];
  const functionIds = references.functionIds ?? [];
  const forumIds = references.forumIds ?? [];
  if (organisationIds.length + functionIds.length + forumIds.length === 0) return [];
  const uuids = (ids: string[]) => sql`ARRAY[${sql.join(ids)}]::uuid[]`;
  // Other municipalities of the district, across the tenant wall: of theirs, only a count leaves.
  const rows = await unscoped("the district's efforts that point at a record being removed", () => db
    .selectFrom('efforts')
    .select(['id', 'title', 'municipality_id'])
    .where((eb) =>
      scope.policeDistrictId
        ? eb.or([eb('municipality_id', '=', scope.municipalityId), eb('municipality_id', 'in', municipalityIdsOfDistrict(db, scope.policeDistrictId))])
        : eb('municipality_id', '=', scope.municipalityId),
    )
    .where('status', '<>', 'ended')
    .where((eb) =>
      eb.or([
        ...(organisationIds.length > 0 ? [eb('owner_organisation_id', 'in', organisationIds), sql<boolean>`partner_organisation_ids && ${uuids(organisationIds)}`] : []),
        ...(functionIds.length > 0 ? [eb('responsible_function_id', 'in', functionIds)] : []),
        ...(forumIds.length > 0 ? [sql<boolean>`forum_ids && ${uuids(forumIds)}`] : []),
      ]),
    )
    .orderBy(danishOrder('title'))
    .orderBy('id')
    .execute());
  return rows.map((r) => ({ id: r.id, title: r.title, own: r.municipality_id === scope.municipalityId }));
}
