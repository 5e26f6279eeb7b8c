import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { AuditLog, Invites, Settings } from './admin.js';
import type { Dialect } from './dialect.js';
import { EventLog } from './event-log.js';
import { Messages } from './messages.js';
import { migrationProvider } from './migrations.js';
import { Reactions } from './reactions.js';
import { ReadPositions } from './read-positions.js';
import { Rooms } from './rooms.js';
import type { Database, Db } from './schema.js';
import { MessageSearch, SearchIndexer } from './search.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

/**
 * The store's tables, grouped by what they hold, all on one connection or one transaction. `dialect`
 * is there for the few queries that differ between SQLite and PostgreSQL (pass it to the table class).
 */
export class Tables {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly rooms: Rooms;
  readonly messages: Messages;
  readonly reactions: Reactions;
  readonly events: EventLog;
  readonly invites: Invites;
  readonly audit: AuditLog;
  readonly settings: Settings;
  readonly search: MessageSearch;
  readonly reads: ReadPositions;

  constructor(
    db: Db,
    readonly dialect: Dialect,
    searchIndexer?: SearchIndexer,
  ) {
    this.users = new Users(db);
    this.sessions = new Sessions(db);
    this.rooms = new Rooms(db, dialect);
    this.messages = new Messages(db);
    this.reactions = new Reactions(db);
    this.events = new EventLog(db);
    this.invites = new Invites(db);
    this.audit = new AuditLog(db);
    this.settings = new Settings(db);
    this.search = new MessageSearch(db, dialect, this.messages, searchIndexer);
    this.reads = new ReadPositions(db);
  }
}

/**
 * How long after a write SQLite's search index catches up: the posts of that interval share one write.
 * A search catches up first, so this only decides how the indexing is batched. Each batch is a wake-up
 * and a transaction of its own: at 100 posts a second, batches every 200 ms cost about 50 µs of CPU per
 * post, and every second about 18 µs (the many-rooms benchmark). A search that comes just before a
 * batch indexes at most this interval's posts itself.
 */
const SEARCH_INDEX_DELAY_MS = 1000;

/**
 * Runs `work` in one transaction on tables bound to it. A store without one uses Kysely's
 * transactions; SQLite's store runs them on its connection (sqlite.ts).
 */
export type TransactionRunner = <T>(work: (tables: Tables) => Promise<T>) => Promise<T>;

export interface StoreOptions {
  searchIndexDelayMs?: number;
  transactions?: TransactionRunner;
}

/**
 * Everything Parley persists, in portable SQL through Kysely. The dialect (connection, pragmas) is
 * chosen by the file that constructs it, such as sqlite.ts. It knows nothing of HTTP; services decide
 * who may do what.
 */
export class Store extends Tables {
  /** SQLite's search indexer, which runs after commits (store/search.ts); null on PostgreSQL. */
  private readonly searchIndexer: SearchIndexer | null;
  private readonly runTransaction: TransactionRunner;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: Dialect,
    options: StoreOptions = {},
  ) {
    const delayMs = options.searchIndexDelayMs ?? SEARCH_INDEX_DELAY_MS;
    const indexer = dialect === 'sqlite' ? new SearchIndexer(db, delayMs) : null;
    super(db, dialect, indexer ?? undefined);
    this.searchIndexer = indexer;
    this.runTransaction = options.transactions ?? ((work) => this.kyselyTransaction(work));
  }

  /** Indexes for search every message committed so far (SQLite; PostgreSQL's index never lags). */
  async catchUpSearch(): Promise<void> {
    await this.searchIndexer?.catchUp();
  }

  /** Applies the migrations this database lacks; returns their names. */
  async migrate(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (error !== undefined || failed !== undefined) {
      throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
    }
    await this.rooms.ensureGeneral(randomUUID(), new Date());
    // Whatever a previous run committed but did not index yet.
    this.searchIndexer?.schedule();
    return (results ?? []).map((result) => result.migrationName);
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /**
   * Runs `work` in one transaction: all of its writes land, or none. SQLite has one writer at a time.
   * PostgreSQL runs transactions side by side (other connections, other instances), so there each one
   * first locks the event counter row until it commits: writers queue behind each other as in SQLite,
   * a check-then-insert (username taken? message id seen?) sees every earlier commit, and events
   * commit in seq order, so a reader never sees seq N+1 before seq N.
   */
  async transaction<T>(work: (tables: Tables) => Promise<T>): Promise<T> {
    const result = await this.runTransaction(work);
    // It may have written messages: the indexer looks (cheaply) a little later.
    this.searchIndexer?.schedule();
    return result;
  }

  private kyselyTransaction<T>(work: (tables: Tables) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') {
        await trx.selectFrom('event_seq').select('value').where('id', '=', 1).forUpdate().execute();
      }
      return work(new Tables(trx, this.dialect));
    });
  }

  async close(): Promise<void> {
    await this.searchIndexer?.close();
    await this.db.destroy();
  }
}
