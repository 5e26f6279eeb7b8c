import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './schema.js';

/**
 * Runs a compiled query without Kysely's executor, or returns undefined when it cannot right now (the
 * connection is busy): SQLite's connection registers one for each Kysely on it (sqlite.ts).
 */
export type DirectRunner = (sql: string, parameters: readonly unknown[]) => QueryResult<unknown> | undefined;

const directRunners = new WeakMap<object, DirectRunner>();

/** From now on, prepared queries on `db` are run by `runner` whenever it can. */
export function runDirectly(db: Db, runner: DirectRunner): void {
  directRunners.set(db, runner);
}

/** A value a prepared query's builder receives in place of each argument, found again after compiling. */
const placeholder = (index: number) => `\u0000prepared-argument-${index}`;

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each parameter of the compiled SQL: the argument it takes, or -1 for a constant of the query. */
  slots: readonly number[];
}

/**
 * A query of the hot path (every request, every post), built and compiled by Kysely once per dialect
 * and then run with new values, through the same connection or transaction as any other query.
 *
 * Building and compiling a query with Kysely's builder costs more than running it on SQLite with a
 * cached statement. Measured on the store alone, authenticating, checking membership and posting a
 * message (eight queries) took 243 µs of CPU through the builder and 93 µs this way, against 68 µs
 * for the same statements on bare better-sqlite3. On SQLite the statement then runs directly on the
 * connection (sqlite-connection.ts) whenever it is free, without Kysely's executor. The builder receives
 * placeholders, and must pass its arguments through as values (`where('id', '=', id)`, `values({...})`),
 * not compute with them: compiling throws when an argument does not come out as a parameter.
 */
export class PreparedQuery<Args extends readonly (string | number | null)[], Row> {
  /** Keyed by the dialect's adapter: the same SQL serves the app's Kysely and its transactions. */
  private readonly compiledFor = new WeakMap<object, Compiled<Row>>();

  constructor(private readonly build: (db: Db, ...args: Args) => Compilable<Row>) {}

  execute(db: Db, ...args: Args): Promise<QueryResult<Row>> {
    let query: CompiledQuery<Row>;
    let parameters: unknown[];
    try {
      const compiled = this.compile(db, args.length);
      query = compiled.query;
      parameters = compiled.slots.map((slot, index) => (slot === -1 ? query.parameters[index] : args[slot]));
      const direct = directRunners.get(db)?.(query.sql, parameters);
      if (direct) return Promise.resolve(direct as QueryResult<Row>);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return db.executeQuery<Row>({ ...query, parameters });
  }

  async rows(db: Db, ...args: Args): Promise<Row[]> {
    return (await this.execute(db, ...args)).rows;
  }

  async first(db: Db, ...args: Args): Promise<Row | undefined> {
    return (await this.execute(db, ...args)).rows[0];
  }

  private compile(db: Db, arity: number): Compiled<Row> {
    const adapter = db.getExecutor().adapter;
    const known = this.compiledFor.get(adapter);
    if (known) return known;
    const placeholders = Array.from({ length: arity }, (_, index) => placeholder(index));
    const query = this.build(db, ...(placeholders as unknown as Args)).compile();
    const slots = query.parameters.map((value) =>
      typeof value === 'string' ? placeholders.indexOf(value) : -1,
    );
    const missing = placeholders.findIndex((_, index) => !slots.includes(index));
    if (missing !== -1) {
      throw new Error(`PreparedQuery: argument ${missing} is not a parameter of ${query.sql}`);
    }
    const compiled = { query, slots };
    this.compiledFor.set(adapter, compiled);
    return compiled;
  }
}
