import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createPoliceDistrict } from '../../../seeds/factories.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { asSchemaOwner, resolvingActor, runInDataScope, tenantScope, unscoped } from './data-scope.ts';
import type { OpenDatabase } from './database.ts';
import type { Database } from './schema.ts';
import { WALLED_TABLES, namesWalledTable } from './walled-tables.ts';

// The second wall (migration row-level-security): whatever a query forgets to filter, the app's
// role sees only the rows of the municipality and police district its scope names.

/**
 * Tables without row-level security, and why. Every other table must have it: a new table is
 * caught here until it has a policy or a reason.
 */
const NOT_WALLED: Record<string, string> = {
  schema_migrations: 'the migrator’s own record',
  schema_migrations_lock: 'the migrator’s own lock',
  police_districts: 'reference data: the police districts',
  municipalities: 'reference data: names, codes and districts of every municipality',
  users: 'accounts may hold roles in several municipalities; read to resolve who is asking (identity)',
  recovery_codes: 'a user’s own second-factor recovery codes, read at login (identity)',
  login_failures: 'throttling counters keyed by address, account and user, before any scope exists',
  audit_payloads: 'beside the audit log, one row per audit row, written with it by the audit writer',
  jobs: 'the schedule of the platform’s jobs',
  data_versions: 'version counters per municipality or district: numbers, no data',
  read_purposes: 'codes and labels, no personal data; the access-log writer checks the codes of reads of several municipalities in one batch',
  memberships: 'read to resolve who is asking, before any scope exists (identity)',
  second_factor_policies: 'read at login, before any scope exists (identity)',
  sessions: 'read to resolve who is asking, before any scope exists (identity)',
  api_tokens: 'read to resolve who is asking, before any scope exists (identity)',
  audit_log: 'its chains are read and appended by municipality by the audit writer; no personal data (payloads apart)',
  outbox: 'the mail sender drains every municipality’s queue',
};

let database: OpenDatabase & { url: string | null };
let db: Kysely<Database>;
let ishoj: string;
let other: string;
let otherDistrict: string;
const otherOrganisation = randomUUID();
const otherDistrictForum = randomUUID();

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  ishoj = (await db.selectFrom('municipalities').select('id').where('code', '=', 183).executeTakeFirstOrThrow()).id;
  otherDistrict = await createPoliceDistrict(db, 'Anden politikreds');
  other = await createMunicipality(db, { code: 995, name: 'Anden kommune', policeDistrictId: otherDistrict });
  const version = { valid_from: new Date('2020-01-01'), valid_to: null, changed_by: null };
  await db.insertInto('organisations').values({ ...version, id: otherOrganisation, municipality_id: other, police_district_id: null, kind: 'unit', name: 'Andens SSP', short_name: null, parent_id: null, in_scope: true, description: null }).execute();
  await db.insertInto('forums').values({ ...version, id: otherDistrictForum, municipality_id: null, police_district_id: otherDistrict, name: 'Andet kredsråd', short_name: null, level: 'strategic', purpose: null, mandate: null, legal_basis: [], cadence: null, reports_to_id: null }).execute();
  await db.insertInto('legal_bases').values({ municipality_id: other, law: 'Andens egen lov', section: null }).execute();
});

afterAll(async () => {
  await database?.close();
});

const inIshoj = <T>(work: () => Promise<T>) => runInDataScope(tenantScope([ishoj], []), work);

