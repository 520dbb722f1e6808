import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabaseBefore } from '../../../test/support/test-database.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';
import { runInDataScope, tenantScope } from '../../platform/db/data-scope.ts';
import { APP_ROLE, type OpenDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import type { Database } from '../../platform/db/schema.ts';
import { EffortsService } from './efforts.service.ts';

const opened: OpenDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

/** An empty database migrated up to just before the effort versions. */
async function databaseBeforeVersions(): Promise<Kysely<Database>> {
  const database = await openDatabaseBefore('2026-12-03T1500-effort-versions');
  opened.push(database);
  return database.db;
}

describe('the migration to effort versions', { timeout: 180_000 }, () => {
  it('keeps every effort as it was and gives it versions from its status history, the last one current', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables as they were before this migration
    const db = (await databaseBeforeVersions()) as Kysely<any>;
    const municipality = (await db.insertInto('municipalities').values({ code: 901, name: 'Prøvekommune' }).returning('id').executeTakeFirstOrThrow()).id as string;
    const owner = randomUUID();
    const base = { municipality_id: municipality, owner_organisation_id: owner, age_min: 12, age_max: 17, risk_profile: 'early_concern', evidence_rating: 'unknown', districts: ['Vejleåparken'], derived_groups: ['parents'] };
    const created = new Date('2025-06-01T10:00:00Z');
    const [history, plain, sameDay] = [randomUUID(), randomUUID(), randomUUID()];
    await db
      .insertInto('efforts')
      .values([
        { ...base, id: history, title: 'Med historik', triangle_level: 'targeted', status: 'ended', period_start: '2024-01-01', period_end: '2025-03-31', created_at: created },
        { ...base, id: plain, title: 'Uden historik', triangle_level: 'general', status: 'planned', period_start: '2027-01-01', created_at: created },
        { ...base, id: sameDay, title: 'To skift samme dag', triangle_level: 'individual', status: 'paused', period_start: '2025-02-01', created_at: created },
      ])
      .execute();
    const change = (effort_id: string, status: string, effective_on: string, changed_at: string) => ({ effort_id, status, effective_on, reason: 'Prøve', changed_at: new Date(changed_at) });
    await db
      .insertInto('effort_status_changes')
      .values([
        change(history, 'active', '2024-01-01', '2025-06-01T10:00:00Z'),
        change(history, 'paused', '2024-07-01', '2025-06-01T10:01:00Z'),
        change(history, 'ended', '2025-03-31', '2025-06-01T10:02:00Z'),
        change(sameDay, 'active', '2025-02-01', '2025-06-01T10:00:00Z'),
        change(sameDay, 'paused', '2025-04-10', '2025-06-01T10:01:00Z'),
        change(sameDay, 'active', '2025-04-10', '2025-06-01T10:02:00Z'),
        change(sameDay, 'paused', '2025-05-01', '2025-06-01T10:03:00Z'),
      ])
      .execute();
    const effortsBefore = await db.selectFrom('efforts').selectAll().orderBy('id').execute();
    const changesBefore = await db.selectFrom('effort_status_changes').selectAll().orderBy('id').execute();

    await migrateToLatest(db);

    // Later migrations add columns (the assumptions, unmarked); every column there was keeps its value.
    expect(await db.selectFrom('efforts').selectAll().orderBy('id').execute()).toEqual(effortsBefore.map((e) => ({ ...e, assumptions: {} })));
    expect(await db.selectFrom('effort_status_changes').selectAll().orderBy('id').execute()).toEqual(changesBefore);
    const versionsOf = (id: string) =>
      db.selectFrom('effort_versions').select(['status', 'triangle_level', 'owner_organisation_id', 'districts', 'derived_groups', 'age_min', 'valid_from', 'valid_to']).where('effort_id', '=', id).orderBy('valid_from').execute();
    const day = (d: string) => startOfDanishDay(d);
    const same = { owner_organisation_id: owner, districts: ['Vejleåparken'], derived_groups: ['parents'], age_min: 12 };
    expect(await versionsOf(history)).toEqual([
      { ...same, triangle_level: 'targeted', status: 'active', valid_from: day('2024-01-01'), valid_to: day('2024-07-01') },
      { ...same, triangle_level: 'targeted', status: 'paused', valid_from: day('2024-07-01'), valid_to: day('2025-03-31') },
      { ...same, triangle_level: 'targeted', status: 'ended', valid_from: day('2025-03-31'), valid_to: null },
    ]);
    // Planned ahead: valid from its recording, not from a start still to come.
    expect(await versionsOf(plain)).toEqual([{ ...same, triangle_level: 'general', status: 'planned', valid_from: created, valid_to: null }]);
    // Two changes on one day: the day's last one holds from that day.
    expect((await versionsOf(sameDay)).map((v) => [v.status, v.valid_from])).toEqual([
      ['active', day('2025-02-01')],
      ['active', day('2025-04-10')],
      ['paused', day('2025-05-01')],
    ]);

    // The app role reads and writes the new table in the municipality's scope (row-level
    // security walls it with its efforts), and the service reads the past through it.
    await runInDataScope(tenantScope([municipality]), () =>
      db.transaction().execute(async (trx) => {
        expect(await sql<{ role: string }>`SELECT current_user AS role`.execute(trx)).toMatchObject({ rows: [{ role: APP_ROLE }] });
        expect(await trx.selectFrom('effort_versions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual({ n: 7 });
        await trx.updateTable('effort_versions').set({ ended_by: null }).where('effort_id', '=', plain).execute();
      }),
    );
    const actor: Actor = {
      userId: randomUUID(),
      name: 'Analytiker',
      email: 'a@901.test',
      locale: 'da',
      stage: 'full',
      sessionId: null,
      csrfToken: null,
      tokenId: null,
      tokenScopes: null,
      municipalityId: municipality,
      policeDistrictId: null,
      roles: ['analyst'],
      permissions: ['efforts.read'],
      municipalities: [],
    };
    const efforts = new EffortsService(db as Kysely<Database>);
    const asOf = async (date: string) => (await efforts.list(actor, { asOf: date, limit: 10, offset: 0 })).items.map((e) => [e.title, e.status]);
    expect(await asOf('2024-12-31')).toEqual([['Med historik', 'paused']]);
    expect(await asOf('2025-04-30')).toEqual([['Med historik', 'ended'], ['To skift samme dag', 'active']]);
  });
});
