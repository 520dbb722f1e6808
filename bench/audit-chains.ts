import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import { appendAuditEntries } from '../server/platform/audit/audit-chain.ts';
import { useAuditKey } from '../server/platform/audit/audit-key.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { benchPostgres } from './database.ts';
import { writeBenchResult } from './results.ts';

/**
 * Audit appends per second when one municipality writes, and when two write at once, on
 * PostgreSQL with commits flushed to disk (fsync on, as in production). Each append is its own
 * transaction, as a change is: take the chain's lock, read its last hash, insert the row and
 * its payload, commit; the lock is held until the commit is on disk. With one chain per
 * municipality the second municipality's writers take another lock, so the appends/s should
 * nearly double; the third scenario puts the same writers on one chain, which is what the
 * earlier single chain did. PGlite is one session: there, writers never run at once.
 *
 *   npx tsx bench/audit-chains.ts        # BENCH_WRITERS (8 per municipality), BENCH_DURATION (5 s), BENCH_ROUNDS (3)
 */

const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

useAuditKey(randomBytes(32).toString('hex'));

/** Appends/s with `writersEach` writers per municipality, each appending one change at a time for `seconds`. */
async function appendsPerSecond(db: Kysely<Database>, municipalities: string[], writersEach: number, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let appended = 0;
  const writer = async (municipalityId: string) => {
    while (Date.now() < until) {
      await db.transaction().execute((trx) =>
        appendAuditEntries(trx, [
          { action: 'effort.updated', actorUserId: null, actorName: 'bench', municipalityId, entityType: 'effort', entityId: randomUUID(), before: { status: 'planned' }, after: { status: 'active' } },
        ]),
      );
      appended++;
    }
  };
  const started = Date.now();
  await Promise.all(municipalities.flatMap((m) => Array.from({ length: writersEach }, () => writer(m))));
  return appended / ((Date.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const postgres = await benchPostgres('trekant_bench_audit', { durable: true });
  const database = await openDatabase({ databaseUrl: postgres.url, dataDir: '', poolSize: 4 * WRITERS + 2 });
  try {
    await migrateToLatest(database.db);
    const [a, b] = [randomUUID(), randomUUID()];
    await appendsPerSecond(database.db, [a, b], WRITERS, 1); // warm-up
    const scenarios = {
      oneMunicipality: { municipalities: [a], writersEach: WRITERS },
      twoMunicipalities: { municipalities: [a, b], writersEach: WRITERS },
      twoMunicipalitiesOnOneChain: { municipalities: [a], writersEach: 2 * WRITERS },
    };
    const samples: Record<keyof typeof scenarios, number[]> = { oneMunicipality: [], twoMunicipalities: [], twoMunicipalitiesOnOneChain: [] };
    // Interleaved rounds, so a busy neighbour on this shared machine hits every scenario alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, s] of Object.entries(scenarios) as [keyof typeof scenarios, (typeof scenarios)[keyof typeof scenarios]][]) {
        samples[name].push(await appendsPerSecond(database.db, s.municipalities, s.writersEach, DURATION_S));
      }
    }
    const result = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { appendsPerSecond: Math.round(median(values)), samples: values.map(Math.round) }]));
    const ratio = median(samples.twoMunicipalities) / median(samples.oneMunicipality);
    const report = {
      date: new Date().toISOString().slice(0, 10),
      scenario: 'audit-chains',
      machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: os.loadavg()[0] },
      settings: { database: postgres.throwaway ? 'throwaway PostgreSQL, fsync=on, synchronous_commit=on' : 'BENCH_DATABASE_URL', writersPerMunicipality: WRITERS, secondsPerSample: DURATION_S, rounds: ROUNDS },
      result,
      twoOverOne: Math.round(ratio * 100) / 100,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`two municipalities at once: ${report.twoOverOne}× one municipality's appends/s (aim: ≥ 1.8×)\n`);
    writeBenchResult('-audit-chains', report);
  } finally {
    await database.close();
    postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
