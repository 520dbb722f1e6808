import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { acquireDataDirLock } from './lock.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * The role the app runs as after migrating (created by the migration audit-chains): it owns no
 * table, so it cannot drop, alter or truncate one or disable a trigger; it may only read and
 * append the audit log and erase payloads (under the tables' triggers). It has no BYPASSRLS, so
 * row-level security, once tables have policies, will hold for it.
 */
export const APP_ROLE = 'trekant_app';
const setAppRole = CompiledQuery.raw(`SET ROLE ${APP_ROLE}`);

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// Return int8 (bigint) and numeric as strings is pg's default; timestamps as Date. Keep both
// drivers alike: PGlite returns bigint ids as strings only if asked to, so we parse the same.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// A calendar date stays the text 'YYYY-MM-DD': a Date would shift it by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** A PGlite data-directory dump to start from (tests clone a migrated template). */
  loadDataDir?: Blob;
  /** Skip the lock file: only for an in-memory database. */
  inMemory?: boolean;
  poolSize?: number;
  /** Run every PostgreSQL connection as the app role (APP_ROLE); PGlite's one session is set by openMigratedDatabase. */
  asAppRole?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection that the server ends (restart, failover, a dropped database) must not
    // crash the process: the pool replaces it on the next query.
    pool.on('error', (error) => process.stderr.write(`PostgreSQL connection lost while idle: ${error.message}\n`));
    // Fail fast with a clear message if the server is not there.
    const client = await pool.connect();
    client.release();
    const onCreateConnection = options.asAppRole ? async (connection: { executeQuery(q: CompiledQuery): Promise<unknown> }) => void (await connection.executeQuery(setAppRole)) : undefined;
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, onCreateConnection }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = options.inMemory ? () => {} : acquireDataDirLock(options.dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir: options.inMemory ? undefined : options.dataDir,
      loadDataDir: options.loadDataDir,
      // int8 and date as text, as pg returns them here, so both drivers give the same types.
      parsers: { 20: (value: string) => value, 1082: (value: string) => value },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * What the server and the CLI open: migrations applied as the connecting role (the schema's
 * owner), then the app's connections as APP_ROLE. On PGlite (one session) the role is set on
 * the same session once migrated; on PostgreSQL a short owner connection migrates first.
 */
export async function openMigratedDatabase(options: OpenOptions): Promise<OpenDatabase & { applied: string[] }> {
  if (options.databaseUrl) {
    const owner = await openDatabase({ ...options, poolSize: 1, asAppRole: false });
    let applied: string[];
    try {
      applied = await migrateToLatest(owner.db);
    } finally {
      await owner.close();
    }
    return { ...(await openDatabase({ ...options, asAppRole: true })), applied };
  }
  const database = await openDatabase({ ...options, asAppRole: false });
  try {
    const applied = await migrateToLatest(database.db);
    await database.db.executeQuery(setAppRole);
    return { ...database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
