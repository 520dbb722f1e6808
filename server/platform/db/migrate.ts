import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { asSchemaOwner } from './data-scope.ts';
import type { Database } from './schema.ts';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/**
 * Runs a script of several statements one at a time: PGlite's extended protocol takes one
 * statement per query. Splits on semicolons at line ends outside dollar-quoted bodies.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function executeScript(db: Kysely<any>, script: string): Promise<void> {
  const statements: string[] = [];
  let current = '';
  let inDollarBody = false;
  for (const line of script.split('\n')) {
    current += line + '\n';
    const dollarMarks = line.match(/\$\$/g)?.length ?? 0;
    if (dollarMarks % 2 === 1) inDollarBody = !inDollarBody;
    if (!inDollarBody && line.trimEnd().endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Migrations are the timestamped TypeScript files in server/db/migrations, in name order. */
class MigrationFolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: new MigrationFolderProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

/** Brings the schema up to date; throws (and the caller exits non-zero) if any migration fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await asSchemaOwner('migrations', () => createMigrator(db).migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every migration in the folder has been applied (used by GET /ready). */
export async function migrationsAreCurrent(db: Kysely<Database>): Promise<boolean> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
