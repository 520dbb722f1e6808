import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type AuditEntry, appendAuditEntries } from './audit-chain.ts';

/**
 * Writes read-access rows with group commit: reads that arrive while a write is under way are
 * written together in the next transaction. Each caller still waits for its own row to be
 * committed before it answers, so no read of personal data is served unlogged, but the chain
 * lock and the commit are paid once per batch instead of once per read.
 */
export class AccessLogWriter {
  private queue: { entry: AuditEntry; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: Kysely<Database>) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private write(entries: AuditEntry[]): Promise<void> {
    return this.db.transaction().execute((trx) => appendAuditEntries(trx, entries));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      try {
        await this.write(batch.map((b) => b.entry));
        for (const b of batch) b.resolve();
      } catch (error) {
        if (batch.length === 1) {
          batch[0].reject(error);
          continue;
        }
        // One bad row must not fail the others' reads: write each on its own, refuse only those that fail.
        for (const b of batch) {
          try {
            await this.write([b.entry]);
            b.resolve();
          } catch (single) {
            b.reject(single);
          }
        }
      }
    }
    this.flushing = false;
  }
}
