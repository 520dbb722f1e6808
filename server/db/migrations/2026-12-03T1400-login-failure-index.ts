import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// The hourly erasure of failed logins' details finds them by action and age; without this
// index every run would read the whole audit log, which grows with every audited read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(db, `CREATE INDEX audit_log_login_failed ON audit_log (at, id) WHERE action = 'auth.login_failed';`);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
