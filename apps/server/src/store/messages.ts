import type { Message } from '@parley/protocol';
import type { Selectable } from 'kysely';
import { toPerson } from './rows.js';
import type { Database, Db } from './schema.js';

export type MessageRow = Selectable<Database['messages']>;

const columns = [
  'messages.id',
  'messages.room_id',
  'messages.seq',
  'messages.author_id',
  'messages.body',
  'messages.created_at',
  'messages.edited_at',
  'messages.deleted_at',
  'users.id as user_id',
  'users.username',
  'users.display_name',
  'users.avatar_color',
] as const;

export class Messages {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<(Message & { deleted: boolean }) | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .innerJoin('users', 'users.id', 'messages.author_id')
      .select(columns)
      .where('messages.id', '=', id)
      .executeTakeFirst();
    return row && { ...toMessage(row), deleted: row.deleted_at !== null };
  }

  async insert(message: Message): Promise<void> {
    await this.db
      .insertInto('messages')
      .values({
        id: message.id,
        room_id: message.roomId,
        seq: message.seq,
        author_id: message.author.id,
        body: message.body,
        created_at: message.createdAt,
        edited_at: null,
        deleted_at: null,
      })
      .execute();
  }

  async edit(id: string, body: string, now: Date): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ body, edited_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Erases the body; the row stays so that a retried post of the same id is still recognised. */
  async markDeleted(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ body: '', deleted_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Newest first; `before` is exclusive; deleted messages are left out. */
  async list(roomId: string, page: { before?: number; limit: number }): Promise<Message[]> {
    let query = this.db
      .selectFrom('messages')
      .innerJoin('users', 'users.id', 'messages.author_id')
      .select(columns)
      .where('messages.room_id', '=', roomId)
      .where('messages.deleted_at', 'is', null);
    if (page.before !== undefined) query = query.where('messages.seq', '<', page.before);
    const rows = await query.orderBy('messages.seq', 'desc').limit(page.limit).execute();
    return rows.map(toMessage);
  }
}

function toMessage(
  row: MessageRow & { user_id: string; username: string; display_name: string; avatar_color: string },
): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    author: toPerson({ ...row, id: row.user_id }),
    body: row.body,
    createdAt: row.created_at,
    ...(row.edited_at !== null && { editedAt: row.edited_at }),
  };
}
