import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../server/platform/db/database.ts';
import { createMigrator } from '../../server/platform/db/migrate.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** Which database this test project runs on (set per vitest project). */
export const testDatabaseKind = (): TestDatabaseKind => (process.env.TREKANT_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** A new database of this run's kind, cloned from the migrated, seeded template. */
export async function openTestDatabase(): Promise<OpenDatabase & { url: string | null }> {
  if (testDatabaseKind() === 'pglite') {
    const template = fs.readFileSync(inject('pgliteTemplateFile'));
    const database = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true, loadDataDir: new Blob([template]) });
    return { ...database, url: null };
  }
  const url = await createPostgresDatabaseFromTemplate();
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** A fresh PostgreSQL database from the template; its URL. */
export async function createPostgresDatabaseFromTemplate(options: { empty?: boolean } = {}): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `trekant_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Copies of one template cannot start at the same instant; retry briefly if busy.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('is being accessed by other users')) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * An empty database of this run's kind migrated up to just before `migration`, for a test of
 * that migration on rows written the old way. Closing it drops a PostgreSQL database.
 */
export async function openDatabaseBefore(migration: string): Promise<OpenDatabase> {
  let database: OpenDatabase;
  if (testDatabaseKind() === 'postgres') {
    const url = await createPostgresDatabaseFromTemplate({ empty: true });
    const opened = await openDatabase({ databaseUrl: url, dataDir: '' });
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        await dropPostgresDatabase(url);
      },
    };
  } else {
    database = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
  }
  const migrator = createMigrator(database.db);
  const names = (await migrator.getMigrations()).map((m) => m.name);
  const index = names.indexOf(migration);
  const { error } = index > 0 ? await migrator.migrateTo(names[index - 1]) : { error: new Error(`no migration before ${migration}`) };
  if (error) {
    await database.close();
    throw error;
  }
  return database;
}
