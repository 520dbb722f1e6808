import { parseArgs } from 'node:util';
import { ZEmail, ZPassword } from '../contracts/common.ts';
import { ZRole } from '../contracts/roles.ts';
import { seedReferenceData } from '../seeds/reference.ts';
import { IdentityService } from './modules/identity/identity.service.ts';
import { findMunicipalityByCode } from './modules/identity/identity.repository.ts';
import { AccessLogWriter } from './platform/audit/access-log.ts';
import { passwordWeakness } from './platform/auth/password-policy.ts';
import { type ChainVerdict, checkAuditKey, verifyAuditChain } from './platform/audit/audit-chain.ts';
import { AuditCheckpointer, readCheckpoints } from './platform/audit/audit-checkpoint.ts';
import { loadAuditKey } from './platform/audit/audit-key.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { systemContext } from './platform/context.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { type OpenDatabase, openDatabase, openMigratedDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { Problem } from './platform/errors.ts';
import { hasMessage, translate } from './platform/i18n.ts';

const USAGE = `Usage: trekant <command>

  migrate                         apply pending database migrations
  seed                            load the reference data (demo users on the embedded database)
  create-user --email E --password P --role R --municipality CODE [--name N]
  audit-verify                    check every audit chain, and each against its latest checkpoint
  audit-checkpoint                write each audit chain's latest row to the checkpoint file and the log
  backup FILE                     write a logical backup of the whole database
  restore FILE                    restore a backup into an empty database

The database is DATABASE_URL if set, else the embedded one in TREKANT_DATA_DIR (./data).
The audit key is TREKANT_AUDIT_KEY, else the file TREKANT_AUDIT_KEY_FILE (./data.audit-key);
checkpoints are in TREKANT_AUDIT_CHECKPOINTS (embedded: ./data.audit-checkpoints.jsonl).`;

class UsageError extends Error {}

/** A service's refusal, in the operator's words (English). */
function describeProblem(problem: Problem): string {
  const fields = (problem.options.errors ?? []).map((e) => `${e.field}: ${hasMessage(e.message) ? translate('en', e.message) : e.message}`);
  return [translate('en', problem.titleKey, problem.options.params), ...fields].join('; ');
}

/**
 * Opens the database migrated, as the app role, with the audit key checked against the log as
 * the server does at start (a command run with another key would break the chain for good);
 * `asOwner` keeps the connecting role, for the operator's whole-database work (backup and
 * restore). `audit-verify` reports a wrong key itself, row by row.
 */
async function withDatabase<T>(config: Config, run: (database: OpenDatabase) => Promise<T>, options: { asOwner?: boolean; reportsKeyItself?: boolean } = {}): Promise<T> {
  loadAuditKey(config);
  const where = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const database = options.asOwner ? await openDatabase(where) : await openMigratedDatabase(where);
  try {
    if (options.asOwner) await migrateToLatest(database.db);
    else if (!options.reportsKeyItself) await checkAuditKey(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

function describeBrokenChain(verdict: Exclude<ChainVerdict, { ok: true }>): string {
  if ('checkpoint' in verdict) {
    const { id, at } = verdict.checkpoint;
    return verdict.reason === 'behind_checkpoint'
      ? `Audit log truncated: chain ${verdict.chain} no longer holds row ${id}, its latest checkpoint (${at}): rows were removed from its end, or the log was emptied.`
      : `Audit chain broken: row ${id} of chain ${verdict.chain} differs from its checkpoint (${at}): the chain was rewritten.`;
  }
  const what = {
    changed: 'was changed',
    removed_or_inserted: 'does not follow the row before it (a row was removed or inserted)',
    payload_changed: 'has a payload (subject, purpose, before, after) that was changed',
    payload_missing: 'has lost its payload (not erased: removed)',
  }[verdict.reason];
  return `Audit chain broken: row ${verdict.firstBadId} ${what}. ${verdict.rows - 1} rows before it verified.`;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      return withDatabase(config, async () => {
        console.log('Migrations are current.');
        return 0;
      });
    case 'seed':
      return withDatabase(config, async ({ db }) => {
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
      return withDatabase(config, async ({ db }) => {
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
      return withDatabase(config, async ({ db }) => {
        const checkpoints = readCheckpoints(config.auditCheckpointFile);
        const verdict = await verifyAuditChain(db, { checkpoints });
        if (!verdict.ok) {
          console.error(describeBrokenChain(verdict));
          return 2;
        }
        console.log(`Audit chain intact: ${verdict.rows} rows verified.`);
        console.log(`${verdict.chains} chains; ${verdict.erased} payloads erased under retention rules (their rows verified).`);
        console.log(
          checkpoints.length > 0
            ? `Every chain holds its latest checkpointed row (${verdict.checkpointsMatched} chains, ${config.auditCheckpointFile}).`
            : `No checkpoints ${config.auditCheckpointFile ? `at ${config.auditCheckpointFile}` : '(TREKANT_AUDIT_CHECKPOINTS is not set)'}: rows removed from the end of a chain would not be noticed.`,
        );
        return 0;
      }, { reportsKeyItself: true });
    case 'audit-checkpoint':
      return withDatabase(config, async ({ db }) => {
        const written = await new AuditCheckpointer(db, config.auditCheckpointFile, { info: () => {} }).write();
        for (const c of written) console.log(`Checkpoint ${c.chain}: row ${c.id} ${c.hash}`);
        console.log(`${written.length} chains checkpointed ${config.auditCheckpointFile ? `in ${config.auditCheckpointFile}` : 'here only (TREKANT_AUDIT_CHECKPOINTS is not set)'}; the others had not moved.`);
        return 0;
      });
    case 'backup': {
      const file = rest[0];
      if (!file) throw new UsageError('backup needs a FILE');
      return withDatabase(config, async ({ db }) => {
        const result = await backupDatabase(db, file);
        console.log(`Backup written to ${file}: ${result.rows} rows from ${result.tables} tables.`);
        return 0;
      }, { asOwner: true });
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new UsageError('restore needs a FILE');
      return withDatabase(config, async ({ db }) => {
        const result = await restoreDatabase(db, file);
        console.log(`Restored ${result.rows} rows from ${file}.`);
        return 0;
      }, { asOwner: true });
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
