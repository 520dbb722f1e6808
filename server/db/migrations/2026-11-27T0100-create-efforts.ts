import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Efforts on the prevention triangle with their status history, goals, indicators,
// measurements, budget lines and staff hours, plus the maintained list of legal bases.
// Efforts belong to one municipality. Their history lives in effort_status_changes and the
// audit log, not in valid-time versions: what the plan needs is status over time.
// References into the organisation map (owner unit, function, partners, forums) hold the
// map's entity ids, which stay stable across versions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE legal_bases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      law text NOT NULL,
      section text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX legal_bases_once ON legal_bases (law, coalesce(section, ''));

    CREATE TABLE efforts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      title text NOT NULL,
      description text,
      triangle_level text NOT NULL CHECK (triangle_level IN ('general', 'targeted', 'individual')),
      in_scope boolean NOT NULL DEFAULT true,
      owner_organisation_id uuid NOT NULL,
      responsible_function_id uuid,
      partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
      forum_ids uuid[] NOT NULL DEFAULT '{}',
      age_min integer NOT NULL CHECK (age_min BETWEEN 0 AND 30),
      age_max integer NOT NULL CHECK (age_max BETWEEN 0 AND 30),
      risk_profile text NOT NULL CHECK (risk_profile IN ('all', 'early_concern', 'first_offence', 'repeat_offending')),
      derived_groups text[] NOT NULL DEFAULT '{}',
      districts text[] NOT NULL DEFAULT '{}',
      legal_basis_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'ended')),
      period_start date NOT NULL,
      period_end date,
      evidence_rating text NOT NULL CHECK (evidence_rating IN ('documented', 'promising', 'theory_based', 'unknown')),
      evidence_documentation text,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('danish', title), 'A') ||
        setweight(to_tsvector('danish', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('danish', coalesce(evidence_documentation, '')), 'C')
      ) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      CHECK (age_min <= age_max),
      CHECK (period_end IS NULL OR period_end >= period_start)
    );
    CREATE INDEX efforts_municipality ON efforts (municipality_id, triangle_level, status);
    CREATE INDEX efforts_owner ON efforts (municipality_id, owner_organisation_id);
    CREATE INDEX efforts_search ON efforts USING gin (search);

    CREATE TABLE effort_status_changes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      effort_id uuid NOT NULL REFERENCES efforts(id),
      previous_status text,
      status text NOT NULL,
      effective_on date NOT NULL,
      reason text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by uuid REFERENCES users(id)
    );
    CREATE INDEX effort_status_changes_effort ON effort_status_changes (effort_id, changed_at);

    CREATE TABLE effort_goals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      effort_id uuid NOT NULL REFERENCES efforts(id),
      title text NOT NULL,
      description text,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX effort_goals_effort ON effort_goals (effort_id);

    CREATE TABLE effort_indicators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES effort_goals(id),
      effort_id uuid NOT NULL REFERENCES efforts(id),
      name text NOT NULL,
      unit text NOT NULL,
      baseline numeric(14,2) NOT NULL,
      target numeric(14,2) NOT NULL,
      direction text NOT NULL CHECK (direction IN ('increase', 'decrease')),
      period_start date NOT NULL,
      period_end date NOT NULL,
      counts_participants boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end >= period_start)
    );
    CREATE INDEX effort_indicators_goal ON effort_indicators (goal_id);
    CREATE INDEX effort_indicators_effort ON effort_indicators (effort_id);

    CREATE TABLE indicator_measurements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      indicator_id uuid NOT NULL REFERENCES effort_indicators(id),
      measured_on date NOT NULL,
      value numeric(14,2) NOT NULL,
      note text,
      entered_at timestamptz NOT NULL DEFAULT now(),
      entered_by uuid REFERENCES users(id)
    );
    -- One value per indicator and day: entering it again corrects it (and keeps imports idempotent).
    CREATE UNIQUE INDEX indicator_measurements_once ON indicator_measurements (indicator_id, measured_on);

    CREATE TABLE effort_budget_lines (
      effort_id uuid NOT NULL REFERENCES efforts(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      kind text NOT NULL CHECK (kind IN ('salary', 'activities', 'pool')),
      budget numeric(14,2) NOT NULL CHECK (budget >= 0),
      actual numeric(14,2) CHECK (actual >= 0),
      is_demo boolean NOT NULL DEFAULT false,
      PRIMARY KEY (effort_id, year, kind)
    );
    CREATE INDEX effort_budget_lines_year ON effort_budget_lines (year, effort_id);

    CREATE TABLE effort_staff_hours (
      effort_id uuid NOT NULL REFERENCES efforts(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      function_id uuid NOT NULL,
      hours numeric(10,1) NOT NULL CHECK (hours >= 0),
      is_demo boolean NOT NULL DEFAULT false,
      PRIMARY KEY (effort_id, year, function_id)
    );
    CREATE INDEX effort_staff_hours_year ON effort_staff_hours (year, effort_id);
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('The efforts migration cannot be reverted; restore a backup instead.');
}
