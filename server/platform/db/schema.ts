import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Database types, written by hand beside the migrations in server/db/migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

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

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  municipality_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  subject_id: string | null;
  purpose: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
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
  jobs: JobTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;
