import { type Kysely, sql } from 'kysely';

/**
 * What a rejected request may change, by design, and nothing else:
 *
 * - `login_failures`: a failed login is counted per account and per address; that row is what
 *   makes throttling work, so a 401 from /api/auth/login must write it.
 * - `audit_log` rows (and their `audit_payloads`) for failed logins, failed second factors and
 *   a wrong password given again by a signed-in user (changing one's password): refused
 *   attempts are evidence and are logged on purpose. Every other audit row is digested, so a rejected
 *   request that writes an access-log row (a read of personal data that was not served) or
 *   any other event is caught.
 * - `sessions.last_seen_at` and `api_tokens.last_used_at`: touched when a session or token is
 *   used (at most once a minute), whether or not the request then passes validation.
 */
const EXCLUDED_TABLES = new Set(['login_failures']);
const EXCLUDED_COLUMNS: Record<string, Set<string>> = {
  sessions: new Set(['last_seen_at']),
  api_tokens: new Set(['last_used_at']),
};
const REFUSALS_LOGGED = `('auth.login_failed', 'auth.second_factor_failed', 'account.password_check_failed')`;
const ROW_FILTERS: Record<string, string> = {
  audit_log: `action NOT IN ${REFUSALS_LOGGED}`,
  audit_payloads: `audit_id IN (SELECT id FROM audit_log WHERE action NOT IN ${REFUSALS_LOGGED})`,
};
/**
 * Tables the database itself keeps append-only (a trigger refuses UPDATE and DELETE; payloads
 * may only be erased, which no request does): a new row is the only change possible, so count
 * and highest key are digest enough, and cheap while the log grows through the run.
 */
const APPEND_ONLY: Record<string, string> = { audit_log: 'id', audit_payloads: 'audit_id' };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface Digest {
  [table: string]: string;
}

/**
 * Builds one query that digests every table of the application schema: per table the row
 * count and an md5 of its rows in primary-key order. Tables are read from the catalogue, so a
 * table added by a later migration is covered without touching this file.
 */
export async function digester<DB>(db: Kysely<DB>): Promise<() => Promise<Digest>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT kcu.table_name, kcu.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
    ORDER BY kcu.table_name, kcu.ordinal_position`.execute(db);

  const tables = new Map<string, { columns: string[]; key: string[] }>();
  for (const { table_name, column_name } of columns.rows) {
    if (EXCLUDED_TABLES.has(table_name)) continue;
    const entry = tables.get(table_name) ?? { columns: [], key: [] };
    if (!EXCLUDED_COLUMNS[table_name]?.has(column_name)) entry.columns.push(column_name);
    tables.set(table_name, entry);
  }
  for (const { table_name, column_name } of keys.rows) tables.get(table_name)?.key.push(column_name);

  const parts = [...tables].map(([table, { columns: cols, key }]) => {
    // Without a primary key, order by the whole row: still deterministic.
    const order = (key.length > 0 ? key : cols).map(ident).join(', ');
    const row = `row(${cols.map(ident).join(', ')})::text`;
    const where = ROW_FILTERS[table] ? ` WHERE ${ROW_FILTERS[table]}` : '';
    if (APPEND_ONLY[table]) return `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(max(${ident(APPEND_ONLY[table])})::text, '') AS d FROM ${ident(table)}${where}`;
    return `SELECT '${table}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${order}), '')) AS d FROM ${ident(table)}${where}`;
  });
  const query = sql.raw<{ t: string; d: string }>(parts.join('\nUNION ALL\n'));
  // Every transaction that writes is given a transaction id; reads are not. A write committed
  // after a snapshot moves the snapshot's xmax (latest completed id + 1) past its own id, so
  // while xmax stays the same nothing was committed anywhere and the last digest still holds.
  // (On a shared PostgreSQL cluster other databases' writes move it too: then we digest anyway.)
  const nextTransactionId = sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`;
  let last: { x: string; digest: Digest } | null = null;
  return async () => {
    const x = (await nextTransactionId.execute(db)).rows[0].x;
    if (last?.x === x) return last.digest;
    const result = await query.execute(db);
    const digest: Digest = Object.fromEntries(result.rows.map((r) => [r.t, r.d]));
    // xmax was read before the digest: a write landing in between only costs one more digest.
    last = { x, digest };
    return digest;
  };
}

/** The tables whose digest differs, for a readable failure. */
export function changedTables(before: Digest, after: Digest): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
