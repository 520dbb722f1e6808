import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The local action plan: one plan per municipality and year, in numbered versions. A draft
// shows live data; submitting freezes what the plan says (`content`), which the approving
// forum's members approve and which is then published. Every approved version is kept.
// The outbox holds every e-mail the platform sends; without SMTP it is where they stay.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE action_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      approving_forum_id uuid,
      approval_rule text NOT NULL DEFAULT 'all' CHECK (approval_rule IN ('all', 'majority')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      UNIQUE (municipality_id, year)
    );

    CREATE TABLE action_plan_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES action_plans(id),
      number integer NOT NULL CHECK (number > 0),
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'published')),
      sections jsonb NOT NULL,
      content jsonb,
      submitted_at timestamptz,
      submitted_by uuid REFERENCES users(id),
      approved_at timestamptz,
      published_at timestamptz,
      published_by uuid REFERENCES users(id),
      revision_reminded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (plan_id, number),
      CHECK (status = 'draft' OR content IS NOT NULL)
    );

    CREATE TABLE action_plan_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version_id uuid NOT NULL REFERENCES action_plan_versions(id),
      user_id uuid NOT NULL REFERENCES users(id),
      function_title text,
      decision text NOT NULL CHECK (decision IN ('approve', 'comment')),
      comment text,
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX action_plan_decisions_version ON action_plan_decisions (version_id, decided_at);

    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid REFERENCES municipalities(id),
      to_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      error text
    );
    CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
    CREATE INDEX outbox_municipality ON outbox (municipality_id, created_at);
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('The action plan migration cannot be reverted; restore a backup instead.');
}
