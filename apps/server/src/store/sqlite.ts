import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StatementCache } from './statement-cache.js';
import { Store } from './store.js';
import type { Database } from './schema.js';

/** Opens (creating if needed) the SQLite file in WAL mode and returns the store on it. */
/** `onQuery` receives each query's duration in seconds (for metrics). */
export function openSqliteStore(path: string, onQuery?: (seconds: number) => void): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers (history, replay) run while a message is being written; NORMAL sync is durable
  // across process crashes in WAL mode and much cheaper than FULL.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Store(
    new Kysely<Database>({
      dialect: new SqliteDialect({ database: new StatementCache(database) }),
      ...(onQuery && { log: (event) => onQuery(event.queryDurationMillis / 1000) }),
    }),
    'sqlite',
  );
}
