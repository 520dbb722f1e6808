import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openTestDatabase, testDatabaseKind } from '../../../test/support/test-database.ts';
import { danishOrder } from './danish-order.ts';

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

describe('Danish order', () => {
  it('puts Æ, Ø, Å after Z and ignores case, on both engines', async () => {
    const database = await openTestDatabase();
    try {
      const words = ['Åby', 'Øst', 'æble', 'Zulu', 'zebra', 'Abe', 'Ærø', 'østerbro', 'Émile', 'aften', 'Über'];
      const values = sql.join(words.map((w) => sql`(${w})`));
      const result = await sql<{ word: string }>`SELECT word FROM (VALUES ${values}) AS t(word) ORDER BY ${danishOrder('word')}, word`.execute(database.db);
      expect(result.rows.map((r) => r.word)).toEqual(['Abe', 'aften', 'Émile', 'Über', 'zebra', 'Zulu', 'æble', 'Ærø', 'Øst', 'østerbro', 'Åby']);
      // The same order as the browser's and the exports' Intl.Collator('da').
      expect([...words].sort(new Intl.Collator('da').compare)).toEqual(result.rows.map((r) => r.word));
    } finally {
      await database.close();
    }
  });
});
