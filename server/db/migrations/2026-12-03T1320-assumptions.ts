import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Reference data the memo does not state is marked as assumed, per field, with the reason:
// `assumptions` maps a field name ('name', 'legal_basis', 'title' …) to why it is assumed. The
// reference seed wrote such reasons as prose into descriptions; they move here, so the screen
// shows a marker rather than a note posing as a fact.
const MOVED_ORGANISATION_NOTES = ['Navnet er antaget; ret det til centrets eget navn.', 'Centrets fulde navn står ikke i notatet.'];
const MOVED_GOAL_NOTE = 'Eksempel på mål: notatet fastsætter ingen mål. Ret det til kommunens egne.';
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE organisations ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE forums ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE effort_goals ADD COLUMN assumptions jsonb NOT NULL DEFAULT '{}'::jsonb;
    UPDATE organisations SET assumptions = jsonb_build_object('name', description), description = NULL
      WHERE description IN (${MOVED_ORGANISATION_NOTES.map(quoted).join(', ')});
    UPDATE effort_goals SET assumptions = jsonb_build_object('title', description), description = NULL
      WHERE description = ${quoted(MOVED_GOAL_NOTE)};
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
