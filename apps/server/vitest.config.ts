import { defineConfig } from 'vitest/config';

/**
 * Two projects, one per store: the store's contract tests and the integration tests run on SQLite and
 * again on PostgreSQL (a fresh database per app, dropped afterwards). PostgreSQL must be running: its
 * global setup fails the run loudly if it is not. `--project sqlite` or `--project postgres` runs one.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // What only PostgreSQL has: several instances on one database, reconnecting.
          exclude: ['src/store/postgres.test.ts', 'test/postgres/**'],
          env: { PARLEY_TEST_STORE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          // The store's contract and the integration tests; unit tests of logic and the SQLite file
          // backup are SQLite's alone.
          include: ['src/store/store.test.ts', 'src/store/postgres.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/backup.integration.test.ts'],
          env: { PARLEY_TEST_STORE: 'postgres' },
          // Every query is a round trip to another process; on a busy two-core machine the load tests
          // (hundreds of posts and streams) need more than SQLite's budget. A budget, not a measurement.
          testTimeout: 60_000,
          globalSetup: ['test/postgres-setup.ts'],
        },
      },
    ],
  },
});
