import type { Database as BetterSqlite } from 'better-sqlite3';
import {
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { StatementCache } from './statement-cache.js';

/**
 * SQLite's one connection, behind one lock, shared by Kysely (through `SqliteConnectionDialect`) and
 * by the store's own transactions and prepared queries, which run their cached statements directly.
 *
 * Kysely's SqliteDriver serializes the connection with a mutex of its own, so nothing outside Kysely
 * could use the connection safely, and every statement went through Kysely's executor and every
 * transaction through its transaction builder. Measured with posts 10 ms apart (the process asleep in
 * between, as in the many-rooms benchmark): an event and a message written in one transaction cost
 * 305 to 318 µs of CPU through Kysely and 129 to 148 µs run directly, awaits included; a whole post
 * through the app (`app.inject`, interleaved) cost 658 to 724 µs before and 602 to 685 µs after.
 * Kysely still builds and runs every other query, on the same lock.
 */
export class SqliteConnection {
  private held = false;
  private readonly waiting: (() => void)[] = [];
  private readonly statements: StatementCache;

  constructor(
    private readonly database: BetterSqlite,
    /** Each statement's duration in seconds (for metrics). */
    private readonly onQuery?: (seconds: number) => void,
  ) {
    this.statements = new StatementCache(database);
  }

  /** Takes the lock if it is free; the caller then owes an `unlock()`. */
  tryLock(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  /** Takes the lock, after those who asked before (first come, first served). */
  lock(): Promise<void> {
    if (this.tryLock()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock to the next in line, or frees it. */
  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs one statement. The caller holds the lock. */
  run<Row>(sql: string, parameters: readonly unknown[]): QueryResult<Row> {
    const started = this.onQuery && performance.now();
    const statement = this.statements.prepare(sql);
    let result: QueryResult<Row>;
    if (statement.reader) {
      result = { rows: statement.all(parameters) as Row[] };
    } else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    }
    if (started !== undefined) this.onQuery?.((performance.now() - started) / 1000);
    return result;
  }

  /** Runs one statement now if the lock is free; undefined if someone holds it. */
  runIfFree<Row>(sql: string, parameters: readonly unknown[]): QueryResult<Row> | undefined {
    if (!this.tryLock()) return undefined;
    try {
      return this.run<Row>(sql, parameters);
    } finally {
      this.unlock();
    }
  }

  /**
   * Runs `work` in one transaction, holding the lock from before `begin` until after `commit` or
   * `rollback`. `work` must use only what runs under this lock: the tables on the Kysely whose driver
   * does not lock (sqlite.ts).
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.lock();
    try {
      this.run('begin', []);
      try {
        const result = await work();
        this.run('commit', []);
        return result;
      } catch (error) {
        // SQLite ends some failed transactions by itself (a full disk, for one).
        if (this.database.inTransaction) this.run('rollback', []);
        throw error;
      }
    } finally {
      this.unlock();
    }
  }

  /** A select's rows one at a time (Kysely's `stream()`). The caller holds the lock. */
  *iterate<Row>(compiledQuery: CompiledQuery): Generator<Row> {
    if (!SelectQueryNode.is(compiledQuery.query)) {
      throw new Error('SQLite streams only select queries');
    }
    const statement = this.statements.prepare(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters)) yield row as Row;
  }

  close(): void {
    this.statements.close();
  }
}

function rejected(error: unknown): Promise<never> {
  return Promise.reject(error instanceof Error ? error : new Error(String(error)));
}

class LockedConnection implements DatabaseConnection {
  constructor(private readonly connection: SqliteConnection) {}

  executeQuery<Row>(compiledQuery: CompiledQuery): Promise<QueryResult<Row>> {
    try {
      return Promise.resolve(this.connection.run<Row>(compiledQuery.sql, compiledQuery.parameters));
    } catch (error) {
      return rejected(error);
    }
  }

  // better-sqlite3 reads the rows synchronously; Kysely wants them as an async iterator.
  // eslint-disable-next-line @typescript-eslint/require-await
  async *streamQuery<Row>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<Row>> {
    for (const row of this.connection.iterate<Row>(compiledQuery)) yield { rows: [row] };
  }
}

/**
 * Kysely's driver on the shared connection. `locking: true` takes the lock for each query or
 * transaction, as Kysely's own driver does; `locking: false` is for queries made inside one of the
 * connection's own transactions, which holds the lock already.
 */
class SqliteConnectionDriver implements Driver {
  private readonly kyselyConnection: LockedConnection;

  constructor(
    private readonly connection: SqliteConnection,
    private readonly locking: boolean,
  ) {
    this.kyselyConnection = new LockedConnection(connection);
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.locking) await this.connection.lock();
    return this.kyselyConnection;
  }

  beginTransaction(): Promise<void> {
    return this.settle(() => this.connection.run('begin', []));
  }

  commitTransaction(): Promise<void> {
    return this.settle(() => this.connection.run('commit', []));
  }

  rollbackTransaction(): Promise<void> {
    return this.settle(() => this.connection.run('rollback', []));
  }

  releaseConnection(): Promise<void> {
    if (this.locking) this.connection.unlock();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return this.settle(() => {
      if (this.locking) this.connection.close();
    });
  }

  /** Kysely expects a promise from each step, and a failure as a rejected one. */
  private settle(step: () => unknown): Promise<void> {
    try {
      step();
      return Promise.resolve();
    } catch (error) {
      return rejected(error);
    }
  }
}

/** The SQLite dialect of Kysely, on a `SqliteConnection`. */
export class SqliteConnectionDialect implements Dialect {
  constructor(
    private readonly connection: SqliteConnection,
    private readonly options: { locking: boolean },
  ) {}

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver() {
    return new SqliteConnectionDriver(this.connection, this.options.locking);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
