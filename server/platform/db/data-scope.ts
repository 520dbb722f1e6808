import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose data the current piece of work may touch: the second wall behind the services'
 * municipality filters. Row-level security on every table that holds a municipality's or a
 * police district's data (migration row-level-security) lets the app's role see a row only when
 * its municipality or district is in the scope set for the connection; the scoped driver
 * (scoped-driver.ts) sets it before each query from the scope in force here.
 *
 * - `tenant`: a request by an actor: their municipality, and their police district's shared
 *   records. Every request runs in one (with no ids until the actor is known: nothing).
 * - `unscoped`: work across municipalities that must say why (the seed, a job's sweep).
 * - `owner`: the schema's owner, which row-level security does not bind: migrations, and a
 *   test's own look at the database. The database refuses it where the app connects as its
 *   role (scoped-driver.ts).
 * - `identity`: a request's actor being resolved from its session or token, which reads only
 *   identity tables (not walled). The driver leaves the connection's scope as it is for a query
 *   that names no walled table, and runs one that does with no tenant's rows; so resolving the
 *   actor costs no change of scope when the connection already holds the actor's.
 *
 * Outside any scope a query runs with none: it sees no municipality's rows.
 */
export type DataScope =
  | { kind: 'tenant'; municipalityIds: readonly string[]; policeDistrictIds: readonly string[] }
  | { kind: 'unscoped'; reason: string }
  | { kind: 'owner'; reason: string }
  | { kind: 'identity' };

/** A holder, so that a request's scope can be narrowed once its actor is known. */
interface ScopeHolder {
  scope: DataScope;
}

const storage = new AsyncLocalStorage<ScopeHolder>();

export const NO_TENANT: Extract<DataScope, { kind: 'tenant' }> = { kind: 'tenant', municipalityIds: [], policeDistrictIds: [] };

export function currentDataScope(): DataScope | null {
  return storage.getStore()?.scope ?? null;
}

/** Runs `work` in `scope` (nested calls replace it until they return). */
export function runInDataScope<T>(scope: DataScope, work: () => T): T {
  return storage.run({ scope }, work);
}

/** The tenant scope of one municipality (and its police district's shared records). */
export function tenantScope(municipalityIds: readonly (string | null)[], policeDistrictIds: readonly (string | null)[] = []): DataScope {
  const present = (ids: readonly (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  return { kind: 'tenant', municipalityIds: present(municipalityIds), policeDistrictIds: present(policeDistrictIds) };
}

/** Work that must see every municipality's rows; `reason` says why, for the reader of the code. */
export function unscoped<T>(reason: string, work: () => Promise<T>): Promise<T> {
  return runInDataScope({ kind: 'unscoped', reason }, work);
}

/** Resolves who is asking (the identity phase of a request; see `identity` above). */
export function resolvingActor<T>(work: () => Promise<T>): Promise<T> {
  return runInDataScope({ kind: 'identity' }, work);
}

/** Work as the schema's owner (migrations; tests reading what the app wrote). */
export function asSchemaOwner<T>(reason: string, work: () => Promise<T>): Promise<T> {
  return runInDataScope({ kind: 'owner', reason }, work);
}

/**
 * Starts a request's scope: nothing until the actor is known (`narrowRequestScope`). Called with
 * the rest of the request's handling, so every hook and handler after it runs inside.
 */
export function runRequestInScope(work: () => void): void {
  storage.run({ scope: NO_TENANT }, work);
}

/** Sets the scope of the request being handled (its holder was made by runRequestInScope). */
export function narrowRequestScope(scope: DataScope): void {
  const holder = storage.getStore();
  if (!holder) throw new Error('unsafe: a request scope was set outside a request');
  holder.scope = scope;
}
