import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Why personal data is read, as a closed list of codes with Danish and English labels instead
// of free text. The national list (municipality_id null) is the platform's, written by the
// reference data on start (seeds/read-purposes.ts; not here, so that a migrated database stays
// empty for a restore); a municipality adds its own entries and may retire them (as with legal
// bases). A code is never deleted or reused, retired or not: the access log stores it and is
// read with these labels for as long as the log is kept. Rows logged before this list hold
// free text and show as written. `assumptions` marks what the sources do not state (field →
// why), as elsewhere.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE read_purposes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid REFERENCES municipalities(id),
      code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{2,39}$'),
      label_da text NOT NULL CHECK (length(label_da) BETWEEN 3 AND 120),
      label_en text NOT NULL CHECK (length(label_en) BETWEEN 3 AND 120),
      assumptions jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz,
      retired_by uuid REFERENCES users(id)
    );
    CREATE UNIQUE INDEX read_purposes_code_once ON read_purposes (coalesce(municipality_id::text, ''), code);
    CREATE INDEX read_purposes_municipality ON read_purposes (municipality_id);
    -- Entries are retired, never deleted: old access-log rows name them.
    REVOKE DELETE ON read_purposes FROM trekant_app;
    `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
