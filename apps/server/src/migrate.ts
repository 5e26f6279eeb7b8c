import { ConfigError, loadConfig } from './config.js';
import { openStore } from './store/open.js';

/**
 * `pnpm db:migrate`: brings the database DATABASE_URL names up to the latest schema, and nothing else.
 * Servers also migrate when they start; running this first lets a deploy fail before any instance is
 * replaced. Safe while other instances run and start: PostgreSQL migrations take a lock.
 */
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const store = openStore(config.database);
try {
  const applied = await store.migrate();
  const where = config.database.dialect === 'sqlite' ? config.database.path : 'PostgreSQL';
  console.log(
    applied.length === 0 ? `${where}: already up to date` : `${where}: applied ${applied.join(', ')}`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await store.close();
}
