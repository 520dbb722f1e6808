import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The organisation map's version counters become the counters of every cached view: the map's
// ('m:<municipality>', 'd:<police district>') and the efforts' ('e:<municipality>'). Each is
// raised in the transaction of every change its views depend on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(db, `ALTER TABLE organisation_map_versions RENAME TO data_versions;`);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
