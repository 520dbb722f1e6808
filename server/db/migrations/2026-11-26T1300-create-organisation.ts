import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The organisation map: organisations, functions, pools, forums and their members. Every table
// is versioned in valid time: a change closes the current version (valid_to) and adds a new one,
// so the map can be shown as of any date. `id` is the entity; `version_id` the row.
const versioned = (table: string, columns: string) => `
    CREATE TABLE ${table} (
      version_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      id uuid NOT NULL,
      ${columns},
      valid_from timestamptz NOT NULL,
      valid_to timestamptz,
      changed_by uuid REFERENCES users(id),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE UNIQUE INDEX ${table}_current ON ${table} (id) WHERE valid_to IS NULL;
    CREATE INDEX ${table}_valid ON ${table} (id, valid_from);`;

const owner = `municipality_id uuid REFERENCES municipalities(id),
      police_district_id uuid REFERENCES police_districts(id),
      CHECK ((municipality_id IS NULL) <> (police_district_id IS NULL))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE municipalities ADD COLUMN inhabitants integer CHECK (inhabitants > 0);
    ALTER TABLE municipalities ADD COLUMN placement text;
    ALTER TABLE municipalities ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
    ${versioned(
      'organisations',
      `${owner},
      kind text NOT NULL CHECK (kind IN ('centre', 'unit', 'external')),
      short_name text,
      name text NOT NULL,
      parent_id uuid,
      in_scope boolean NOT NULL DEFAULT false,
      description text`,
    )}
    CREATE INDEX organisations_owner ON organisations (municipality_id, police_district_id) WHERE valid_to IS NULL;
    ${versioned(
      'functions',
      `${owner},
      organisation_id uuid NOT NULL,
      title text NOT NULL,
      headcount integer NOT NULL DEFAULT 1 CHECK (headcount > 0),
      hours_min numeric(4,1),
      hours_max numeric(4,1),
      fte numeric(6,2),
      in_scope boolean NOT NULL DEFAULT false,
      funding text NOT NULL DEFAULT 'salary' CHECK (funding IN ('salary', 'pool')),
      triangle_level text CHECK (triangle_level IN ('general', 'targeted', 'individual')),
      holder_user_id uuid REFERENCES users(id)`,
    )}
    CREATE INDEX functions_owner ON functions (municipality_id, police_district_id) WHERE valid_to IS NULL;
    CREATE INDEX functions_holder ON functions (holder_user_id) WHERE valid_to IS NULL AND holder_user_id IS NOT NULL;
    ${versioned(
      'pools',
      `${owner},
      organisation_id uuid NOT NULL,
      name text NOT NULL,
      in_scope boolean NOT NULL DEFAULT false,
      description text`,
    )}
    ${versioned(
      'forums',
      `${owner},
      name text NOT NULL,
      short_name text,
      level text NOT NULL CHECK (level IN ('strategic', 'coordinating', 'executing')),
      purpose text,
      mandate text,
      legal_basis text[] NOT NULL DEFAULT '{}',
      cadence text CHECK (cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'as_needed')),
      reports_to_id uuid`,
    )}
    CREATE INDEX forums_owner ON forums (municipality_id, police_district_id) WHERE valid_to IS NULL;
    ${versioned(
      'forum_members',
      `forum_id uuid NOT NULL,
      function_id uuid NOT NULL,
      role text NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'secretary', 'member', 'observer'))`,
    )}
    CREATE UNIQUE INDEX forum_members_once ON forum_members (forum_id, function_id) WHERE valid_to IS NULL;
    CREATE INDEX forum_members_function ON forum_members (function_id) WHERE valid_to IS NULL;
  `,
  );
}

export async function down(): Promise<void> {
  throw new Error('The organisation migration cannot be reverted; restore a backup instead.');
}
