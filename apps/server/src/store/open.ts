import type { DatabaseConfig } from '../config.js';
import { openPostgresStore, type PostgresOptions } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** The store `DATABASE_URL` names: an SQLite file, or a PostgreSQL database. */
export function openStore(database: DatabaseConfig, options: PostgresOptions = {}): Store {
  return database.dialect === 'postgres'
    ? openPostgresStore(database.url, { ...options, poolSize: database.poolSize })
    : openSqliteStore(database.path, { onQuery: options.onQuery });
}
