import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// A counter per map owner (a municipality or a police district), raised by every change to the
// map in the same transaction: views computed from the map are cached under these numbers, so
// every app process knows at once when its cached view is stale.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `CREATE TABLE organisation_map_versions (
      owner_key text PRIMARY KEY,
      version bigint NOT NULL
    );`,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
