import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Who holds a function, dated: a user may hold several functions and a function may have
// several holders over time (and a substitute beside the holder later). Replaces the single
// `functions.holder_user_id`, whose holders become links from the first version that named
// them (to the end of the last, if the function no longer names them).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE function_holders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      function_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      valid_from timestamptz NOT NULL,
      valid_to timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_by uuid REFERENCES users(id),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE INDEX function_holders_user ON function_holders (user_id, valid_from);
    CREATE INDEX function_holders_function ON function_holders (function_id, valid_from);
    INSERT INTO function_holders (function_id, user_id, valid_from, valid_to)
      SELECT id, holder_user_id, min(valid_from), CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE max(valid_to) END
      FROM functions WHERE holder_user_id IS NOT NULL GROUP BY id, holder_user_id;
    DROP INDEX functions_holder;
    ALTER TABLE functions DROP COLUMN holder_user_id;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
