import './audit-key.ts';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { openDatabase } from '../../server/platform/db/database.ts';
import { seedReferenceData } from '../../seeds/reference.ts';
import { type Cluster, startCluster } from './postgres-cluster.ts';

export const TEMPLATE_DATABASE = 'trekant_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}

/** Starts PostgreSQL (or uses TEST_DATABASE_URL) and builds a migrated, seeded template database. */
export default async function setup(project: TestProject) {
  let cluster: Cluster | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    cluster = await startCluster();
    adminUrl = cluster.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const database = await openDatabase({ databaseUrl: templateUrl.toString(), dataDir: '' });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db, { demoUsers: true });
  await database.close();
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  return () => cluster?.stop();
}
