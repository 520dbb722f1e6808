import fs from 'node:fs';
import readline from 'node:readline';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Logical backup: every application table as JSON lines, in foreign-key order, so that a
 * backup taken from PGlite restores into PostgreSQL and back. Format:
 *   {"format":"trekant-backup","version":1,"migrations":[…]}
 *   {"table":"users","rows":[…]}   (as many lines per table as it takes)
 */
const FORMAT = 'trekant-backup';
const BATCH = 1000;
const SKIPPED_TABLES = new Set(['schema_migrations', 'schema_migrations_lock']);

interface TableInfo {
  name: string;
  primaryKey: string[];
  jsonColumns: Set<string>;
  serialColumns: string[];
  /** Computed by the database (e.g. full-text vectors): left out of the backup, recomputed on restore. */
  generatedColumns: string[];
}

// The backup reads table names from the catalogue, never from input, but quote them anyway.
const ident = (name: string) => sql.id(name);

async function describeTables(db: Kysely<Database>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; column_default: string | null; is_generated: string }>`
    SELECT table_name, column_name, data_type, column_default, is_generated FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
    WHERE i.indisprimary AND n.nspname = 'public' ORDER BY c.relname, a.attnum`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public'`.execute(db);

  const infos = new Map<string, TableInfo>();
  for (const t of tables.rows) {
    if (SKIPPED_TABLES.has(t.name)) continue;
    const cols = columns.rows.filter((c) => c.table_name === t.name);
    infos.set(t.name, {
      name: t.name,
      primaryKey: keys.rows.filter((k) => k.table_name === t.name).map((k) => k.column_name),
      jsonColumns: new Set(cols.filter((c) => c.data_type === 'jsonb' || c.data_type === 'json').map((c) => c.column_name)),
      serialColumns: cols.filter((c) => c.column_default?.startsWith('nextval(')).map((c) => c.column_name),
      generatedColumns: cols.filter((c) => c.is_generated === 'ALWAYS').map((c) => c.column_name),
    });
  }
  // Parents before children.
  const ordered: TableInfo[] = [];
  const visit = (name: string, trail: Set<string>) => {
    const info = infos.get(name);
    if (!info || ordered.includes(info) || trail.has(name)) return;
    trail.add(name);
    for (const r of references.rows) if (r.child === name && r.parent !== name) visit(r.parent, trail);
    ordered.push(info);
  };
  for (const name of [...infos.keys()].sort()) visit(name, new Set());
  return ordered;
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function backupDatabase(db: Kysely<Database>, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await describeTables(db);
  // A backup holds password hashes and TOTP secrets: readable by its owner only, also when
  // it overwrites an existing file (open's mode applies only to a new one).
  const fd = fs.openSync(file, 'w', 0o600);
  fs.fchmodSync(fd, 0o600);
  const out = fs.createWriteStream('', { fd, encoding: 'utf8' });
  const write = (line: unknown) => new Promise<void>((resolve, reject) => out.write(JSON.stringify(line) + '\n', (e) => (e ? reject(e) : resolve())));
  let total = 0;
  try {
    await write({ format: FORMAT, version: 1, migrations: await appliedMigrations(db), createdAt: new Date().toISOString() });
    // One snapshot for the whole backup on PostgreSQL; PGlite is single-connection anyway.
    await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      for (const table of tables) {
        const order = table.primaryKey.length > 0 ? table.primaryKey : ['ctid'];
        for (let offset = 0; ; offset += BATCH) {
          // to_jsonb keeps full precision (timestamps to the microsecond), as drivers' Dates would not.
          const result = await sql<{ row: Record<string, unknown> | string }>`SELECT to_jsonb(t) AS row FROM ${ident(table.name)} t ORDER BY ${sql.join(order.map((c) => sql.ref(`t.${c}`)))} LIMIT ${BATCH} OFFSET ${offset}`.execute(trx);
          const rows = result.rows.map((r) => {
            const row = typeof r.row === 'string' ? (JSON.parse(r.row) as Record<string, unknown>) : r.row;
            for (const c of table.generatedColumns) delete row[c];
            return row;
          });
          if (rows.length > 0) await write({ table: table.name, rows });
          total += rows.length;
          if (rows.length < BATCH) break;
        }
      }
    });
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return { tables: tables.length, rows: total };
}

export class RestoreError extends Error {}

/** Restores a backup into an empty database that has the same migrations applied. */
export async function restoreDatabase(db: Kysely<Database>, file: string): Promise<{ rows: number }> {
  if (!fs.existsSync(file)) throw new RestoreError(`No backup file at ${file}`);
  const tables = new Map((await describeTables(db)).map((t) => [t.name, t]));
  let header: { format?: string; migrations?: string[] } | null = null;
  let total = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of tables.values()) {
      const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${ident(table.name)}`.execute(trx);
      if (row.rows[0].n > 0) throw new RestoreError(`The database is not empty (table ${table.name} has rows). Restore into an empty database.`);
    }
    // Opened only now: readline drops lines that arrive before the loop reads them.
    const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as { format?: string; migrations?: string[]; table?: string; rows?: Record<string, unknown>[] };
      if (!header) {
        if (parsed.format !== FORMAT) throw new RestoreError(`${file} is not a Trekant backup`);
        header = parsed;
        const here = await appliedMigrations(trx);
        if (JSON.stringify(here) !== JSON.stringify(parsed.migrations)) {
          throw new RestoreError('The backup was taken at another schema version than this database has. Run the same Trekant version.');
        }
        continue;
      }
      const table = parsed.table ? tables.get(parsed.table) : undefined;
      if (!table || !parsed.rows) throw new RestoreError(`Unknown table in backup: ${String(parsed.table)}`);
      const rows = parsed.rows.map((r) => {
        const copy: Record<string, unknown> = { ...r };
        for (const c of table.jsonColumns) if (copy[c] !== null && copy[c] !== undefined) copy[c] = JSON.stringify(copy[c]);
        return copy;
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- table names come from the catalogue
      await trx.insertInto(table.name as any).values(rows as any).execute();
      total += rows.length;
    }
    if (!header) throw new RestoreError(`${file} is empty`);
    for (const table of tables.values()) {
      for (const column of table.serialColumns) {
        await sql`SELECT setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce((SELECT max(${ident(column)}) FROM ${ident(table.name)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  return { rows: total };
}
