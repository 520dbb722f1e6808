import { defineConfig } from 'vitest/config';

// Three tiers (docs/architecture.md): unit tests; integration tests (*.int.test.ts) run twice,
// on PGlite and on a throwaway PostgreSQL 15; system tests run whole server processes.
// Browser journeys (e2e/) have their own config, run after the web app is built.
// Every test process holds the test audit key (test/support/audit-key.ts).
const setupFiles = ['test/support/audit-key.ts'];
const integration = ['server/**/*.int.test.ts', 'seeds/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles,
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'seeds/**/*.test.ts'],
          exclude: integration,
        },
      },
      {
        test: {
          name: 'pglite',
          setupFiles,
          include: integration,
          env: { TREKANT_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-pglite.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          setupFiles,
          include: integration,
          env: { TREKANT_TEST_DB: 'postgres' },
          globalSetup: ['test/support/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'system',
          setupFiles,
          include: ['test/system/**/*.test.ts'],
          env: { TREKANT_TEST_DB: 'postgres' },
          globalSetup: ['test/support/global-pglite.ts', 'test/support/global-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          setupFiles,
          include: ['e2e/**/*.test.ts'],
          env: { TREKANT_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-pglite.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
