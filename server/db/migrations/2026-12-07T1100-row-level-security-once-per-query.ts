import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The tenant walls' policies (migration row-level-security) read the scope once per query, not
// once per row: each call of a scope function is wrapped in a scalar subquery, which PostgreSQL
// plans as an InitPlan and evaluates once. Written inline, the functions (parsing the settings
// into arrays) ran for every row a query looked at. Same conditions, same rows.

const unscoped = `(SELECT trekant_scope_unscoped())`;
const inMunicipality = `municipality_id = ANY ((SELECT trekant_scope_municipalities())::uuid[])`;
const inDistrict = `police_district_id = ANY ((SELECT trekant_scope_police_districts())::uuid[])`;

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

// Child tables keep their condition (their parent's policy applies inside it); only the
// unscoped switch is read once.
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
  ALTER POLICY tenant_scope ON ${table} USING (${unscoped} OR ${condition}) WITH CHECK (${unscoped} OR ${condition});
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(db, Object.entries({ ...OWNED, ...CHILDREN }).map(([table, condition]) => policy(table, condition)).join('\n'));
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
