import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// An effort's age band reaches 99: the target group is 6–25, but Exit programmes and
// coordinated release from prison serve adults. The default band stays 6–25 (contracts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    ALTER TABLE efforts DROP CONSTRAINT efforts_age_min_check, DROP CONSTRAINT efforts_age_max_check,
      ADD CONSTRAINT efforts_age_min_check CHECK (age_min BETWEEN 0 AND 99),
      ADD CONSTRAINT efforts_age_max_check CHECK (age_max BETWEEN 0 AND 99);
    ALTER TABLE effort_versions DROP CONSTRAINT effort_versions_age_min_check, DROP CONSTRAINT effort_versions_age_max_check,
      ADD CONSTRAINT effort_versions_age_min_check CHECK (age_min BETWEEN 0 AND 99),
      ADD CONSTRAINT effort_versions_age_max_check CHECK (age_max BETWEEN 0 AND 99);
    `,
  );
}
