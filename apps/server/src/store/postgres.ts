import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { Store } from './store.js';

/**
 * pg hands `bigint` back as a string, because it can exceed 2^53. Parley's bigints (seqs, counts)
 * stay far below that, so they are read as numbers, exactly as SQLite returns them; a value that
 * would lose precision throws instead of silently rounding. Set per pool, not globally.
 */
function parserOverrides(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond 2^53`);
    return value;
  });
  return types;
}

export interface PostgresOptions {
  /** Connections the pool may hold open at once (`DATABASE_POOL_SIZE`); 10 when not given. */
  poolSize?: number | undefined;
  /** Each query's duration in seconds (for metrics). */
  onQuery?: ((seconds: number) => void) | undefined;
  /**
   * A pooled connection failed while idle (the database restarted, or an admin ended the backend).
   * The pool drops that connection and opens a new one on the next query; without a listener, pg
   * would crash the process on this error.
   */
  onConnectionError?: ((error: Error) => void) | undefined;
}

/** The store on a PostgreSQL database, through a connection pool that reconnects by itself. */
export function openPostgresStore(url: string, options: PostgresOptions = {}): Store {
  const pool = new pg.Pool({
    connectionString: url,
    types: parserOverrides(),
    max: options.poolSize ?? 10,
    // A database that does not answer fails the request (and /readyz) instead of hanging it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  const { onQuery } = options;
  return new Store(
    new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      ...(onQuery && { log: (event) => onQuery(event.queryDurationMillis / 1000) }),
    }),
    'postgres',
  );
}
