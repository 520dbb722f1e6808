import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { userDirectory } from '../identity/identity.public.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Scenarios with their author's name; the caller filters by who may see them. */
const withAuthor = (db: Db, municipalityId: string) =>
  db
    .selectFrom('scenarios')
    .innerJoin(userDirectory(db).as('authors'), 'authors.id', 'scenarios.author_id')
    .selectAll('scenarios')
    .select('authors.name as author_name')
    .where('scenarios.municipality_id', '=', municipalityId);

/** Every scenario of the municipality, newest change first, without the documents (the list shows none). */
export function listScenarios(db: Db, municipalityId: string) {
  return db
    .selectFrom('scenarios')
    .innerJoin(userDirectory(db).as('authors'), 'authors.id', 'scenarios.author_id')
    .select(['scenarios.id', 'scenarios.municipality_id', 'title', 'description', 'as_of', 'origin', 'author_id', 'sharing', 'status', 'adopted_from', 'revision', 'updated_at', 'authors.name as author_name'])
    .where('scenarios.municipality_id', '=', municipalityId)
    .orderBy('scenarios.updated_at', 'desc')
    .orderBy('scenarios.id')
    .execute();
}

export function findScenario(db: Db, municipalityId: string, id: string) {
  return withAuthor(db, municipalityId).where('scenarios.id', '=', id).executeTakeFirst();
}

export type ScenarioRow = NonNullable<Awaited<ReturnType<typeof findScenario>>>;

export function findScenarios(db: Db, municipalityId: string, ids: readonly string[]) {
  return withAuthor(db, municipalityId).where('scenarios.id', 'in', ids).execute();
}

/** Who may see them and their revisions, without the documents: enough to find a cached comparison. */
export function findScenarioHeads(db: Db, municipalityId: string, ids: readonly string[]) {
  return db.selectFrom('scenarios').select(['id', 'municipality_id', 'author_id', 'sharing', 'status', 'revision']).where('municipality_id', '=', municipalityId).where('id', 'in', ids).execute();
}

/** The row, locked for the change: revisions are compared and raised one writer at a time. */
export function lockScenario(trx: Trx, municipalityId: string, id: string) {
  return trx.selectFrom('scenarios').select(['id', 'municipality_id', 'author_id', 'sharing', 'status', 'revision']).where('id', '=', id).where('municipality_id', '=', municipalityId).forUpdate().executeTakeFirst();
}

export async function insertScenario(trx: Trx, row: Insertable<Database['scenarios']>): Promise<string> {
  return (await trx.insertInto('scenarios').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes a change and raises the revision. */
export async function updateScenario(trx: Trx, id: string, changes: Updateable<Database['scenarios']>, userId: string): Promise<void> {
  await trx
    .updateTable('scenarios')
    .set((eb) => ({ ...changes, revision: eb('revision', '+', 1), updated_at: new Date(), updated_by: userId }))
    .where('id', '=', id)
    .execute();
}
