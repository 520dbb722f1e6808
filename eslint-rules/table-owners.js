/**
 * Who owns each table (and view) of the `Database` interface in server/platform/db/schema.ts:
 * a module's name (server/modules/<name>/), or the platform file that queries it
 * (`platform/...`, under server/). Only the owner's repository queries a module's table; other
 * modules use what the owner exposes in its `<name>.public.ts` (docs/architecture.md, "Layout").
 * platform/db/table-owners.test.ts checks this list against schema.ts.
 */
export const TABLE_OWNERS = {
  // Accounts and tenants: identity is the module every other one may depend on.
  police_districts: 'identity',
  municipalities: 'identity',
  users: 'identity',
  memberships: 'identity',
  second_factor_policies: 'identity',
  recovery_codes: 'identity',
  sessions: 'identity',
  login_failures: 'identity',
  api_tokens: 'identity',
  // The chain is appended and erased by the platform only; the module reads it through the view.
  audit_log: 'platform/audit/audit-chain.ts',
  audit_payloads: 'platform/audit/audit-chain.ts',
  audit_entries: 'audit',
  read_purposes: 'audit',
  jobs: 'platform/jobs.ts',
  data_versions: 'platform/db/data-versions.ts',
  outbox: 'platform/mail.ts',
  organisations: 'organisation',
  functions: 'organisation',
  pools: 'organisation',
  forums: 'organisation',
  forum_members: 'organisation',
  function_holders: 'organisation',
  legal_bases: 'efforts',
  efforts: 'efforts',
  effort_status_changes: 'efforts',
  effort_versions: 'efforts',
  effort_goals: 'efforts',
  effort_indicators: 'efforts',
  indicator_measurements: 'efforts',
  effort_budget_lines: 'efforts',
  effort_staff_hours: 'efforts',
  action_plans: 'plans',
  action_plan_versions: 'plans',
  action_plan_decisions: 'plans',
  notifications: 'notifications',
  scenarios: 'scenarios',
  meetings: 'meetings',
  meeting_invitations: 'meetings',
  meeting_agenda_items: 'meetings',
  meeting_minutes: 'meetings',
  meeting_minutes_approvals: 'meetings',
  action_items: 'meetings',
};
