import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The list of legal bases was one list for every municipality, and any municipality's
// administrator could add to it. Now the national list (municipality_id null) is the platform's,
// kept by migrations and the reference data; a municipality adds its own entries, seen and
// audited only there, and may retire them. Entries added through the app so far become the
// adding municipality's (its audit row says which).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `ALTER TABLE legal_bases
       ADD COLUMN municipality_id uuid REFERENCES municipalities(id),
       ADD COLUMN retired_at timestamptz,
       ADD COLUMN retired_by uuid REFERENCES users(id);
     UPDATE legal_bases SET municipality_id = added.municipality_id
       FROM audit_log added
      WHERE added.action = 'legal_basis.created' AND added.entity_type = 'legal_basis'
        AND added.entity_id = legal_bases.id::text AND added.municipality_id IS NOT NULL;
     DROP INDEX legal_bases_once;
     CREATE UNIQUE INDEX legal_bases_once ON legal_bases (coalesce(municipality_id::text, ''), law, coalesce(section, '')) WHERE retired_at IS NULL;
     CREATE INDEX legal_bases_municipality ON legal_bases (municipality_id);`,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
