import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// What the memo does not state is marked as assumed on efforts (age band, risk profile, legal
// bases, forum and partner links …), on functions (an hour count or FTE that is an estimate) and
// on municipalities (inhabitants, districts), as on organisations and forums: field → reason.
// Existing rows start unmarked: the marks are set by the reference data of a new database.
// A reference municipality (the memo's peers) also gets its profile from the memo: what its
// functions are, whom it draws in under and over 18, and the memo's remarks.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE efforts ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE functions ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE municipalities ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE municipalities ADD COLUMN profile jsonb;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
