import { parseArgs } from 'node:util';
import { ZEmail, ZPassword } from '../contracts/common.ts';
import { ZRole } from '../contracts/roles.ts';
import { seedReferenceData } from '../seeds/reference.ts';
import { IdentityService } from './modules/identity/identity.service.ts';
import { findMunicipalityByCode } from './modules/identity/identity.repository.ts';
import { AccessLogWriter } from './platform/audit/access-log.ts';
import { passwordWeakness } from './platform/auth/password-policy.ts';
import { verifyAuditChain } from './platform/audit/audit-chain.ts';
import { loadConfig } from './platform/config.ts';
import { systemContext } from './platform/context.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { type OpenDatabase, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { Problem } from './platform/errors.ts';
import { hasMessage, translate } from './platform/i18n.ts';

const USAGE = `Usage: trekant <command>

  migrate                         apply pending database migrations
  seed                            load the reference data (demo users on the embedded database)
  create-user --email E --password P --role R --municipality CODE [--name N]
  audit-verify                    check the audit log's hash chain
  backup FILE                     write a logical backup of the whole database
  restore FILE                    restore a backup into an empty database

The database is DATABASE_URL if set, else the embedded one in TREKANT_DATA_DIR (./data).`;

class UsageError extends Error {}

/** A service's refusal, in the operator's words (English). */
function describeProblem(problem: Problem): string {
  const fields = (problem.options.errors ?? []).map((e) => `${e.field}: ${hasMessage(e.message) ? translate('en', e.message) : e.message}`);
  return [translate('en', problem.titleKey, problem.options.params), ...fields].join('; ');
}

async function withDatabase<T>(run: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      return withDatabase(async () => {
        console.log('Migrations are current.');
        return 0;
      });
    case 'seed':
      return withDatabase(async ({ db }) => {
        const result = await seedReferenceData(db, { demoUsers: config.demo });
        console.log(result.created ? 'Reference data loaded.' : 'Reference data was already present.');
        if (result.demoUsers.length > 0) console.log(`Demo users: ${result.demoUsers.map((u) => u.email).join(', ')}`);
        return 0;
      });
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true }, municipality: { type: 'string' }, name: { type: 'string' } },
      });
      const email = ZEmail.safeParse(values.email);
      const password = ZPassword.safeParse(values.password);
      const roles = (values.role ?? []).map((r) => ZRole.safeParse(r));
      const code = Number(values.municipality);
      if (!email.success) throw new UsageError('--email must be a valid e-mail address');
      if (!password.success) throw new UsageError('--password must be 12 to 200 characters');
      const weakness = passwordWeakness(password.data, { email: email.data, name: values.name });
      if (weakness) throw new UsageError(`--password: ${translate('en', weakness)}`);
      if (roles.length === 0 || roles.some((r) => !r.success)) throw new UsageError(`--role must be one of ${ZRole.options.join(', ')}`);
      if (!Number.isInteger(code)) throw new UsageError('--municipality must be a municipality code, e.g. 183');
      return withDatabase(async ({ db }) => {
        await seedReferenceData(db, { demoUsers: false });
        const municipality = await findMunicipalityByCode(db, code);
        if (!municipality) throw new UsageError(`No municipality with code ${code}`);
        const identity = new IdentityService(db, config, new AccessLogWriter(db));
        const userId = await identity.unsafeCreateUser(
          { email: email.data, password: password.data, name: values.name ?? email.data, roles: roles.map((r) => r.data!), municipalityId: municipality.id },
          systemContext('cli:create-user'),
        );
        console.log(`Created user ${email.data} (${userId}) in ${municipality.name}.`);
        return 0;
      });
    }
    case 'audit-verify':
      return withDatabase(async ({ db }) => {
        const verdict = await verifyAuditChain(db);
        if (verdict.ok) {
          console.log(`Audit chain intact: ${verdict.rows} rows verified.`);
          return 0;
        }
        const what = verdict.reason === 'changed' ? 'was changed' : 'does not follow the row before it (a row was removed or inserted)';
        console.error(`Audit chain broken: row ${verdict.firstBadId} ${what}. ${verdict.rows - 1} rows before it verified.`);
        return 2;
      });
    case 'backup': {
      const file = rest[0];
      if (!file) throw new UsageError('backup needs a FILE');
      return withDatabase(async ({ db }) => {
        const result = await backupDatabase(db, file);
        console.log(`Backup written to ${file}: ${result.rows} rows from ${result.tables} tables.`);
        return 0;
      });
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new UsageError('restore needs a FILE');
      return withDatabase(async ({ db }) => {
        const result = await restoreDatabase(db, file);
        console.log(`Restored ${result.rows} rows from ${file}.`);
        return 0;
      });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof Problem) console.error(`trekant: ${describeProblem(error)}`);
    else console.error(`trekant: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
