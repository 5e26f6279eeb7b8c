import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf } from './dialect.js';
import { createSearchIndex, indexSearchAfterCommit } from './search.js';

/**
 * Versioned migrations, in code so that the bundle carries them. Never edit one that has shipped;
 * add the next. The SQL is portable between SQLite and PostgreSQL; where it cannot be, branch on
 * `dialectOf(db)` (./dialect.ts) and write both sides.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('avatar_color', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deactivated_at', 'text')
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('rooms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.unique())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('dm_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('room_members')
        .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'user_id'])
        .execute();
      await db.schema.createIndex('room_members_user').on('room_members').column('user_id').execute();
      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('seq', 'bigint', (c) => c.notNull().unique())
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('messages_room_seq').on('messages').columns(['room_id', 'seq']).execute();
      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_channel_seq').on('events').columns(['channel', 'seq']).execute();
      await db.schema
        .createTable('event_seq')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into event_seq (id, value) values (1, 0)`.execute(db);
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('max_uses', 'integer', (c) => c.notNull())
        .addColumn('uses', 'integer', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_reactions_replies': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reactions')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('emoji', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // Also the lookup by message: its first column is message_id.
        .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'emoji', 'user_id'])
        .execute();
      // Same room only, checked when posting; a deleted original keeps its row, so the id stays valid.
      await db.schema.alterTable('messages').addColumn('reply_to_id', 'text').execute();
    },
  },
  '0003_mentions': {
    async up(db: Kysely<unknown>) {
      // Who a message @mentions, resolved against the room's members when it was posted or edited.
      // room_id and seq are copied from the message so that "mentions of me in this room after my
      // read position" is one index range, without a join.
      await db.schema
        .createTable('message_mentions')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_mentions_pk', ['message_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('message_mentions_user_room_seq')
        .on('message_mentions')
        .columns(['user_id', 'room_id', 'seq'])
        .execute();
    },
  },
  // Numbered after the migrations of the other parts of the conversation issue, which land beside it.
  '0005_search': { up: createSearchIndex },
  '0006_search_after_commit': { up: indexSearchAfterCommit },
  '0007_sqlite_event_rowid': { up: eventSeqAsRowid },
};

/**
 * SQLite only: `events.seq` becomes the table's rowid. Declared `bigint primary key`, it was not an
 * alias of the rowid, so SQLite kept a separate index on it and every event was written to three
 * B-trees (rows, that index, channel and seq), each a WAL frame in the post's commit. As
 * `integer primary key` the rows are kept in seq order and that index is gone. The events are copied
 * in one transaction (Kysely runs SQLite's migrations without one). PostgreSQL's primary key already
 * is the table's only unique index.
 */
async function eventSeqAsRowid(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`begin`.execute(db);
  try {
    await sql`create table events_by_seq (
      seq integer primary key,
      channel text not null,
      type text not null,
      data text not null,
      created_at text not null
    )`.execute(db);
    await sql`insert into events_by_seq (seq, channel, type, data, created_at)
      select seq, channel, type, data, created_at from events order by seq`.execute(db);
    await sql`drop table events`.execute(db);
    await sql`alter table events_by_seq rename to events`.execute(db);
    await sql`create index events_channel_seq on events (channel, seq)`.execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

/** Read positions and notification levels, per person and room. */
const readPositions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('read_positions')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
      .addColumn('read_seq', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('read_positions_pk', ['user_id', 'room_id'])
      .execute();
    await db.schema
      .createTable('notification_settings')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_settings_pk', ['user_id', 'room_id'])
      .execute();
    // People already in rooms have read what is there: an upgrade does not make all history unread.
    await sql`insert into read_positions (user_id, room_id, read_seq)
      select user_id, room_id, (select value from event_seq where id = 1) from room_members`.execute(db);
  },
};
migrations['0004_read_positions'] = readPositions;

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
