import { type Kysely, type Transaction, sql } from 'kysely';
import { hasAppendedAuditEntries } from '../audit/audit-chain.ts';
import type { RequestContext } from '../context.ts';
import { bumpDataVersions } from './data-versions.ts';
import type { Database } from './schema.ts';

/**
 * The one way a module changes data: a transaction that runs in the request's data scope (the
 * tenant wall, data-scope.ts, travels with the work), under the request's context, and that
 * refuses to commit a write that appended no audit entry. A change that turns out to write
 * nothing (already retired, already read) commits without one.
 *
 * Writes that are not events of the domain (throttling counters, a session's last use) say so
 * with `unaudited`, naming why; they are still run here, so the rule has one place.
 *
 * A change declares the data it `touches` (data-version keys, data-versions.ts): when it wrote
 * anything, their counters are raised in the same transaction, so a cached view can never
 * outlive the data it was computed from, and a change that wrote nothing keeps the caches.
 */
export async function runChange<T>(
  db: Kysely<Database>,
  ctx: RequestContext,
  work: (trx: Transaction<Database>) => Promise<T>,
  options: { unaudited?: string; touches?: readonly string[] } = {},
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    const audited = hasAppendedAuditEntries(trx);
    // Asked only where the answer matters (an unaudited touch of a session asks nothing), and once.
    let wrote: boolean | undefined;
    const wroteSomething = async () => (wrote ??= audited || (await wroteAnything(trx)));
    if (!audited && options.unaudited === undefined && (await wroteSomething())) throw new UnauditedChangeError(ctx.requestId);
    if (options.touches?.length && (await wroteSomething())) await bumpDataVersions(trx, [...options.touches]);
    return result;
  });
}

/** A transaction is given an id by its first write (or row lock); a read-only one has none. */
async function wroteAnything(trx: Transaction<Database>): Promise<boolean> {
  const { rows } = await sql<{ id: string | null }>`SELECT pg_current_xact_id_if_assigned()::text AS id`.execute(trx);
  return rows[0]?.id !== null && rows[0]?.id !== undefined;
}

export class UnauditedChangeError extends Error {
  constructor(requestId: string) {
    super(`unsafe: a change wrote data but no audit entry (request ${requestId}); it was rolled back`);
  }
}
