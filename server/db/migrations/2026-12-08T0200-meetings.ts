import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Forums that meet (issue #13): meetings, their invitations and agenda, minutes in versions with
// each participant's approval, and the action items the approved minutes give.
//
// A meeting belongs to whoever owns its forum (by the forum's entity id, as efforts point at the
// map): a municipality, or the police district for the district's forums (Kredsråd, Chefforum),
// whose meetings every municipality of the district reads. The walls are the map's: the row's
// municipality or police district is in the scope; child rows follow their meeting.
// Action items copy the meeting's owner, forum and confidentiality so that the follow-up board
// reads one table.
const unscoped = `(SELECT trekant_scope_unscoped())`;
const owned = `municipality_id = ANY ((SELECT trekant_scope_municipalities())::uuid[]) OR police_district_id = ANY ((SELECT trekant_scope_police_districts())::uuid[])`;
const wall = (table: string, condition: string) => `
  ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
  CREATE POLICY tenant_scope ON ${table} TO trekant_app USING (${unscoped} OR ${condition}) WITH CHECK (${unscoped} OR ${condition});
`;
const owner = `
  municipality_id uuid REFERENCES municipalities(id),
  police_district_id uuid REFERENCES police_districts(id),
  CHECK ((municipality_id IS NULL) <> (police_district_id IS NULL))
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${owner},
      forum_id uuid NOT NULL,
      title text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz CHECK (ends_at > starts_at),
      place text NOT NULL DEFAULT '',
      online_link text,
      -- Raised by every change of the meeting or its agenda: two secretaries do not overwrite each other.
      revision integer NOT NULL DEFAULT 1,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );
    CREATE INDEX meetings_forum ON meetings (forum_id, starts_at);
    CREATE INDEX meetings_municipality ON meetings (municipality_id, starts_at);
    CREATE INDEX meetings_police_district ON meetings (police_district_id, starts_at);

    -- Who was invited: the users holding, when the meeting was planned, a function that sits in the
    -- forum. The function's title is kept as it was: a district forum seats other municipalities'
    -- functions, which their neighbours cannot read on the map.
    CREATE TABLE meeting_invitations (
      meeting_id uuid NOT NULL REFERENCES meetings(id),
      user_id uuid NOT NULL REFERENCES users(id),
      function_id uuid NOT NULL,
      function_title text NOT NULL,
      role text NOT NULL CHECK (role IN ('chair', 'secretary', 'member', 'observer')),
      PRIMARY KEY (meeting_id, user_id, function_id)
    );

    CREATE TABLE meeting_agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id),
      position integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('information', 'discussion', 'decision')),
      confidentiality text NOT NULL CHECK (confidentiality IN ('open', 'closed', 'case')),
      -- A case item holds only its case's pseudonym: its content lives in the case (issue #13 item 9).
      title text NOT NULL,
      background text NOT NULL DEFAULT '',
      presenter text NOT NULL DEFAULT '',
      case_ref text CHECK ((confidentiality = 'case') = (case_ref IS NOT NULL)),
      UNIQUE (meeting_id, position)
    );

    -- Minutes in versions: a correction of approved minutes is the next version; approved ones never change.
    CREATE TABLE meeting_minutes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id),
      version integer NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'circulated', 'approved')),
      content jsonb NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      locked_at timestamptz CHECK ((status = 'approved') = (locked_at IS NOT NULL)),
      UNIQUE (meeting_id, version)
    );

    CREATE TABLE meeting_minutes_approvals (
      minutes_id uuid NOT NULL REFERENCES meeting_minutes(id),
      user_id uuid NOT NULL REFERENCES users(id),
      approved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (minutes_id, user_id)
    );

    -- The action items of the newest approved minutes (ids kept across versions); status is followed up here.
    CREATE TABLE action_items (
      id uuid PRIMARY KEY,
      ${owner},
      meeting_id uuid NOT NULL REFERENCES meetings(id),
      forum_id uuid NOT NULL,
      agenda_item_id uuid NOT NULL REFERENCES meeting_agenda_items(id),
      confidential boolean NOT NULL,
      what text NOT NULL,
      owner_function_id uuid,
      owner_user_id uuid REFERENCES users(id),
      due_on date,
      level text NOT NULL CHECK (level IN ('strategic', 'coordinating', 'executing')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
      revision integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      CHECK ((owner_function_id IS NULL) <> (owner_user_id IS NULL))
    );
    CREATE INDEX action_items_open_municipality ON action_items (municipality_id, due_on) WHERE status IN ('open', 'in_progress');
    CREATE INDEX action_items_open_district ON action_items (police_district_id, due_on) WHERE status IN ('open', 'in_progress');
    CREATE INDEX action_items_meeting ON action_items (meeting_id);

    ${wall('meetings', owned)}
    ${wall('action_items', owned)}
    ${wall('meeting_invitations', 'meeting_id IN (SELECT id FROM meetings)')}
    ${wall('meeting_agenda_items', 'meeting_id IN (SELECT id FROM meetings)')}
    ${wall('meeting_minutes', 'meeting_id IN (SELECT id FROM meetings)')}
    ${wall('meeting_minutes_approvals', 'minutes_id IN (SELECT id FROM meeting_minutes)')}
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
