import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { runDirectly } from './prepared.js';
import type { Database } from './schema.js';
import { SqliteConnection, SqliteConnectionDialect } from './sqlite-connection.js';
import { Store, Tables } from './store.js';

export interface SqliteStoreOptions {
  /** Each query's duration in seconds (for metrics). */
  onQuery?: ((seconds: number) => void) | undefined;
  /** How long after a write the search index catches up (store.ts). */
  searchIndexDelayMs?: number;
}

/** Opens (creating if needed) the SQLite file in WAL mode and returns the store on it. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers (history, replay) run while a message is being written; NORMAL sync is durable
  // across process crashes in WAL mode and much cheaper than FULL.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const connection = new SqliteConnection(database, options.onQuery);
  const db = new Kysely<Database>({ dialect: new SqliteConnectionDialect(connection, { locking: true }) });
  runDirectly(db, (sql, parameters) => connection.runIfFree(sql, parameters));
  // What a transaction's work runs on: the same connection, whose lock the transaction holds.
  const inTransaction = new Kysely<Database>({
    dialect: new SqliteConnectionDialect(connection, { locking: false }),
  });
  runDirectly(inTransaction, (sql, parameters) => connection.run(sql, parameters));
  const tables = new Tables(inTransaction, 'sqlite');
  return new Store(db, 'sqlite', {
    ...(options.searchIndexDelayMs !== undefined && { searchIndexDelayMs: options.searchIndexDelayMs }),
    transactions: (work) => connection.transaction(() => work(tables)),
  });
}
