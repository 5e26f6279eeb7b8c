import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/store/open.js';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from './test-database.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
});

describe(`pnpm db:migrate on ${TEST_DIALECT}`, () => {
  it('migrates the DATABASE_URL database on its own, and says so when there is nothing left to do', async () => {
    const database = await createTestDatabase({ empty: true });
    databases.push(database);
    const migrate = () =>
      run(join(SERVER_DIR, 'node_modules/.bin/tsx'), ['src/migrate.ts'], {
        cwd: SERVER_DIR,
        env: { ...process.env, DATABASE_URL: database.url },
      });

    expect((await migrate()).stdout).toMatch(/applied 0001_initial/);
    expect((await migrate()).stdout).toMatch(/already up to date/);
    const store = openStore(loadConfig({ DATABASE_URL: database.url }).database);
    try {
      expect(await store.migrate()).toEqual([]);
      expect(await store.rooms.listPublic('nobody')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
