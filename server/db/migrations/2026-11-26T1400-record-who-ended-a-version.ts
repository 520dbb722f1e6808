import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Who ended a version (a change or a removal), so that a removal in the history has an author.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    ['organisations', 'functions', 'pools', 'forums', 'forum_members'].map((table) => `ALTER TABLE ${table} ADD COLUMN ended_by uuid REFERENCES users(id);`).join('\n'),
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
