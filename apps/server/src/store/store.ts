import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { AuditLog, Invites, Settings } from './admin.js';
import { EventLog } from './event-log.js';
import { Messages } from './messages.js';
import { migrationProvider } from './migrations.js';
import { Rooms } from './rooms.js';
import type { Database, Db } from './schema.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

/** The store's tables, grouped by what they hold, all on one connection or one transaction. */
export class Tables {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly rooms: Rooms;
  readonly messages: Messages;
  readonly events: EventLog;
  readonly invites: Invites;
  readonly audit: AuditLog;
  readonly settings: Settings;

  constructor(db: Db) {
    this.users = new Users(db);
    this.sessions = new Sessions(db);
    this.rooms = new Rooms(db);
    this.messages = new Messages(db);
    this.events = new EventLog(db);
    this.invites = new Invites(db);
    this.audit = new AuditLog(db);
    this.settings = new Settings(db);
  }
}

/**
 * Everything Parley persists, in portable SQL through Kysely. The dialect (connection, pragmas) is
 * chosen by the file that constructs it, such as sqlite.ts. It knows nothing of HTTP; services decide
 * who may do what.
 */
export class Store extends Tables {
  constructor(private readonly db: Kysely<Database>) {
    super(db);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (error !== undefined || failed !== undefined) {
      throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
    }
    await this.rooms.ensureGeneral(randomUUID(), new Date());
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: (tables: Tables) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new Tables(trx)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
