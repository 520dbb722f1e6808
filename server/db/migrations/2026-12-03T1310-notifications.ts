import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// What the app tells a user (a plan awaits their approval, a plan is due for revision), kept
// until they have read it. Created in the transaction of the change that causes it, beside the
// e-mail in the outbox, so a user is told even where no e-mail is sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      municipality_id uuid NOT NULL REFERENCES municipalities(id),
      kind text NOT NULL CHECK (kind IN ('plan_submitted', 'plan_revision_due')),
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_user ON notifications (user_id, municipality_id, created_at DESC);
    CREATE INDEX notifications_unread ON notifications (user_id, municipality_id) WHERE read_at IS NULL;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
