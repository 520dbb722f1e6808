import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings } from 'kysely';
import { NO_TENANT, currentDataScope, type DataScope } from './data-scope.ts';
import { namesWalledTable } from './walled-tables.ts';

/** The role the app runs as (created by the migration audit-chains; see database.ts). */
export const APP_ROLE = 'trekant_app';

export interface ScopedDriverOptions {
  /**
   * Whether `owner` scopes may run. False where the app's connections log in as (or are set to)
   * the app's role: there, resetting the role would be a way around the wall.
   */
  allowOwner: boolean;
  /** What a query outside any scope runs as: nothing of any tenant (the app), or the owner (tests). */
  outsideScope: 'nothing' | 'owner';
}

/** The settings row-level security reads (migration row-level-security) and the role to run as. */
function settingsFor(scope: Exclude<DataScope, { kind: 'identity' }>): { role: string; municipalities: string; districts: string; unscoped: string } {
  switch (scope.kind) {
    case 'tenant':
      return { role: APP_ROLE, municipalities: scope.municipalityIds.join(','), districts: scope.policeDistrictIds.join(','), unscoped: 'off' };
    case 'unscoped':
      return { role: APP_ROLE, municipalities: '', districts: '', unscoped: 'on' };
    case 'owner':
      // 'none' is the session's own (login) role: the schema's owner where owners connect.
      return { role: 'none', municipalities: '', districts: '', unscoped: 'off' };
  }
}

/**
 * Wraps a Kysely dialect so that every query runs with the data scope in force
 * (data-scope.ts): before a query, when the connection's role or scope differs from what the
 * scope asks, one `SELECT set_config(…)` sets them on the connection. Set at session level (so
 * it survives a transaction's commit), and forgotten after a rollback, which undoes it.
 */
export function scopedDialect(inner: Dialect, options: ScopedDriverOptions): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new ScopedDriver(inner.createDriver(), options),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}

class ScopedDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, ScopedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly options: ScopedDriverOptions,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let scoped = this.connections.get(connection);
    if (!scoped) {
      scoped = new ScopedConnection(connection, this.options);
      this.connections.set(connection, scoped);
    }
    return scoped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(innerOf(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(innerOf(connection));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    (connection as ScopedConnection).forget();
    await this.inner.rollbackTransaction(innerOf(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    await this.inner.savepoint?.(innerOf(connection), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    (connection as ScopedConnection).forget();
    await this.inner.rollbackToSavepoint?.(innerOf(connection), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    await this.inner.releaseSavepoint?.(innerOf(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy() {
    return this.inner.destroy();
  }
}

const innerOf = (connection: DatabaseConnection) => (connection as ScopedConnection).inner;

class ScopedConnection implements DatabaseConnection {
  /** The settings last made on this connection; null when unknown (new, or after a rollback). */
  private current: string | null = null;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly options: ScopedDriverOptions,
  ) {}

  forget(): void {
    this.current = null;
  }

  private async applyScope(query: CompiledQuery): Promise<void> {
    const inForce = currentDataScope() ?? (this.options.outsideScope === 'owner' ? { kind: 'owner' as const, reason: 'outside any scope' } : NO_TENANT);
    if (inForce.kind === 'identity' && this.current?.startsWith(`${APP_ROLE}|`) && !namesWalledTable(query.sql)) {
      // Whatever tenant the connection holds cannot show through a query of no walled table.
      return;
    }
    const scope = inForce.kind === 'identity' ? NO_TENANT : inForce;
    if (scope.kind === 'owner' && !this.options.allowOwner) throw new Error('unsafe: the schema owner was asked for on a connection of the app role');
    const wanted = settingsFor(scope);
    const key = `${wanted.role}|${wanted.municipalities}|${wanted.districts}|${wanted.unscoped}`;
    if (key === this.current) return;
    try {
      await this.inner.executeQuery(
        CompiledQuery.raw(
          `SELECT set_config('role', $1, false), set_config('trekant.municipalities', $2, false), set_config('trekant.police_districts', $3, false), set_config('trekant.unscoped', $4, false)`,
          [wanted.role, wanted.municipalities, wanted.districts, wanted.unscoped],
        ),
      );
      this.current = key;
    } catch (error) {
      this.current = null;
      throw error;
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.applyScope(query);
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    await this.applyScope(query);
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}
