/**
 * The tables row-level security walls (migration row-level-security, and any later migration
 * that walls a table): the ones that hold a municipality's or a police district's data.
 * row-level-security.int.test.ts checks this list against the database, so a newly walled
 * table must be named here.
 */
export const WALLED_TABLES = [
  'organisations',
  'functions',
  'pools',
  'forums',
  'efforts',
  'action_plans',
  'notifications',
  'legal_bases',
  'forum_members',
  'function_holders',
  'effort_versions',
  'effort_status_changes',
  'effort_goals',
  'effort_indicators',
  'effort_budget_lines',
  'effort_staff_hours',
  'indicator_measurements',
  'action_plan_versions',
  'action_plan_decisions',
  'scenarios',
  'meetings',
  'meeting_invitations',
  'meeting_agenda_items',
  'meeting_minutes',
  'meeting_minutes_approvals',
  'action_items',
] as const;

// A table's name as a word, quoted or not: a column or alias that happens to match only costs
// a needless change of scope, never a missed one.
const WALLED_NAME = new RegExp(`\\b(${WALLED_TABLES.join('|')})\\b`);

/** Whether a query's text names a walled table. */
export function namesWalledTable(sqlText: string): boolean {
  return WALLED_NAME.test(sqlText);
}
