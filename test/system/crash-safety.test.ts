import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../server/platform/db/database.ts';
import { type ServerProcess, killAllProcesses, requestWithSession, runCli, sessionOf, startServer } from '../support/server-process.ts';
import { createPostgresDatabaseFromTemplate, dropPostgresDatabase } from '../support/test-database.ts';
import type { ApiClient } from '../support/test-server.ts';

/**
 * Crash safety: a write the server acknowledged (answered 2xx) must survive the process being
 * killed without warning (SIGKILL: no signal handler, no close, no flush), on the embedded
 * database and on PostgreSQL. After the crash the server restarts on the same data, every
 * acknowledged write is there, and the audit chain still verifies.
 */

interface Target {
  env: Record<string, string>;
  lockFile: string | null;
  cleanup(): Promise<void>;
}

const targets: Record<'pglite' | 'postgres', () => Promise<Target>> = {
  pglite: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-crash-'));
    const dataDir = path.join(dir, 'data');
    // Start from the migrated, seeded template rather than spend seconds creating a database.
    const template = new Blob([fs.readFileSync(inject('pgliteTemplateFile'))]);
    await (await openDatabase({ databaseUrl: null, dataDir, loadDataDir: template })).close();
    return {
      env: { TREKANT_DATA_DIR: dataDir },
      lockFile: path.join(dataDir, 'trekant.lock'),
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
  postgres: async () => {
    const url = await createPostgresDatabaseFromTemplate();
    return { env: { DATABASE_URL: url, TREKANT_DEMO: '1' }, lockFile: null, cleanup: () => dropPostgresDatabase(url) };
  },
};

interface Stream {
  acknowledged: string[];
  attempted: number;
  refused: string[];
}

/**
 * Creates API tokens from several concurrent workers until the server stops answering. Each
 * creation inserts a row and an audit entry in one transaction and answers 201 with its id;
 * `onAcknowledged` sees the running count (the test kills the server from there).
 */
async function streamWrites(client: ApiClient, workers: number, onAcknowledged: (count: number) => void): Promise<Stream> {
  const stream: Stream = { acknowledged: [], attempted: 0, refused: [] };
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; ; i++) {
        stream.attempted++;
        let response;
        try {
          response = await client.post<{ id: string }>('/api/me/tokens', { name: `crash-${worker}-${i}`, scopes: ['read'] });
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
        if (response.status === 201) {
          stream.acknowledged.push(response.body.id);
          onAcknowledged(stream.acknowledged.length);
        } else {
          stream.refused.push(`${response.status} ${response.text}`);
          return;
        }
      }
    }),
  );
  return stream;
}

describe.each(['pglite', 'postgres'] as const)('crash safety on %s', (kind) => {
  let target: Target | null = null;

  afterEach(async () => {
    await killAllProcesses();
    await target?.cleanup();
    target = null;
  });

  it('keeps every acknowledged write and a valid audit chain after SIGKILL mid-stream', async () => {
    target = await targets[kind]();
    const first = await startServer({ env: target.env, label: `${kind} server (before the crash)` });
    const client = first.client();
    expect((await client.login('administrator@trekant.test')).status).toBe(200);

    // Kill while several writes are in flight, at a random moment (inside a transaction, between
    // commit and answer, mid-WAL-write …) rather than right after an answer.
    let killScheduled = false;
    const stream = await streamWrites(client, 6, (count) => {
      if (count >= 30 && !killScheduled) {
        killScheduled = true;
        setTimeout(() => first.killNow(), Math.random() * 40);
      }
    });
    const exit = await first.waitForExit();
    expect(exit.signal).toBe('SIGKILL');
    expect(stream.refused, 'writes refused before the crash').toEqual([]);
    expect(stream.acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(stream.attempted).toBeGreaterThan(stream.acknowledged.length); // requests were in flight

    if (target.lockFile) {
      // SIGKILL ran no clean-up: the dead process's lock is still there, naming it.
      expect(fs.readFileSync(target.lockFile, 'utf8')).toBe(String(first.pid));
    }

    // The restart takes over the stale lock and recovers the database.
    const second: ServerProcess = await startServer({ env: target.env, label: `${kind} server (after the crash)` });
    if (target.lockFile) expect(fs.readFileSync(target.lockFile, 'utf8')).toBe(String(second.pid));

    // The session made before the crash is still valid: the login itself was a durable write.
    const tokens = await requestWithSession<{ id: string; name: string }[]>(second.url, sessionOf(client), 'GET', '/api/me/tokens');
    expect(tokens.status, tokens.text).toBe(200);
    const present = new Set(tokens.body.map((t) => t.id));
    const lost = stream.acknowledged.filter((id) => !present.has(id));
    expect(lost, `acknowledged writes lost after SIGKILL (${lost.length} of ${stream.acknowledged.length})`).toEqual([]);
    // What is there beyond the acknowledged writes was at least sent (committed, answer lost).
    expect(present.size).toBeLessThanOrEqual(stream.attempted);

    // A clean stop releases the lock; then the operator's check and a direct look at the rows.
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    if (target.lockFile) expect(fs.existsSync(target.lockFile)).toBe(false);

    const verify = await runCli(['audit-verify'], target.env);
    expect(verify.code, verify.output).toBe(0);
    expect(verify.stdout).toMatch(/Audit chain intact: \d+ rows verified\./);

    const database: OpenDatabase = await openDatabase({ databaseUrl: target.env.DATABASE_URL ?? null, dataDir: target.env.TREKANT_DATA_DIR ?? '' });
    try {
      const audited = await database.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'account.token_created')
        .where('entity_id', 'in', stream.acknowledged)
        .execute();
      expect(new Set(audited.map((r) => r.entity_id)).size).toBe(stream.acknowledged.length);
      // Every token row has its audit row and vice versa: each write committed whole or not at all.
      const rows = await database.db.selectFrom('api_tokens').select('id').execute();
      const allAudited = await database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'account.token_created').execute();
      expect(allAudited.map((r) => r.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
    } finally {
      await database.close();
    }
  });
});
