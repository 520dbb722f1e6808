import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createMunicipality } from '../seeds/factories.ts';
import { ISHOJ, seedReferenceData } from '../seeds/reference.ts';
import { generateOrganisationMap } from '../seeds/synthetic.ts';
import { type GeneratedEfforts, generateEfforts } from '../seeds/synthetic-efforts.ts';
import { useAuditKey } from '../server/platform/audit/audit-key.ts';
import { hashPassword } from '../server/platform/auth/secrets.ts';
import { type OpenDatabase, openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { type Cluster, startCluster } from '../test/support/postgres-cluster.ts';

export type Kind = 'pglite' | 'postgres';

/** One audit key for the bench process (which seeds) and the server it starts. */
const BENCH_AUDIT_KEY = randomBytes(32).toString('hex');
useAuditKey(BENCH_AUDIT_KEY);

export const MAP_SIZE = { functions: 500, forums: 100, membersPerForum: 8 };
/** The efforts module's data, in the generated municipality (seeded, so runs compare). */
export const EFFORTS_SIZE = { efforts: 2000, years: 10, measurements: 100_000, seed: 2026 };

/** A database to benchmark against, and how the server process finds it. */
export interface Target {
  kind: Kind;
  /** Environment for the server process: where its database is. */
  serverEnv: Record<string, string>;
  open: () => Promise<OpenDatabase>;
  cleanUp: () => void;
}

/** A PGlite data directory in a temp dir, or a PostgreSQL database: BENCH_DATABASE_URL, else a throwaway cluster. */
export async function prepareTarget(kind: Kind): Promise<Target> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-bench-'));
    const dataDir = path.join(dir, 'data');
    return {
      kind,
      serverEnv: { TREKANT_DATA_DIR: dataDir, TREKANT_AUDIT_KEY: BENCH_AUDIT_KEY },
      open: () => openDatabase({ databaseUrl: null, dataDir }),
      cleanUp: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { url: databaseUrl, stop } = await benchPostgres('trekant_bench');
  return {
    kind,
    serverEnv: { DATABASE_URL: databaseUrl, TREKANT_AUDIT_KEY: BENCH_AUDIT_KEY },
    open: () => openDatabase({ databaseUrl, dataDir: '' }),
    cleanUp: stop,
  };
}

/** A PostgreSQL database for a benchmark: BENCH_DATABASE_URL, else a new one in a throwaway cluster. */
export async function benchPostgres(name: string, options: { durable?: boolean } = {}): Promise<{ url: string; throwaway: boolean; stop: () => void }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, throwaway: false, stop: () => {} };
  const cluster: Cluster = await startCluster(options);
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { url: cluster.url(name), throwaway: true, stop: () => cluster.stop() };
}

export interface GeneratedData {
  municipalityId: string;
  /** A generated municipality with a large organisation map, for the matrix and diagram. */
  mapMunicipalityId: string;
  /** A user in the middle of the crowd: the one the audited read looks up. */
  targetUserId: string;
  usersInMunicipality: number;
  /** The generated efforts, when asked for: their years, counts and how long generating took. */
  efforts: GeneratedEfforts | null;
}

/**
 * Migrates, seeds the reference data and demo users, and adds `extraUsers` users with a role
 * in the municipality, in one SQL statement each with a single precomputed argon2 hash
 * (hashing 2,000 passwords would take minutes, and login is not what is measured). No audit
 * rows are written for them. Done before the server starts: PGlite allows one process per
 * data directory.
 */
export async function generateData(target: Target, extraUsers: number, options: { efforts?: boolean } = {}): Promise<GeneratedData> {
  const database = await target.open();
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db, { demoUsers: true });
    const municipality = await database.db.selectFrom('municipalities').select('id').where('code', '=', ISHOJ.code).executeTakeFirstOrThrow();
    const passwordHash = await hashPassword('bench-user-password-not-used');
    const roles = ['consultant', 'street_worker', 'partner', 'analyst', 'leader'];
    await sql`
      INSERT INTO users (email, name, password_hash)
      SELECT 'bench-' || i || '@trekant.test', 'Bench Bruger ' || i, ${passwordHash}
      FROM generate_series(1, ${extraUsers}::int) AS i
      ON CONFLICT (email) DO NOTHING`.execute(database.db);
    await sql`
      INSERT INTO memberships (user_id, municipality_id, role)
      SELECT u.id, ${municipality.id}, (${roles}::text[])[1 + substring(u.email FROM 'bench-([0-9]+)@')::int % ${roles.length}]
      FROM users u WHERE u.email LIKE 'bench-%'
      ON CONFLICT DO NOTHING`.execute(database.db);
    // The organisation views are measured on a generated municipality of 500 functions and
    // 100 forums, where the administrator also holds a role.
    // Inhabitants: the scenarios' figures per 10,000 need them.
    const mapMunicipalityId = await createMunicipality(database.db, { code: 998, name: 'Benchkommune', inhabitants: 60_000 });
    await generateOrganisationMap(database.db, mapMunicipalityId, MAP_SIZE);
    await sql`INSERT INTO memberships (user_id, municipality_id, role) SELECT id, ${mapMunicipalityId}, 'administrator' FROM users WHERE email = 'administrator@trekant.test'`.execute(database.db);
    // The efforts views are measured in the same municipality, on its map (~6 s on PGlite).
    const efforts = options.efforts ? await generateEfforts(database.db, { municipalityId: mapMunicipalityId, ...EFFORTS_SIZE }) : null;
    await sql`ANALYZE`.execute(database.db);
    const middle = await database.db.selectFrom('users').select('id').where('email', '=', `bench-${Math.ceil(extraUsers / 2)}@trekant.test`).executeTakeFirstOrThrow();
    const count = await database.db
      .selectFrom('memberships')
      .select(sql<number>`count(DISTINCT user_id)::int`.as('n'))
      .where('municipality_id', '=', municipality.id)
      .executeTakeFirstOrThrow();
    return { municipalityId: municipality.id, mapMunicipalityId, targetUserId: middle.id, usersInMunicipality: count.n, efforts };
  } finally {
    await database.close();
  }
}
