import { quoteExcerpt, type Message, type QuotedMessage } from '@parley/protocol';
import type { Selectable } from 'kysely';
import { PreparedQuery } from './prepared.js';
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
  'messages.reply_to_id',
  'quoted.seq as quoted_seq',
  'quoted.body as quoted_body',
  'quoted.deleted_at as quoted_deleted_at',
  'quoted_author.id as quoted_author_id',
  'quoted_author.username as quoted_username',
  'quoted_author.display_name as quoted_display_name',
  'quoted_author.avatar_color as quoted_avatar_color',
] as const;

/** A message found by id, deleted or not (a deleted one keeps its row, with its body erased). */
export type FoundMessage = Message & { deleted: boolean };

/** The message, its author and, for a reply, the original (same room only) and its author. */
function withAuthorAndQuote(db: Db) {
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.author_id')
    .leftJoin('messages as quoted', (join) =>
      join.onRef('quoted.id', '=', 'messages.reply_to_id').onRef('quoted.room_id', '=', 'messages.room_id'),
    )
    .leftJoin('users as quoted_author', 'quoted_author.id', 'quoted.author_id');
}

// Posting a message reads its id (a retry is recognised) and inserts it.
const findById = new PreparedQuery((db: Db, id: string) =>
  withAuthorAndQuote(db).select(columns).where('messages.id', '=', id),
);
const insertNew = new PreparedQuery(
  (
    db: Db,
    id: string,
    roomId: string,
    seq: number,
    authorId: string,
    body: string,
    createdAt: string,
    replyToId: string | null,
  ) =>
    db.insertInto('messages').values({
      id,
      room_id: roomId,
      seq,
      author_id: authorId,
      body,
      created_at: createdAt,
      edited_at: null,
      deleted_at: null,
      reply_to_id: replyToId,
    }),
);

export class Messages {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<FoundMessage | undefined> {
    const row = await findById.first(this.db, id);
    if (!row) return undefined;
    const mentions = await this.mentionsOf([id]);
    return { ...toMessage(row, mentions.get(id)), deleted: row.deleted_at !== null };
  }

  async insert(message: Message): Promise<void> {
    await insertNew.execute(
      this.db,
      message.id,
      message.roomId,
      message.seq,
      message.author.id,
      message.body,
      message.createdAt,
      message.replyTo?.id ?? null,
    );
    await this.insertMentions(message);
  }

  /** New text and who it mentions now; `message` carries the new body and mentions. */
  async edit(message: Message, now: Date): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ body: message.body, edited_at: now.toISOString() })
      .where('id', '=', message.id)
      .execute();
    await this.db.deleteFrom('message_mentions').where('message_id', '=', message.id).execute();
    await this.insertMentions(message);
  }

  private async insertMentions(message: Message): Promise<void> {
    if (message.mentions.length === 0) return;
    await this.db
      .insertInto('message_mentions')
      .values(
        message.mentions.map((userId, ordinal) => ({
          message_id: message.id,
          user_id: userId,
          room_id: message.roomId,
          seq: message.seq,
          ordinal,
        })),
      )
      .execute();
  }

  /** Mentioned user ids per message id, in body order; messages that mention nobody are absent. */
  private async mentionsOf(messageIds: string[]): Promise<Map<string, string[]>> {
    const byMessage = new Map<string, string[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await this.db
      .selectFrom('message_mentions')
      .select(['message_id', 'user_id'])
      .where('message_id', 'in', messageIds)
      .orderBy('message_id')
      .orderBy('ordinal')
      .execute();
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(row.user_id);
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }

  /** Erases the body; the row stays so that a retried post of the same id is still recognised. */
  async markDeleted(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ body: '', deleted_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    // A deleted message mentions nobody any more (it no longer counts as an unread mention).
    await this.db.deleteFrom('message_mentions').where('message_id', '=', id).execute();
  }

  /** Newest first; `before` is exclusive; deleted messages are left out. */
  async list(roomId: string, page: { before?: number; limit: number }): Promise<Message[]> {
    let query = this.visibleIn(roomId);
    if (page.before !== undefined) query = query.where('messages.seq', '<', page.before);
    const rows = await query.orderBy('messages.seq', 'desc').limit(page.limit).execute();
    return this.withMentions(rows);
  }

  /** The oldest `limit` messages with a seq above `after` (exclusive), oldest first; no deleted ones. */
  async listAfter(roomId: string, page: { after: number; limit: number }): Promise<Message[]> {
    const rows = await this.visibleIn(roomId)
      .where('messages.seq', '>', page.after)
      .orderBy('messages.seq', 'asc')
      .limit(page.limit)
      .execute();
    return this.withMentions(rows);
  }

  private async withMentions(rows: Parameters<typeof toMessage>[0][]): Promise<Message[]> {
    const mentions = await this.mentionsOf(rows.map((row) => row.id));
    return rows.map((row) => toMessage(row, mentions.get(row.id)));
  }

  /** The messages with these seqs, newest first; deleted ones are left out. */
  async listBySeq(seqs: readonly number[]): Promise<Message[]> {
    if (seqs.length === 0) return [];
    const rows = await withAuthorAndQuote(this.db)
      .select(columns)
      .where('messages.seq', 'in', seqs)
      .where('messages.deleted_at', 'is', null)
      .orderBy('messages.seq', 'desc')
      .execute();
    return this.withMentions(rows);
  }

  private visibleIn(roomId: string) {
    return withAuthorAndQuote(this.db)
      .select(columns)
      .where('messages.room_id', '=', roomId)
      .where('messages.deleted_at', 'is', null);
  }
}

/** What a reply shows of `original`. */
export function quoteOf(
  original: Pick<FoundMessage, 'id' | 'seq' | 'deleted' | 'author' | 'body'>,
): QuotedMessage {
  if (original.deleted) return { id: original.id, seq: original.seq, deleted: true };
  return {
    id: original.id,
    seq: original.seq,
    deleted: false,
    author: original.author,
    excerpt: quoteExcerpt(original.body),
  };
}

type QuoteColumns = {
  quoted_seq: number | null;
  quoted_body: string | null;
  quoted_deleted_at: string | null;
  quoted_author_id: string | null;
  quoted_username: string | null;
  quoted_display_name: string | null;
  quoted_avatar_color: string | null;
};

function toMessage(
  row: MessageRow & {
    user_id: string;
    username: string;
    display_name: string;
    avatar_color: string;
  } & QuoteColumns,
  mentions: string[] = [],
): Message {
  const replyTo = row.reply_to_id === null ? undefined : toQuote(row.reply_to_id, row);
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    author: toPerson({ ...row, id: row.user_id }),
    body: row.body,
    createdAt: row.created_at,
    ...(row.edited_at !== null && { editedAt: row.edited_at }),
    ...(replyTo && { replyTo }),
    mentions,
  };
}

function toQuote(id: string, row: QuoteColumns): QuotedMessage | undefined {
  // The join finds nothing only if the original is gone from another room, which posting refuses.
  if (row.quoted_seq === null) return undefined;
  if (row.quoted_deleted_at !== null || row.quoted_author_id === null) {
    return { id, seq: row.quoted_seq, deleted: true };
  }
  return quoteOf({
    id,
    seq: row.quoted_seq,
    body: row.quoted_body ?? '',
    deleted: false,
    author: toPerson({
      id: row.quoted_author_id,
      username: row.quoted_username ?? '',
      display_name: row.quoted_display_name ?? '',
      avatar_color: row.quoted_avatar_color ?? '',
    }),
  });
}
