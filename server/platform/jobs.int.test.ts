import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { OpenDatabase } from './db/database.ts';
import { JobRunner } from './jobs.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;

describe('scheduled jobs', () => {
  it('runs a due job once per period even when several runners (processes) tick at once', async () => {
    let runs = 0;
    const job = { name: 'count-test', everyMs: 3600 * 1000, run: async () => void runs++ };
    const runners = [new JobRunner(database.db, [job], log), new JobRunner(database.db, [job], log), new JobRunner(database.db, [job], log)];
    await Promise.all(runners.map((r) => r.start(3600 * 1000)));
    await Promise.all(runners.map((r) => r.tick()));
    expect(runs).toBe(1);
    const row = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'count-test').executeTakeFirstOrThrow();
    expect(row.locked_until).toBeNull();
    expect(row.next_run_at.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
    await Promise.all(runners.map((r) => r.stop()));
  });

  it('records a failing job’s error and releases its lease', async () => {
    const runner = new JobRunner(database.db, [{ name: 'failing-test', everyMs: 1000, run: async () => Promise.reject(new Error('disk full')) }], log);
    await runner.start(3600 * 1000);
    await runner.stop();
    const row = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'failing-test').executeTakeFirstOrThrow();
    expect(row.last_error).toBe('disk full');
    expect(row.locked_until).toBeNull();
  });
});
