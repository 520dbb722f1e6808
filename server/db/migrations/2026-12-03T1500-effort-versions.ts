import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';

// Efforts in valid time, like the organisation map: what an effort is on the triangle (level,
// owner unit, responsible function, target group, districts, status) is kept in versions valid
// from `valid_from` until `valid_to` (the current one: valid_to IS NULL). The efforts row keeps
// the current values too, written in the same transaction as the version, so every read of the
// present (lists, the plan, search, imports) is unchanged; reads "as of" an instant take these
// columns from the version valid then. effort_status_changes stays: it holds what versions do
// not (reason, the effective day as entered) and is the status history the effort and the plan
// show.
//
// Existing efforts get versions from their status history: the first from the start of their
// period (or their creation, if earlier), then one from each later day a status changed; the
// other columns are only known as they are now, so every version carries today's values, and
// the current version carries the row's status.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE effort_versions (
      version_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      effort_id uuid NOT NULL REFERENCES efforts(id),
      triangle_level text NOT NULL CHECK (triangle_level IN ('general', 'targeted', 'individual')),
      owner_organisation_id uuid NOT NULL,
      responsible_function_id uuid,
      age_min integer NOT NULL CHECK (age_min BETWEEN 0 AND 30),
      age_max integer NOT NULL CHECK (age_max BETWEEN 0 AND 30),
      risk_profile text NOT NULL CHECK (risk_profile IN ('all', 'early_concern', 'first_offence', 'repeat_offending')),
      derived_groups text[] NOT NULL DEFAULT '{}',
      districts text[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'ended')),
      valid_from timestamptz NOT NULL,
      valid_to timestamptz,
      changed_by uuid REFERENCES users(id),
      ended_by uuid REFERENCES users(id),
      CHECK (age_min <= age_max),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE UNIQUE INDEX effort_versions_current ON effort_versions (effort_id) WHERE valid_to IS NULL;
    CREATE INDEX effort_versions_effort ON effort_versions (effort_id, valid_from);
  `,
  );
  // The table is created by the migrating role: the default privileges of the audit-chains
  // migration already grant the app role (trekant_app) what it needs on it.

  const efforts = await db
    .selectFrom('efforts')
    .select(['id', 'triangle_level', 'owner_organisation_id', 'responsible_function_id', 'age_min', 'age_max', 'risk_profile', 'derived_groups', 'districts', 'status', 'period_start', 'created_at', 'created_by'])
    .orderBy('id')
    .execute();
  const changes = await db.selectFrom('effort_status_changes').select(['effort_id', 'status', 'effective_on', 'changed_by']).orderBy('effort_id').orderBy('effective_on').orderBy('changed_at').orderBy('id').execute();
  const changesOf = new Map<string, typeof changes>();
  for (const c of changes) changesOf.set(c.effort_id, [...(changesOf.get(c.effort_id) ?? []), c]);

  const now = new Date();
  const versions: Record<string, unknown>[] = [];
  for (const e of efforts) {
    const periodStart = startOfDanishDay(String(e.period_start));
    const createdAt = new Date(e.created_at);
    const start = new Date(Math.min(createdAt.getTime(), periodStart.getTime(), now.getTime()));
    const history = changesOf.get(e.id) ?? [];
    // One period per day a status changed (the day's last change wins), never in the future.
    const periods: { from: Date; status: string; by: string | null }[] = [{ from: start, status: history[0]?.status ?? e.status, by: e.created_by }];
    for (const c of history.slice(1)) {
      const from = new Date(Math.min(startOfDanishDay(String(c.effective_on)).getTime(), now.getTime()));
      const last = periods[periods.length - 1];
      if (from.getTime() <= last.from.getTime()) last.status = c.status;
      else periods.push({ from, status: c.status, by: c.changed_by });
    }
    periods[periods.length - 1].status = e.status;
    periods.forEach((p, i) => {
      const next = periods[i + 1];
      versions.push({
        effort_id: e.id,
        triangle_level: e.triangle_level,
        owner_organisation_id: e.owner_organisation_id,
        responsible_function_id: e.responsible_function_id,
        age_min: e.age_min,
        age_max: e.age_max,
        risk_profile: e.risk_profile,
        derived_groups: e.derived_groups,
        districts: e.districts,
        status: p.status,
        valid_from: p.from,
        valid_to: next ? next.from : null,
        changed_by: p.by,
        ended_by: next ? next.by : null,
      });
    });
  }
  for (let i = 0; i < versions.length; i += 500) await db.insertInto('effort_versions').values(versions.slice(i, i + 500)).execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
