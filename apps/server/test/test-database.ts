import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Dialect } from '../src/store/dialect.js';
import { databaseUrl } from './postgres-setup.js';

/**
 * Which store this test run uses: the vitest project (`sqlite` or `postgres`, see vitest.config.ts)
 * sets PARLEY_TEST_STORE, and every integration test runs once on each.
 */
export const TEST_DIALECT: Dialect = process.env.PARLEY_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** The `DATABASE_URL` of a new, empty database. */
  url: string;
  /** Deletes it; call after everything using it has closed. */
  drop: () => Promise<void>;
}

/**
 * A new database of this run's dialect: an SQLite file in a temp folder, or a PostgreSQL database,
 * copied from the run's migrated template unless `empty` asks for one with no tables at all.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
    const drop = () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
    return { url: join(dir, 'parley.db'), drop };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `${inject('postgresRunPrefix')}${randomBytes(4).toString('hex')}`;
  const template = options.empty ? 'template1' : inject('postgresTemplate');
  await withAdmin(adminUrl, (admin) => admin.query(`create database "${name}" template "${template}"`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`)),
  };
}

async function withAdmin(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
