import type { Database as BetterSqlite, Statement } from 'better-sqlite3';

/** Enough for every distinct query Parley sends; `IN (?, ?, ...)` lists of other lengths come and go. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Prepared statements of SQLite's connection (sqlite-connection.ts), kept by SQL text.
 *
 * Kysely hands over every query as SQL text, to be prepared again each time. Preparing (parsing and
 * planning in SQLite) was 10% of the server's CPU while posting in a profile of the many-rooms
 * benchmark; with Kysely compiling every query as well (see prepared.ts), the store cost 243 µs of CPU
 * per post against 68 µs for the same statements on bare better-sqlite3. A statement is reused only
 * when it is not in the middle of an iteration (Kysely's `stream()`); the least recently used one is
 * dropped past `size`.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly database: BetterSqlite,
    private readonly size = STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): Statement {
    const cached = this.statements.get(sql);
    if (cached && !cached.busy) {
      // Map keeps insertion order: moving the hit to the end makes the first key the least recent.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.database.prepare(sql);
    if (cached) return statement;
    this.statements.set(sql, statement);
    if (this.statements.size > this.size) {
      const oldest = this.statements.keys().next();
      if (!oldest.done) this.statements.delete(oldest.value);
    }
    return statement;
  }

  /** How many statements are kept (for tests). */
  get cached(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.database.close();
  }
}
