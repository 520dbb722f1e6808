import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { userDirectory } from '../identity/identity.public.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export function listPlans(db: Db, municipalityId: string) {
  return db.selectFrom('action_plans').selectAll().where('municipality_id', '=', municipalityId).orderBy('year', 'desc').execute();
}

export function findPlan(db: Db, municipalityId: string, id: string) {
  return db.selectFrom('action_plans').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).executeTakeFirst();
}

/** The plan row, locked for the transaction: one workflow step at a time. */
export function lockPlan(trx: Trx, municipalityId: string, id: string) {
  return trx.selectFrom('action_plans').selectAll().where('id', '=', id).where('municipality_id', '=', municipalityId).forUpdate().executeTakeFirst();
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export function findPlanOfYear(db: Db, municipalityId: string, year: number) {
  return db.selectFrom('action_plans').selectAll().where('municipality_id', '=', municipalityId).where('year', '=', year).executeTakeFirst();
}

export async function insertPlan(trx: Trx | Db, row: Insertable<Database['action_plans']>): Promise<string> {
  return (await trx.insertInto('action_plans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePlan(trx: Trx, id: string, changes: Updateable<Database['action_plans']>): Promise<void> {
  await trx.updateTable('action_plans').set(changes).where('id', '=', id).execute();
}

export function listVersions(db: Db, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('action_plan_versions').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('number').execute();
}

export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

export async function insertVersion(trx: Trx | Db, row: Insertable<Database['action_plan_versions']>): Promise<string> {
  return (await trx.insertInto('action_plan_versions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVersion(trx: Trx | Db, id: string, changes: Updateable<Database['action_plan_versions']>): Promise<void> {
  await trx.updateTable('action_plan_versions').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}

export function listDecisions(db: Db, versionIds: string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('action_plan_decisions')
    .innerJoin(userDirectory(db).as('users'), 'users.id', 'action_plan_decisions.user_id')
    .selectAll('action_plan_decisions')
    .select('users.name as user_name')
    .where('version_id', 'in', versionIds)
    .orderBy('decided_at')
    .execute();
}

export async function insertDecision(trx: Trx | Db, row: Insertable<Database['action_plan_decisions']>): Promise<void> {
  await trx.insertInto('action_plan_decisions').values(row).execute();
}

// Users with roles and municipalities are identity's; the service keeps these names.
export {
  findMunicipalityProfileByCode as findMunicipalityByCode,
  getMunicipalityProfile as findMunicipalityById,
  listUsersWithRoles,
} from '../identity/identity.public.ts';

/** Approved or published versions approved before `before` and not yet reminded about. */
export function listVersionsDueForRevision(db: Db, before: Date) {
  return db
    .selectFrom('action_plan_versions')
    .innerJoin('action_plans', 'action_plans.id', 'action_plan_versions.plan_id')
    .select(['action_plan_versions.id', 'action_plan_versions.number', 'action_plans.municipality_id', 'action_plans.year', 'action_plans.id as plan_id'])
    .where('action_plan_versions.status', 'in', ['approved', 'published'])
    .where('action_plan_versions.approved_at', '<', before)
    .where('action_plan_versions.revision_reminded_at', 'is', null)
    // Only the newest version of a plan: an older one has been revised already.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('action_plan_versions as newer').select('newer.id').whereRef('newer.plan_id', '=', 'action_plan_versions.plan_id').whereRef('newer.number', '>', 'action_plan_versions.number'))),
    )
    .execute();
}

/** The newest published version of the municipality's plans (the newest year first). */
export function findNewestPublished(db: Db, municipalityId: string) {
  return db
    .selectFrom('action_plan_versions')
    .innerJoin('action_plans', 'action_plans.id', 'action_plan_versions.plan_id')
    .selectAll('action_plan_versions')
    .select(['action_plans.year', 'action_plans.approving_forum_id'])
    .where('action_plans.municipality_id', '=', municipalityId)
    .where('action_plan_versions.status', '=', 'published')
    .orderBy('action_plans.year', 'desc')
    .orderBy('action_plan_versions.number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listOutbox(db: Db, municipalityId: string, limit: number) {
  // eslint-disable-next-line trekant/own-tables -- platform/mail.ts has no reader of the outbox yet; this query belongs there
  return db.selectFrom('outbox').selectAll().where('municipality_id', '=', municipalityId).orderBy('created_at', 'desc').orderBy(sql`id`).limit(limit).execute();
}
