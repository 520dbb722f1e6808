import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openTestDatabase, testDatabaseKind } from '../../../test/support/test-database.ts';

describe('PostgreSQL connections', () => {
  // Only PostgreSQL has a server that can end a connection; PGlite lives in the process.
  it.runIf(testDatabaseKind() === 'postgres')('survive the server ending an idle connection (restart, failover)', async () => {
    const database = await openTestDatabase();
    try {
      await sql`SELECT 1`.execute(database.db);
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await admin.connect();
      const name = new URL(database.url!).pathname.slice(1);
      const ended = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const result = await sql<{ n: number }>`SELECT 1 AS n`.execute(database.db);
      expect(result.rows[0].n).toBe(1);
    } finally {
      await database.close();
    }
  });
});
