import { randomUUID } from 'node:crypto';
import type { MessageCreatedEvent, Message, Room, User } from '@parley/protocol';
import { Migrator, type Kysely, type Selectable } from 'kysely';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import type {
  AppendMessageResult,
  CreateUserResult,
  LogBounds,
  StoredEvent,
  Store,
  UserRecord,
} from './store.js';

export const GENERAL_ROOM_SLUG = 'general';

/**
 * The store in portable SQL through Kysely. Dialect specifics (connection, pragmas) live in the
 * files that construct it, such as sqlite.ts.
 */
export class KyselyStore implements Store {
  constructor(private readonly db: Kysely<Database>) {}

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (error !== undefined || failed !== undefined) {
      throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
    }
    await this.db
      .insertInto('rooms')
      .values({
        id: randomUUID(),
        slug: GENERAL_ROOM_SLUG,
        name: 'general',
        topic: '',
        kind: 'public',
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  createUser(input: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    now: Date;
  }): Promise<CreateUserResult> {
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (taken) return { ok: false, reason: 'username_taken' } as const;
      // The first account administers the workspace.
      const anyone = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      const createdAt = input.now.toISOString();
      const row = {
        id: input.id,
        username: input.username,
        display_name: input.displayName,
        password_hash: input.passwordHash,
        role: anyone ? ('member' as const) : ('admin' as const),
        created_at: createdAt,
      };
      await trx.insertInto('users').values(row).execute();
      const general = await trx
        .selectFrom('rooms')
        .select('id')
        .where('slug', '=', GENERAL_ROOM_SLUG)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('room_members')
        .values({ room_id: general.id, user_id: input.id, joined_at: createdAt })
        .execute();
      return { ok: true, user: toUser(row) } as const;
    });
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  async createSession(input: { tokenHash: string; userId: string; now: Date; expiresAt: Date }) {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: input.tokenHash,
        user_id: input.userId,
        created_at: input.now.toISOString(),
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
  }

  async findSessionUser(tokenHash: string, now: Date): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async listRoomsForUser(userId: string): Promise<Room[]> {
    const rows = await this.db
      .selectFrom('rooms')
      .innerJoin('room_members', 'room_members.room_id', 'rooms.id')
      .select(['rooms.id', 'rooms.slug', 'rooms.name', 'rooms.topic', 'rooms.kind'])
      .where('room_members.user_id', '=', userId)
      .orderBy('rooms.name')
      .execute();
    return rows;
  }

  async roomIdsForUser(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('room_members')
      .select('room_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((row) => row.room_id);
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('room_members')
      .select('room_id')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async findRoomBySlug(slug: string): Promise<Room | undefined> {
    return this.db
      .selectFrom('rooms')
      .select(['id', 'slug', 'name', 'topic', 'kind'])
      .where('slug', '=', slug)
      .executeTakeFirst();
  }

  appendMessage(input: {
    id: string;
    roomId: string;
    author: User;
    body: string;
    now: Date;
  }): Promise<AppendMessageResult> {
    return this.db.transaction().execute(async (trx): Promise<AppendMessageResult> => {
      const existing = await trx
        .selectFrom('messages')
        .innerJoin('users', 'users.id', 'messages.author_id')
        .select(messageColumns)
        .where('messages.id', '=', input.id)
        .executeTakeFirst();
      if (existing) {
        const same =
          existing.room_id === input.roomId &&
          existing.author_id === input.author.id &&
          existing.body === input.body;
        return same ? { status: 'existing', message: toMessage(existing) } : { status: 'conflict' };
      }
      // The counter row is the append lock: the seq is taken inside the transaction that writes the
      // event, so events commit in seq order.
      const { value } = await trx
        .updateTable('event_seq')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .returning('value')
        .executeTakeFirstOrThrow();
      const seq = value;
      const createdAt = input.now.toISOString();
      const message: Message = {
        id: input.id,
        roomId: input.roomId,
        seq,
        author: {
          id: input.author.id,
          username: input.author.username,
          displayName: input.author.displayName,
        },
        body: input.body,
        createdAt,
      };
      await trx
        .insertInto('messages')
        .values({
          id: input.id,
          room_id: input.roomId,
          seq,
          author_id: input.author.id,
          body: input.body,
          created_at: createdAt,
        })
        .execute();
      const wire: MessageCreatedEvent = { type: 'message.created', seq, roomId: input.roomId, message };
      const event: StoredEvent = { seq, roomId: input.roomId, data: JSON.stringify(wire) };
      await trx
        .insertInto('events')
        .values({ seq, room_id: input.roomId, type: wire.type, data: event.data, created_at: createdAt })
        .execute();
      return { status: 'created', message, event };
    });
  }

  async listMessages(roomId: string, page: { before?: number; limit: number }): Promise<Message[]> {
    let query = this.db
      .selectFrom('messages')
      .innerJoin('users', 'users.id', 'messages.author_id')
      .select(messageColumns)
      .where('messages.room_id', '=', roomId);
    if (page.before !== undefined) query = query.where('messages.seq', '<', page.before);
    const rows = await query.orderBy('messages.seq', 'desc').limit(page.limit).execute();
    return rows.map(toMessage);
  }

  async eventsSince(seq: number, roomIds: readonly string[], limit: number): Promise<StoredEvent[]> {
    if (roomIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'room_id', 'data'])
      .where('seq', '>', seq)
      .where('room_id', 'in', roomIds)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ seq: row.seq, roomId: row.room_id, data: row.data }));
  }

  async logBounds(): Promise<LogBounds> {
    const head = await this.db
      .selectFrom('event_seq')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const oldest = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .executeTakeFirst();
    return { head: head.value, oldest: oldest?.seq ?? head.value + 1 };
  }

  async pruneEvents(keep: number): Promise<number> {
    const { head } = await this.logBounds();
    const result = await this.db
      .deleteFrom('events')
      .where('seq', '<=', head - keep)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const messageColumns = [
  'messages.id',
  'messages.room_id',
  'messages.seq',
  'messages.author_id',
  'messages.body',
  'messages.created_at',
  'users.username',
  'users.display_name',
] as const;

type MessageRow = Pick<
  Selectable<Database['messages']>,
  'id' | 'room_id' | 'seq' | 'author_id' | 'body' | 'created_at'
> &
  Pick<Selectable<Database['users']>, 'username' | 'display_name'>;

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    author: { id: row.author_id, username: row.username, displayName: row.display_name },
    body: row.body,
    createdAt: row.created_at,
  };
}

function toUser(row: Selectable<Database['users']>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
  };
}
