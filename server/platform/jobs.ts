import { type Kysely, sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { NO_TENANT, runInDataScope } from './db/data-scope.ts';
import type { Database } from './db/schema.ts';

export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Runs scheduled jobs with their schedule and lease in the database, so that when several app
 * processes share one PostgreSQL each job runs once per period, on whichever process claims it.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: ScheduledJob[],
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(pollMs = 60_000): Promise<void> {
    for (const job of this.jobs) {
      await this.db.insertInto('jobs').values({ name: job.name, next_run_at: new Date() }).onConflict((oc) => oc.column('name').doNothing()).execute();
    }
    this.timer = setInterval(() => void this.tick(), pollMs);
    this.timer.unref();
    await this.tick();
  }

  /** Claims and runs every due job once; returns when they are done. */
  tick(): Promise<void> {
    this.running ??= this.runDueJobs().finally(() => (this.running = null));
    return this.running;
  }

  private async runDueJobs(): Promise<void> {
    for (const job of this.jobs) {
      const claimed = await this.db
        .updateTable('jobs')
        .set({ locked_until: sql`now() + interval '10 minutes'` })
        .where('name', '=', job.name)
        .where('next_run_at', '<=', sql<Date>`now()`)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
        .returning('name')
        .executeTakeFirst();
      if (!claimed) continue;
      let lastError: string | null = null;
      try {
        // A job sees no municipality's rows unless it says whose (data-scope.ts).
        await runInDataScope(NO_TENANT, () => job.run());
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        this.log.error({ err: error, job: job.name }, 'scheduled job failed');
      }
      await this.db
        .updateTable('jobs')
        .set({ locked_until: null, last_run_at: new Date(), last_error: lastError, next_run_at: new Date(Date.now() + job.everyMs) })
        .where('name', '=', job.name)
        .execute();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
