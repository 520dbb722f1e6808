import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The platform's tables: tenants, identity, sessions, throttling, tokens, audit and jobs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE police_districts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE
    );
    CREATE TABLE municipalities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code integer NOT NULL UNIQUE CHECK (code BETWEEN 100 AND 999),
      name text NOT NULL,
      police_district_id uuid REFERENCES police_districts(id),
      is_reference boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text NOT NULL,
      password_hash text NOT NULL,
      locale text NOT NULL DEFAULT 'da' CHECK (locale IN ('da', 'en')),
      totp_secret text,
      totp_pending_secret text,
      totp_enabled_at timestamptz,
      disabled_at timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE memberships (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      role text NOT NULL CHECK (role IN ('administrator', 'leader', 'consultant', 'street_worker', 'partner', 'analyst', 'steering_member')),
      PRIMARY KEY (user_id, municipality_id, role)
    );
    CREATE INDEX memberships_municipality ON memberships (municipality_id);
    CREATE TABLE second_factor_policies (
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      role text NOT NULL,
      PRIMARY KEY (municipality_id, role)
    );
    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      stage text NOT NULL CHECK (stage IN ('full', 'second_factor', 'enrolment_required')),
      csrf_token text NOT NULL,
      municipality_id uuid REFERENCES municipalities(id),
      user_agent text,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE TABLE login_failures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX login_failures_key_at ON login_failures (key, at);
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id uuid,
      actor_name text,
      municipality_id uuid,
      action text NOT NULL,
      entity_type text,
      entity_id text,
      subject_id uuid,
      purpose text,
      before jsonb,
      after jsonb,
      request_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_municipality_at ON audit_log (municipality_id, at);
    CREATE INDEX audit_log_subject ON audit_log (subject_id) WHERE subject_id IS NOT NULL;
    CREATE INDEX audit_log_actor ON audit_log (actor_user_id);
    -- The audit log is append-only: the database refuses changes and deletions.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TABLE jobs (
      name text PRIMARY KEY,
      next_run_at timestamptz NOT NULL,
      locked_until timestamptz,
      last_run_at timestamptz,
      last_error text
    );
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('The platform migration cannot be reverted; restore a backup instead.');
}
