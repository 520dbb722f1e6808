import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { acquireDataDirLock } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import { APP_ROLE, type ScopedDriverOptions, scopedDialect } from './scoped-driver.ts';

/**
 * The role the app runs as after migrating (created by the migration audit-chains): it owns no
 * table, so it cannot drop, alter or truncate one or disable a trigger; it may only read and
 * append the audit log and erase payloads (under the tables' triggers). It has no BYPASSRLS, so
 * row-level security holds for it: every query runs in a data scope (scoped-driver.ts).
 */
export { APP_ROLE };
const setAppRole = CompiledQuery.raw(`SET ROLE ${APP_ROLE}`);

export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** How queries outside a data scope run, and whether the owner may be asked for (scoped-driver.ts). */
  scoping: ScopedDriverOptions;
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
  /** Log every PostgreSQL connection in as the app role (APP_ROLE): no query may then run as the owner. */
  asAppRole?: boolean;
  /**
   * What a query outside any data scope runs as: nothing of any tenant (what the app opens), or
   * the owner (a test's or a benchmark's own look at the database: the default of an owner's
   * connection).
   */
  outsideScope?: ScopedDriverOptions['outsideScope'];
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
    const scoping = scopingOf(options);
    const db = new Kysely<Database>({ dialect: scopedDialect(new PostgresDialect({ pool, onCreateConnection }), scoping) });
    return { db, kind: 'postgres', scoping, close: () => db.destroy() };
  }
  const release = options.inMemory ? () => {} : acquireDataDirLock(options.dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir: options.inMemory ? undefined : options.dataDir,
      loadDataDir: options.loadDataDir,
      // int8 and date as text, as pg returns them here, so both drivers give the same types.
      parsers: { 20: (value: string) => value, 1082: (value: string) => value },
    });
    const scoping = scopingOf(options);
    const db = new Kysely<Database>({ dialect: scopedDialect(new PGliteDialect({ pglite }), scoping) });
    return {
      db,
      kind: 'pglite',
      scoping,
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

function scopingOf(options: OpenOptions): ScopedDriverOptions {
  return { allowOwner: !options.asAppRole, outsideScope: options.outsideScope ?? (options.asAppRole ? 'nothing' : 'owner') };
}

/**
 * What the server and the CLI open: migrations applied as the connecting role (the schema's
 * owner), then the app's queries as APP_ROLE in their data scope, and outside one with no
 * tenant's rows. On PGlite (one session) the scoped driver sets the role per query; on
 * PostgreSQL a short owner connection migrates first and the app's connections log in as the role.
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
  const database = await openDatabase({ ...options, asAppRole: false, outsideScope: 'nothing' });
  try {
    const applied = await migrateToLatest(database.db);
    // From here the one session is the app's: the owner may no longer be asked for.
    database.scoping.allowOwner = false;
    return { ...database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
