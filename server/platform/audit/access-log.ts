import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalidField } from '../errors.ts';
import { type AuditEntry, appendAuditEntries, chainOf } from './audit-chain.ts';
import { usablePurposeCodes } from './read-purposes.ts';

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Writes read-access rows with group commit: reads that arrive while a write to their chain
 * is under way are written together in the next transaction. Each caller still waits for its
 * own row to be committed before it answers, so no read of personal data is served unlogged,
 * but the chain lock and the commit are paid once per batch instead of once per read. Each
 * chain (municipality) has its own queue, so one municipality's reads never wait on another's.
 * A read's purpose must be a code its municipality may state now (`read-purposes.ts`): else the
 * read is refused (422 naming the field `purpose`) and nothing is logged.
 */
export class AccessLogWriter {
  private readonly queues = new Map<string, Pending[]>();

  constructor(private readonly db: Kysely<Database>) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      const chain = chainOf(entry);
      const queue = this.queues.get(chain);
      if (queue) {
        queue.push({ entry, resolve, reject });
      } else {
        this.queues.set(chain, [{ entry, resolve, reject }]);
        void this.flush(chain);
      }
    });
  }

  private write(entries: AuditEntry[]): Promise<void> {
    return this.db.transaction().execute((trx) => appendAuditEntries(trx, entries));
  }

  /** Refuses the reads whose purpose is not on the list (or retired); a chain's reads share one municipality. */
  private async withoutUnknownPurposes(batch: Pending[]): Promise<Pending[]> {
    const stated = batch.flatMap((b) => (b.entry.purpose == null ? [] : [b.entry.purpose]));
    let usable: Set<string>;
    try {
      usable = await usablePurposeCodes(this.db, batch[0].entry.municipalityId, stated);
    } catch (error) {
      for (const b of batch) b.reject(error);
      return [];
    }
    return batch.filter((b) => {
      if (b.entry.purpose == null || usable.has(b.entry.purpose)) return true;
      b.reject(invalidField('purpose', 'field.purpose_unknown'));
      return false;
    });
  }

  /** Drains one chain's queue; the queue exists (so later reads join it) until it is empty. */
  private async flush(chain: string): Promise<void> {
    const queue = this.queues.get(chain)!;
    while (queue.length > 0) {
      const batch = await this.withoutUnknownPurposes(queue.splice(0, 500));
      if (batch.length === 0) continue;
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
    this.queues.delete(chain);
  }
}
