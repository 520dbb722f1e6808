import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The second wall between tenants (docs/adr/0007): row-level security on every table that holds
// a municipality's or a police district's data, for the app's role (the owner, which runs
// migrations, is not bound). The app sets the scope per connection before each query
// (platform/db/scoped-driver.ts): `trekant.municipalities` and `trekant.police_districts` (ids,
// comma-separated) or `trekant.unscoped` = 'on' for work that must say why it crosses them.
// Unset, a setting reads as nothing: a query outside any scope sees no tenant's rows.
//
// Later migrations that add such a table give it the same policy with these functions.

const SCOPE_FUNCTIONS = `
  CREATE FUNCTION trekant_scope_unscoped() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('trekant.unscoped', true), '') = 'on' $$;
  CREATE FUNCTION trekant_scope_municipalities() RETURNS uuid[] LANGUAGE sql STABLE
    AS $$ SELECT coalesce(string_to_array(nullif(current_setting('trekant.municipalities', true), ''), ',')::uuid[], '{}'::uuid[]) $$;
  CREATE FUNCTION trekant_scope_police_districts() RETURNS uuid[] LANGUAGE sql STABLE
    AS $$ SELECT coalesce(string_to_array(nullif(current_setting('trekant.police_districts', true), ''), ',')::uuid[], '{}'::uuid[]) $$;
`;

const inMunicipality = `municipality_id = ANY (trekant_scope_municipalities())`;
const inDistrict = `police_district_id = ANY (trekant_scope_police_districts())`;

/** Tables whose rows name their municipality (or, for the shared map, their police district). */
const OWNED: Record<string, string> = {
  organisations: `${inMunicipality} OR ${inDistrict}`,
  functions: `${inMunicipality} OR ${inDistrict}`,
  pools: `${inMunicipality} OR ${inDistrict}`,
  forums: `${inMunicipality} OR ${inDistrict}`,
  efforts: inMunicipality,
  action_plans: inMunicipality,
  notifications: inMunicipality,
  legal_bases: inMunicipality,
};

/** Tables whose rows belong to a row of another: visible when that row is (its own policy applies). */
const CHILDREN: Record<string, string> = {
  forum_members: 'forum_id IN (SELECT id FROM forums)',
  function_holders: 'function_id IN (SELECT id FROM functions)',
  effort_versions: 'effort_id IN (SELECT id FROM efforts)',
  effort_status_changes: 'effort_id IN (SELECT id FROM efforts)',
  effort_goals: 'effort_id IN (SELECT id FROM efforts)',
  effort_indicators: 'effort_id IN (SELECT id FROM efforts)',
  effort_budget_lines: 'effort_id IN (SELECT id FROM efforts)',
  effort_staff_hours: 'effort_id IN (SELECT id FROM efforts)',
  indicator_measurements: 'indicator_id IN (SELECT id FROM effort_indicators)',
  action_plan_versions: 'plan_id IN (SELECT id FROM action_plans)',
  action_plan_decisions: 'version_id IN (SELECT id FROM action_plan_versions)',
};

const policy = (table: string, condition: string) => `
  ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY tenant_scope ON ${table} TO trekant_app
    USING (trekant_scope_unscoped() OR ${condition})
    WITH CHECK (trekant_scope_unscoped() OR ${condition});
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    [
      SCOPE_FUNCTIONS,
      ...Object.entries({ ...OWNED, ...CHILDREN }).map(([table, condition]) => policy(table, condition)),
      // National legal bases (no municipality) are read by every municipality; only unscoped
      // work (the seed, an operator) writes them.
      `CREATE POLICY national_read ON legal_bases FOR SELECT TO trekant_app USING (municipality_id IS NULL);`,
    ].join('\n'),
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
