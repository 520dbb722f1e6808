import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Version counters of the data that cached views are computed from (see ViewCache): a change
 * raises the counters of what it touches in its own transaction; a view reads them per request.
 */
export async function bumpDataVersions(trx: Transaction<Database>, keys: string[]): Promise<void> {
  await trx
    .insertInto('data_versions')
    .values(keys.map((owner_key) => ({ owner_key, version: '1' })))
    .onConflict((oc) => oc.column('owner_key').doUpdateSet({ version: sql`data_versions.version + 1` }))
    .execute();
}

/** The counters of the keys as one string, for a cache key (0 for a key never raised). */
export async function readDataVersions(db: Kysely<Database>, keys: string[]): Promise<string> {
  const rows = await db.selectFrom('data_versions').select(['owner_key', 'version']).where('owner_key', 'in', keys).execute();
  return keys.map((k) => `${k}=${rows.find((r) => r.owner_key === k)?.version ?? 0}`).join(',');
}
