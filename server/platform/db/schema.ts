import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Database types, written by hand beside the migrations in server/db/migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** Set by the database on insert, and by the application on change. */
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type Assumptions = ColumnType<Record<string, string>, string | undefined, string>;
/** A date column: 'YYYY-MM-DD' both ways (see the date parser in database.ts). */
type CalendarDate = string;

export interface PoliceDistrictTable {
  id: Generated<string>;
  name: string;
}

export interface MunicipalityTable {
  id: Generated<string>;
  code: number;
  name: string;
  police_district_id: string | null;
  /** Reference municipalities (the memo's peers) have data but no users. */
  is_reference: Generated<boolean>;
  inhabitants: number | null;
  placement: string | null;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Assumed fields and why: 'inhabitants', 'districts' (of the settings) → reason. */
  assumptions: Assumptions;
  /** A reference municipality's profile from the memo (see contracts/efforts.ts, ZPeerProfile). */
  profile: ColumnType<unknown, string | null | undefined, string | null> | null;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<string>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted; codes of that step or earlier are refused. */
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
}

export interface MembershipTable {
  user_id: string;
  municipality_id: string;
  role: string;
}

export interface SecondFactorPolicyTable {
  municipality_id: string;
  role: string;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  stage: string;
  csrf_token: string;
  municipality_id: string | null;
  user_agent: string | null;
  ip: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LoginFailureTable {
  id: Generated<string>;
  key: string;
  at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  municipality_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A link of an audit chain: who, when, what, on which entity; never changed or removed. */
export interface AuditLogTable {
  id: Generated<string>;
  /** 'municipality:<id>', 'police_district:<id>' or 'platform' (audit-chain.ts chainOf). */
  chain: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  municipality_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  payload_hash: string;
  prev_hash: string;
  hash: string;
}

/** An audit row's erasable part; after erasure a tombstone (erased_at, erased_rule). */
export interface AuditPayloadTable {
  audit_id: string;
  subject_id: string | null;
  purpose: string | null;
  before: Json | null;
  after: Json | null;
  salt: string | null;
  erased_at: Timestamp | null;
  erased_rule: string | null;
}

/** The view audit_entries: each audit row with its payload, or its tombstone (all null but erased_*). */
export type AuditEntryView = Omit<Selectable<AuditLogTable>, 'payload_hash' | 'prev_hash' | 'hash'> &
  Omit<Selectable<AuditPayloadTable>, 'audit_id' | 'salt'>;

/** Columns every versioned (valid-time) table of the organisation map has. */
interface Versioned {
  version_id: Generated<string>;
  id: string;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  changed_by: string | null;
  /** Who ended this version (by changing or removing the record). */
  ended_by: Generated<string | null>;
}

interface Owned {
  municipality_id: string | null;
  police_district_id: string | null;
}

export interface OrganisationTable extends Versioned, Owned {
  kind: string;
  short_name: string | null;
  name: string;
  parent_id: string | null;
  in_scope: boolean;
  description: string | null;
  /** Assumed fields and why: field name → reason (see the assumptions migration). */
  assumptions: Assumptions;
}

// numeric columns arrive as strings from both drivers.
type Numeric = ColumnType<string, number | string, number | string>;

export interface FunctionTable extends Versioned, Owned {
  organisation_id: string;
  title: string;
  headcount: number;
  hours_min: Numeric | null;
  hours_max: Numeric | null;
  fte: Numeric | null;
  in_scope: boolean;
  funding: string;
  triangle_level: string | null;
  /** Assumed fields and why (an estimated FTE, an hour count the sources do not give). */
  assumptions: Assumptions;
}

/** A user holding a function (functions.id) from valid_from until valid_to (null: still). */
export interface FunctionHolderTable {
  id: Generated<string>;
  function_id: string;
  user_id: string;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  created_by: string | null;
  created_at: CreatedAt;
  ended_by: string | null;
}

/** Something a user is told about in the app, until they have read it. */
export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  municipality_id: string;
  kind: string;
  entity_type: string;
  entity_id: string;
  data: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface PoolTable extends Versioned, Owned {
  organisation_id: string;
  name: string;
  in_scope: boolean;
  description: string | null;
}

export interface ForumTable extends Versioned, Owned {
  name: string;
  short_name: string | null;
  level: string;
  purpose: string | null;
  mandate: string | null;
  legal_basis: string[];
  cadence: string | null;
  reports_to_id: string | null;
  /** Assumed fields and why: field name → reason (see the assumptions migration). */
  assumptions: Assumptions;
}

export interface ForumMemberTable extends Versioned {
  forum_id: string;
  function_id: string;
  role: string;
}

export interface DataVersionTable {
  /** 'm:<municipality id>' or 'd:<police district id>' (the organisation map), 'e:<municipality id>' (efforts). */
  owner_key: string;
  version: string;
}

export interface LegalBasisTable {
  id: Generated<string>;
  /** Null: the national list, kept by the platform; else a municipality's own entry. */
  municipality_id: string | null;
  law: string;
  section: string | null;
  created_at: CreatedAt;
  retired_at: Date | null;
  retired_by: string | null;
}

/** Why personal data is read: a code with labels (see the read-purposes migration). */
export interface ReadPurposeTable {
  id: Generated<string>;
  /** Null: the national list, kept by the platform; else a municipality's own entry. */
  municipality_id: string | null;
  code: string;
  label_da: string;
  label_en: string;
  /** Assumed fields and why: field name → reason (see the assumptions migration). */
  assumptions: Assumptions;
  created_at: CreatedAt;
  retired_at: Date | null;
  retired_by: string | null;
}

export interface EffortTable {
  id: Generated<string>;
  municipality_id: string;
  title: string;
  description: string | null;
  triangle_level: string;
  in_scope: boolean;
  owner_organisation_id: string;
  responsible_function_id: string | null;
  partner_organisation_ids: string[];
  forum_ids: string[];
  age_min: number;
  age_max: number;
  risk_profile: string;
  derived_groups: string[];
  districts: string[];
  legal_basis_ids: string[];
  status: string;
  period_start: CalendarDate;
  period_end: CalendarDate | null;
  evidence_rating: string;
  evidence_documentation: string | null;
  /** Assumed fields and why: column name → reason (see the assumptions migration). */
  assumptions: Assumptions;
  /** Generated by the database from title, description and evidence (Danish full text). */
  search: ColumnType<string, never, never>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

/** What an effort is on the triangle, in valid time (the current version also lives on efforts). */
export interface EffortVersionTable {
  version_id: Generated<string>;
  effort_id: string;
  triangle_level: string;
  owner_organisation_id: string;
  responsible_function_id: string | null;
  age_min: number;
  age_max: number;
  risk_profile: string;
  derived_groups: string[];
  districts: string[];
  status: string;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  changed_by: string | null;
  ended_by: string | null;
}

export interface EffortStatusChangeTable {
  id: Generated<string>;
  effort_id: string;
  previous_status: string | null;
  status: string;
  effective_on: CalendarDate;
  reason: string;
  changed_at: CreatedAt;
  changed_by: string | null;
}

export interface EffortGoalTable {
  id: Generated<string>;
  effort_id: string;
  title: string;
  description: string | null;
  position: Generated<number>;
  created_at: CreatedAt;
  /** Assumed fields and why: field name → reason (see the assumptions migration). */
  assumptions: Assumptions;
}

export interface EffortIndicatorTable {
  id: Generated<string>;
  goal_id: string;
  effort_id: string;
  name: string;
  unit: string;
  baseline: Numeric;
  target: Numeric;
  direction: string;
  period_start: CalendarDate;
  period_end: CalendarDate;
  counts_participants: boolean;
  created_at: CreatedAt;
}

export interface IndicatorMeasurementTable {
  id: Generated<string>;
  indicator_id: string;
  measured_on: CalendarDate;
  value: Numeric;
  note: string | null;
  entered_at: UpdatedAt;
  entered_by: string | null;
}

export interface EffortBudgetLineTable {
  effort_id: string;
  year: number;
  kind: string;
  budget: Numeric;
  actual: Numeric | null;
  is_demo: Generated<boolean>;
}

export interface EffortStaffHoursTable {
  effort_id: string;
  year: number;
  function_id: string;
  hours: Numeric;
  is_demo: Generated<boolean>;
}

export interface ActionPlanTable {
  id: Generated<string>;
  municipality_id: string;
  year: number;
  approving_forum_id: string | null;
  approval_rule: Generated<string>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ActionPlanVersionTable {
  id: Generated<string>;
  plan_id: string;
  number: number;
  status: string;
  sections: Json;
  /** What the version says, frozen when it was submitted (null while a draft). */
  content: Json | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  approved_at: Timestamp | null;
  published_at: Timestamp | null;
  published_by: string | null;
  revision_reminded_at: Timestamp | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: UpdatedAt;
}

export interface ActionPlanDecisionTable {
  id: Generated<string>;
  version_id: string;
  user_id: string;
  function_title: string | null;
  decision: string;
  comment: string | null;
  decided_at: CreatedAt;
}

/** An organisation-model scenario: a draft document (contracts/scenarios.ts), its sharing and assessment. */
export interface ScenarioTable {
  id: Generated<string>;
  municipality_id: string;
  title: string;
  description: string;
  as_of: CalendarDate;
  /** 'today' or a template's key. */
  origin: string;
  author_id: string;
  sharing: string;
  status: Generated<string>;
  /** The day an adopted scenario took effect on the live map (set with status 'adopted'). */
  adopted_from: CalendarDate | null;
  revision: Generated<number>;
  document: Json;
  assessment: Json;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

/** A forum's meeting, owned as its forum is: by a municipality or by the police district. */
export interface MeetingTable {
  id: Generated<string>;
  municipality_id: string | null;
  police_district_id: string | null;
  forum_id: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  place: string;
  online_link: string | null;
  revision: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface MeetingInvitationTable {
  meeting_id: string;
  user_id: string;
  function_id: string;
  function_title: string;
  role: string;
}

export interface MeetingAgendaItemTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  kind: string;
  confidentiality: string;
  title: string;
  background: string;
  presenter: string;
  case_ref: string | null;
}

/** One version of a meeting's minutes; `content` is contracts/meetings.ts `ZMinutesContent`. */
export interface MeetingMinutesTable {
  id: Generated<string>;
  meeting_id: string;
  version: number;
  status: Generated<string>;
  content: Json;
  revision: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  locked_at: Timestamp | null;
}

export interface MeetingMinutesApprovalTable {
  minutes_id: string;
  user_id: string;
  approved_at: CreatedAt;
}

/** An action item of approved minutes, followed up on the board. */
export interface ActionItemTable {
  id: string;
  municipality_id: string | null;
  police_district_id: string | null;
  meeting_id: string;
  forum_id: string;
  agenda_item_id: string;
  confidential: boolean;
  what: string;
  owner_function_id: string | null;
  owner_user_id: string | null;
  due_on: CalendarDate | null;
  level: string;
  status: Generated<string>;
  revision: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface OutboxTable {
  id: Generated<string>;
  municipality_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  error: string | null;
}

export interface JobTable {
  name: string;
  next_run_at: Timestamp;
  locked_until: Timestamp | null;
  last_run_at: Timestamp | null;
  last_error: string | null;
}

export interface Database {
  police_districts: PoliceDistrictTable;
  municipalities: MunicipalityTable;
  users: UserTable;
  memberships: MembershipTable;
  second_factor_policies: SecondFactorPolicyTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_payloads: AuditPayloadTable;
  audit_entries: AuditEntryView;
  jobs: JobTable;
  organisations: OrganisationTable;
  functions: FunctionTable;
  pools: PoolTable;
  forums: ForumTable;
  forum_members: ForumMemberTable;
  function_holders: FunctionHolderTable;
  data_versions: DataVersionTable;
  legal_bases: LegalBasisTable;
  read_purposes: ReadPurposeTable;
  efforts: EffortTable;
  effort_status_changes: EffortStatusChangeTable;
  effort_versions: EffortVersionTable;
  effort_goals: EffortGoalTable;
  effort_indicators: EffortIndicatorTable;
  indicator_measurements: IndicatorMeasurementTable;
  effort_budget_lines: EffortBudgetLineTable;
  effort_staff_hours: EffortStaffHoursTable;
  action_plans: ActionPlanTable;
  action_plan_versions: ActionPlanVersionTable;
  action_plan_decisions: ActionPlanDecisionTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  scenarios: ScenarioTable;
  meetings: MeetingTable;
  meeting_invitations: MeetingInvitationTable;
  meeting_agenda_items: MeetingAgendaItemTable;
  meeting_minutes: MeetingMinutesTable;
  meeting_minutes_approvals: MeetingMinutesApprovalTable;
  action_items: ActionItemTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEntryRow = Selectable<AuditEntryView>;
