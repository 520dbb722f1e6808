import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Organisation-model scenarios (issue #12 Part B): a municipality's named, dated drafts of its
// organisation. The draft itself is one validated document (contracts/scenarios.ts): it is
// edited, compared and assessed as a whole, and nothing else points into it. `revision` counts
// changes for optimistic concurrency. Walled by municipality like the other tenant tables
// (row-level-security migrations), with the scope read once per query.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE scenarios (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      as_of date NOT NULL,
      origin text NOT NULL,
      author_id uuid NOT NULL REFERENCES users(id),
      sharing text NOT NULL DEFAULT 'private' CHECK (sharing IN ('private', 'working_group', 'steering')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'discarded')),
      -- The day an adopted scenario took effect on the live map.
      adopted_from date CHECK ((status = 'adopted') = (adopted_from IS NOT NULL)),
      revision integer NOT NULL DEFAULT 1,
      document jsonb NOT NULL,
      assessment jsonb NOT NULL DEFAULT '{"criteria": {}}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );
    CREATE INDEX scenarios_municipality ON scenarios (municipality_id, updated_at DESC);
    ALTER TABLE scenarios ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_scope ON scenarios TO trekant_app
      USING ((SELECT trekant_scope_unscoped()) OR municipality_id = ANY ((SELECT trekant_scope_municipalities())::uuid[]))
      WITH CHECK ((SELECT trekant_scope_unscoped()) OR municipality_id = ANY ((SELECT trekant_scope_municipalities())::uuid[]));
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
