import { PostgresAdapter, type Kysely } from 'kysely';

/** The SQL dialect a store speaks; the few queries and migrations that differ branch on it. */
export type Dialect = 'sqlite' | 'postgres';

/** The dialect of a Kysely instance, for migrations, which receive only `db`. */
export function dialectOf(db: Kysely<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