describe('row-level security', () => {
  it('shows a deliberately unscoped query in a municipality’s scope only that municipality’s rows, and its district’s', async () => {
    const organisations = await inIshoj(() => db.selectFrom('organisations').select(['id', 'municipality_id']).execute());
    expect(organisations.length).toBeGreaterThan(0);
    expect(organisations.every((o) => o.municipality_id === ishoj)).toBe(true);
    // The other district's forum and its members are not Ishøj's.
    const forums = await inIshoj(() => db.selectFrom('forums').select('id').execute());
    expect(forums.map((f) => f.id)).not.toContain(otherDistrictForum);
    expect(await runInDataScope(tenantScope([], [otherDistrict]), () => db.selectFrom('forums').select('id').execute())).toEqual([{ id: otherDistrictForum }]);
    // Children follow their parent: members of forums in scope only.
    const members = await inIshoj(() => db.selectFrom('forum_members').select('forum_id').distinct().execute());
    const ishojForums = new Set(forums.map((f) => f.id));
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m) => ishojForums.has(m.forum_id))).toBe(true);
    // The national legal bases are everyone's; another municipality's own are not.
    const bases = await inIshoj(() => db.selectFrom('legal_bases').select(['law', 'municipality_id']).execute());
    expect(bases.some((b) => b.municipality_id === null)).toBe(true);
    expect(bases.map((b) => b.law)).not.toContain('Andens egen lov');
  });

  it('answers a query outside any scope, as the app runs, with no tenant’s rows', async () => {
    // As the server opens the database: nothing outside a scope, and no owner to ask for.
    const testing = { ...database.scoping };
    Object.assign(database.scoping, { outsideScope: 'nothing', allowOwner: false });
    try {
      expect(await db.selectFrom('organisations').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('efforts').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('action_plan_versions').select('id').execute()).toEqual([]);
      // …while a scope, or work that says why it crosses municipalities, sees them.
      const scoped = await runInDataScope(tenantScope([other]), () => db.selectFrom('organisations').select('id').execute());
      expect(scoped).toEqual([{ id: otherOrganisation }]);
      const all = await unscoped('test: every municipality', () => db.selectFrom('organisations').select('municipality_id').distinct().execute());
      expect(all.map((o) => o.municipality_id)).toEqual(expect.arrayContaining([ishoj, other]));
      // The owner, whom the policies do not bind, cannot be asked for.
      await expect(asSchemaOwner('test', () => db.selectFrom('organisations').select('id').execute())).rejects.toThrow(/unsafe/);
    } finally {
      Object.assign(database.scoping, testing);
    }
  });

  it('refuses to write a row into a municipality outside the scope, and leaves it unchanged', async () => {
    const write = () => db.updateTable('organisations').set({ name: 'Overtaget' }).where('id', '=', otherOrganisation).execute();
    const updated = await inIshoj(write);
    expect(updated[0].numUpdatedRows).toBe(0n);
    const insert = () =>
      db.insertInto('organisations').values({ id: randomUUID(), valid_from: new Date(), valid_to: null, changed_by: null, municipality_id: other, police_district_id: null, kind: 'unit', name: 'Plantet', short_name: null, parent_id: null, in_scope: true, description: null }).execute();
    await expect(inIshoj(insert)).rejects.toThrow(/row-level security/);
    const row = await db.selectFrom('organisations').select('name').where('id', '=', otherOrganisation).executeTakeFirstOrThrow();
    expect(row.name).toBe('Andens SSP');
  });

  it('keeps the scope right after a rolled-back transaction undid the connection’s settings', async () => {
    const failing = runInDataScope(tenantScope([other]), () =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('organisations').select('id').execute();
        throw new Error('rolled back on purpose');
      }),
    );
    await expect(failing).rejects.toThrow('rolled back on purpose');
    const after = await runInDataScope(tenantScope([other]), () => db.selectFrom('organisations').select('id').execute());
    expect(after).toEqual([{ id: otherOrganisation }]);
    const ishojAfter = await inIshoj(() => db.selectFrom('organisations').select('municipality_id').distinct().execute());
    expect(ishojAfter).toEqual([{ municipality_id: ishoj }]);
  });

  it('walls every table but the ones listed with a reason', async () => {
    const tables = await sql<{ tablename: string; rowsecurity: boolean }>`SELECT tablename, rowsecurity FROM pg_tables WHERE schemaname = current_schema()`.execute(db);
    const unwalled = tables.rows.filter((t) => !t.rowsecurity).map((t) => t.tablename);
    expect(unwalled.sort()).toEqual(Object.keys(NOT_WALLED).sort());
    // The scoped driver's list (walled-tables.ts) names exactly the walled ones.
    expect(tables.rows.filter((t) => t.rowsecurity).map((t) => t.tablename).sort()).toEqual([...WALLED_TABLES].sort());
    const role = await sql<{ rolbypassrls: boolean }>`SELECT rolbypassrls FROM pg_roles WHERE rolname = 'trekant_app'`.execute(db);
    expect(role.rows).toEqual([{ rolbypassrls: false }]);
  });

  it('lets the resolving of an actor read identity tables in whatever scope the connection holds, but no walled row', async () => {
    const [sample] = await inIshoj(() => db.selectFrom('organisations').select('id').limit(1).execute());
    expect(sample).toBeDefined();
    // The connection now holds Ishøj's scope; a query naming a walled table runs with none.
    const walled = await resolvingActor(() => db.selectFrom('organisations').select('id').execute());
    expect(walled).toEqual([]);
    const joined = await resolvingActor(() => sql<{ n: number }>`SELECT count(*)::int AS n FROM memberships JOIN function_holders ON true`.execute(db));
    expect(joined.rows).toEqual([{ n: 0 }]);
    const identity = await resolvingActor(() => db.selectFrom('municipalities').select('id').where('id', '=', ishoj).execute());
    expect(identity).toEqual([{ id: ishoj }]);
    expect(await inIshoj(() => db.selectFrom('organisations').select('id').where('id', '=', sample.id).execute())).toEqual([sample]);
  });

  it('reads the scope once per query in every policy (a subquery), not once per row', async () => {
    const policies = await sql<{ tablename: string; qual: string }>`SELECT tablename, qual FROM pg_policies WHERE policyname = 'tenant_scope'`.execute(db);
    expect(policies.rows.map((p) => p.tablename).sort()).toEqual([...WALLED_TABLES].sort());
    for (const { tablename, qual } of policies.rows) {
      expect(qual, tablename).toContain('SELECT trekant_scope_unscoped()');
      expect(qual.replace(/\(\s*SELECT trekant_scope_\w+\(\)(?: AS \w+)?\s*\)/g, ''), `${tablename} calls a scope function per row`).not.toMatch(/trekant_scope_\w+\(\)/);
    }
  });

  it('recognises a walled table named in a query, quoted or not, and nothing else', () => {
    expect(namesWalledTable('select "id" from "efforts" where "id" = $1')).toBe(true);
    expect(namesWalledTable('SELECT 1 FROM forum_members')).toBe(true);
    expect(namesWalledTable('select "user_id" from "sessions" inner join "memberships" on true')).toBe(false);
    expect(namesWalledTable('select "effort_id" from "audit_log"')).toBe(false);
  });
});
