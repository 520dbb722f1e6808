import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The last TOTP time step (unix time / 30 s) a user's code was accepted for: a code is refused
// once its step, or an earlier one, has been used, so an observed code cannot be replayed. In the
// database, so the rule holds across processes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(db, `ALTER TABLE users ADD COLUMN totp_last_step integer;`);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
