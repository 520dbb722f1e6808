import './audit-key.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { seedReferenceData } from '../../seeds/reference.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string;
  }
}

/** Creating a PGlite database costs seconds; build one migrated, seeded template to clone. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-pglite-'));
  const dataDir = path.join(dir, 'template');
  const database = await openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db, { demoUsers: true });
  await database.close();
  const pglite = await PGlite.create({ dataDir });
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplateFile', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
