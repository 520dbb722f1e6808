import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality } from './factories.ts';
import { type GeneratedEfforts, SYNTHETIC_DISTRICTS, generateEfforts } from './synthetic-efforts.ts';
import type { OpenDatabase } from '../server/platform/db/database.ts';
import { openTestDatabase } from '../test/support/test-database.ts';

let database: OpenDatabase;
let municipalityId: string;
let generated: GeneratedEfforts;
const OPTIONS = { efforts: 50, years: 2, measurements: 1000, seed: 11, lastYear: 2026, map: { functions: 60, forums: 10, membersPerForum: 4 } };

beforeAll(async () => {
  database = await openTestDatabase();
  municipalityId = await createMunicipality(database.db, { code: 901, name: 'Syntetisk indsatskommune' });
  // Settings that must survive the districts being written.
  await database.db.updateTable('municipalities').set({ settings: JSON.stringify({ forumLevelLabels: { strategic: 'S', coordinating: 'K', executing: 'U' }, districts: ['Åbyen'] }) }).where('id', '=', municipalityId).execute();
  generated = await generateEfforts(database.db, { municipalityId, ...OPTIONS });
});
afterAll(() => database?.close());

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(database.db)).rows[0].n;

describe('synthetic efforts', () => {
  it('writes the requested numbers of efforts and measurements, and what it reports', async () => {
    const db = database.db;
    expect(generated.years).toEqual([2025, 2026]);
    expect(generated.counts.efforts).toBe(50);
    expect(generated.counts.measurements).toBe(1000);
    expect(await count(sql`SELECT count(*)::int AS n FROM efforts WHERE municipality_id = ${municipalityId}`)).toBe(50);
    const mine = (table: string) => sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} t JOIN efforts e ON e.id = t.effort_id WHERE e.municipality_id = ${municipalityId}`;
    expect(await count(mine('effort_goals'))).toBe(generated.counts.goals);
    expect(await count(mine('effort_indicators'))).toBe(generated.counts.indicators);
    expect(await count(mine('effort_budget_lines'))).toBe(generated.counts.budgetLines);
    expect(await count(mine('effort_staff_hours'))).toBe(generated.counts.staffHours);
    expect(await count(mine('effort_status_changes'))).toBe(generated.counts.statusChanges);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM indicator_measurements m JOIN effort_indicators i ON i.id = m.indicator_id JOIN efforts e ON e.id = i.effort_id WHERE e.municipality_id = ${municipalityId}`),
    ).toBe(1000);
    // 2–4 goals per effort, 1–2 indicators per goal, one of them counting participants.
    const perEffort = await sql<{ goals: number; indicators: number; participants: number }>`
      SELECT (SELECT count(*)::int FROM effort_goals g WHERE g.effort_id = e.id) AS goals,
             (SELECT count(*)::int FROM effort_indicators i WHERE i.effort_id = e.id) AS indicators,
             (SELECT count(*)::int FROM effort_indicators i WHERE i.effort_id = e.id AND i.counts_participants) AS participants
      FROM efforts e WHERE e.municipality_id = ${municipalityId}`.execute(db);
    for (const row of perEffort.rows) {
      expect(row.goals).toBeGreaterThanOrEqual(2);
      expect(row.goals).toBeLessThanOrEqual(4);
      expect(row.indicators).toBeGreaterThanOrEqual(row.goals);
      expect(row.indicators).toBeLessThanOrEqual(row.goals * 2);
      expect(row.participants).toBe(1);
    }
  });

  it('spreads efforts over the triangle levels, statuses and age bands', async () => {
    const rows = await database.db.selectFrom('efforts').select(['triangle_level', 'status', 'age_min', 'age_max', 'period_start', 'period_end']).where('municipality_id', '=', municipalityId).execute();
    expect(new Set(rows.map((r) => r.triangle_level))).toEqual(new Set(['general', 'targeted', 'individual']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['planned', 'active', 'paused', 'ended']));
    for (const r of rows) {
      expect(r.age_min).toBeLessThanOrEqual(r.age_max);
      expect(r.age_min).toBeGreaterThanOrEqual(0);
      expect(r.age_max).toBeLessThanOrEqual(30);
      if (r.period_end !== null) expect(r.period_end >= r.period_start).toBe(true);
    }
  });

  it('gives every effort an owner, function, partners and forums of its own municipality', async () => {
    const foreignOwners = await count(sql`
      SELECT count(*)::int AS n FROM efforts e
      WHERE e.municipality_id = ${municipalityId} AND NOT EXISTS (
        SELECT 1 FROM organisations o WHERE o.id = e.owner_organisation_id AND o.municipality_id = e.municipality_id AND o.valid_to IS NULL)`);
    expect(foreignOwners).toBe(0);
    const foreignFunctions = await count(sql`
      SELECT count(*)::int AS n FROM efforts e
      WHERE e.municipality_id = ${municipalityId} AND e.responsible_function_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM functions f WHERE f.id = e.responsible_function_id AND f.municipality_id = e.municipality_id AND f.valid_to IS NULL)`);
    expect(foreignFunctions).toBe(0);
    const foreignPartners = await count(sql`
      SELECT count(*)::int AS n FROM efforts e, unnest(e.partner_organisation_ids) AS p(id)
      WHERE e.municipality_id = ${municipalityId} AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = p.id AND o.municipality_id = e.municipality_id)`);
    expect(foreignPartners).toBe(0);
    const foreignForums = await count(sql`
      SELECT count(*)::int AS n FROM efforts e, unnest(e.forum_ids) AS f(id)
      WHERE e.municipality_id = ${municipalityId} AND NOT EXISTS (SELECT 1 FROM forums o WHERE o.id = f.id AND o.municipality_id = e.municipality_id)`);
    expect(foreignForums).toBe(0);
    const foreignHours = await count(sql`
      SELECT count(*)::int AS n FROM effort_staff_hours h JOIN efforts e ON e.id = h.effort_id
      WHERE e.municipality_id = ${municipalityId} AND NOT EXISTS (SELECT 1 FROM functions f WHERE f.id = h.function_id AND f.municipality_id = e.municipality_id)`);
    expect(foreignHours).toBe(0);
  });

  it('measures each indicator at most once a day, within its period and not after the data’s today', async () => {
    const duplicates = await count(sql`
      SELECT count(*)::int AS n FROM (
        SELECT m.indicator_id, m.measured_on FROM indicator_measurements m
        JOIN effort_indicators i ON i.id = m.indicator_id JOIN efforts e ON e.id = i.effort_id
        WHERE e.municipality_id = ${municipalityId} GROUP BY 1, 2 HAVING count(*) > 1) d`);
    expect(duplicates).toBe(0);
    const outside = await count(sql`
      SELECT count(*)::int AS n FROM indicator_measurements m JOIN effort_indicators i ON i.id = m.indicator_id JOIN efforts e ON e.id = i.effort_id
      WHERE e.municipality_id = ${municipalityId} AND (m.measured_on < i.period_start OR m.measured_on > i.period_end OR m.measured_on > DATE '2026-07-01')`);
    expect(outside).toBe(0);
  });

  it('budgets every year an effort runs in, with actual spend except for planned efforts', async () => {
    // Each (effort, budget year it overlaps) has salary and activities; no line outside its period.
    const missing = await count(sql`
      SELECT count(*)::int AS n FROM efforts e CROSS JOIN generate_series(2025, 2026) AS y(year)
      WHERE e.municipality_id = ${municipalityId}
        AND extract(year FROM e.period_start) <= y.year AND (e.period_end IS NULL OR extract(year FROM e.period_end) >= y.year)
        AND (SELECT count(*) FROM effort_budget_lines b WHERE b.effort_id = e.id AND b.year = y.year AND b.kind IN ('salary', 'activities')) <> 2`);
    expect(missing).toBe(0);
    const stray = await count(sql`
      SELECT count(*)::int AS n FROM effort_budget_lines b JOIN efforts e ON e.id = b.effort_id
      WHERE e.municipality_id = ${municipalityId}
        AND (extract(year FROM e.period_start) > b.year OR extract(year FROM e.period_end) < b.year)`);
    expect(stray).toBe(0);
    const years = await sql<{ year: number; lines: number; hours: number }>`
      SELECT b.year, count(*)::int AS lines,
             (SELECT count(*)::int FROM effort_staff_hours h JOIN efforts e2 ON e2.id = h.effort_id WHERE e2.municipality_id = ${municipalityId} AND h.year = b.year) AS hours
      FROM effort_budget_lines b JOIN efforts e ON e.id = b.effort_id WHERE e.municipality_id = ${municipalityId} GROUP BY b.year ORDER BY b.year`.execute(database.db);
    expect(years.rows.map((r) => r.year)).toEqual([2025, 2026]);
    for (const r of years.rows) {
      expect(r.lines).toBeGreaterThan(0);
      expect(r.hours).toBeGreaterThan(0);
    }
    const plannedWithActual = await count(sql`
      SELECT count(*)::int AS n FROM effort_budget_lines b JOIN efforts e ON e.id = b.effort_id
      WHERE e.municipality_id = ${municipalityId} AND e.status = 'planned' AND b.actual IS NOT NULL`);
    expect(plannedWithActual).toBe(0);
    const pastWithoutActual = await count(sql`
      SELECT count(*)::int AS n FROM effort_budget_lines b JOIN efforts e ON e.id = b.effort_id
      WHERE e.municipality_id = ${municipalityId} AND e.status <> 'planned' AND b.actual IS NULL`);
    expect(pastWithoutActual).toBe(0);
  });

  it('writes the districts into the settings, keeping the others, and uses only those', async () => {
    const row = await database.db.selectFrom('municipalities').select('settings').where('id', '=', municipalityId).executeTakeFirstOrThrow();
    const settings = row.settings as { districts: string[]; forumLevelLabels: unknown };
    expect(settings.districts).toEqual(generated.districts);
    expect(new Set(settings.districts)).toEqual(new Set(['Åbyen', ...SYNTHETIC_DISTRICTS]));
    // Sorted the Danish way: Å last.
    expect(settings.districts.at(-1)).toBe('Åbyen');
    expect(settings.forumLevelLabels).toEqual({ strategic: 'S', coordinating: 'K', executing: 'U' });
    const used = await sql<{ district: string }>`SELECT DISTINCT unnest(districts) AS district FROM efforts WHERE municipality_id = ${municipalityId}`.execute(database.db);
    expect(used.rows.length).toBeGreaterThan(0);
    for (const { district } of used.rows) expect(SYNTHETIC_DISTRICTS).toContain(district);
  });

  it('gives full-text search Danish words to find', async () => {
    const first = await database.db.selectFrom('efforts').select('title').where('municipality_id', '=', municipalityId).orderBy('title').executeTakeFirstOrThrow();
    const word = first.title.split(' ')[0];
    const found = await count(sql`SELECT count(*)::int AS n FROM efforts WHERE municipality_id = ${municipalityId} AND search @@ plainto_tsquery('danish', ${word})`);
    expect(found).toBeGreaterThan(0);
  });

  it('generates the same data for the same seed, whatever else the legal bases list holds', async () => {
    const other = await createMunicipality(database.db, { code: 902, name: 'Syntetisk tvilling' });
    await database.db.insertInto('legal_bases').values({ law: 'Aalov', section: null }).execute();
    await generateEfforts(database.db, { municipalityId: other, ...OPTIONS });
    const shape = (id: string) =>
      sql<{ row: string }>`
        SELECT concat_ws('|', e.title, e.triangle_level, e.status, e.age_min, e.age_max, e.period_start, e.period_end,
          (SELECT string_agg(b.year || b.kind || b.budget || coalesce(b.actual::text, '-'), ',' ORDER BY b.year, b.kind) FROM effort_budget_lines b WHERE b.effort_id = e.id),
          (SELECT count(*) FROM indicator_measurements m JOIN effort_indicators i ON i.id = m.indicator_id WHERE i.effort_id = e.id)) AS row
        FROM efforts e WHERE e.municipality_id = ${id} ORDER BY 1`.execute(database.db);
    expect((await shape(other)).rows).toEqual((await shape(municipalityId)).rows);
  });
});
