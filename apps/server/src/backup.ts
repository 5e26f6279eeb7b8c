import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { backupDatabase } from './store/backup.js';

/**
 * `pnpm --filter server backup <file>`: a consistent copy of the SQLite database, safe to take while
 * Parley runs. Restore by stopping Parley and putting the copy in place of DATABASE_URL.
 */
const config = loadConfig();
if (config.database.dialect !== 'sqlite') {
  console.error('DATABASE_URL is a PostgreSQL database: back it up with pg_dump (see docs/deploy.md)');
  process.exit(2);
}
const source = config.database.path;
const target = process.argv[2];
if (target === undefined || target === '') {
  console.error('usage: pnpm --filter server backup <file>');
  process.exit(2);
}
const destination = resolve(config.baseDir, target);
if (existsSync(destination)) {
  console.error(`${destination} exists already; choose a new file`);
  process.exit(2);
}
const pages = await backupDatabase(source, destination);
console.log(`backed up ${source} to ${destination} (${pages} pages)`);
