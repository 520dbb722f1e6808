import { buildApp } from './app.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { checkAuditKey } from './platform/audit/audit-chain.ts';
import { loadAuditKey } from './platform/audit/audit-key.ts';
import { openMigratedDatabase } from './platform/db/database.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { createLogger } from './platform/log.ts';
import { DEMO_PASSWORD, seedReferenceData } from '../seeds/reference.ts';

/** Process entry: config, open database, migrate, seed a new database, listen, shut down. */
async function main(config: Config): Promise<void> {
  const logger = createLogger(config);
  loadAuditKey(config);
  // Migrated as the connecting role; from here on the app runs as the app role (APP_ROLE).
  const { applied, ...database } = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  await checkAuditKey(database.db);
  const seeded = await seedReferenceData(database.db, { demoUsers: config.demo });

  const { app, jobs } = await buildApp(config, database, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting connections and waits for requests in flight.
    await app.close();
    await jobs.stop();
    await database.close();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  await jobs.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const lines = [``, `  Trekant is running at http://${config.host}:${port}/  (${where})`];
  if (seeded.demoUsers.length > 0) {
    lines.push(``, `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of seeded.demoUsers) lines.push(`    ${u.role.padEnd(16)} ${u.email}`);
  } else if (seeded.created) {
    lines.push(``, `  No users yet. Create the first administrator with:`, `    npx trekant create-user --email you@example.dk --password '…' --role administrator --municipality 183`);
  }
  lines.push(``, `  Stop with Ctrl-C.`, ``);
  process.stdout.write(lines.join('\n') + '\n');
}

main(loadConfig()).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`\nTrekant could not start: ${error.message}\n\n`);
  } else {
    process.stderr.write(`\nTrekant could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
  }
  process.exit(1);
});
