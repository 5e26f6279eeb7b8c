import { randomUUID } from 'node:crypto';
import type {
  EditMessageBody,
  HistoryPage,
  HistoryQuery,
  Message,
  PostMessageBody,
  User,
} from '@parley/protocol';
import { LIMITS, mentionedUsernames } from '@parley/protocol';
import { AppError } from '../errors.js';
import { quoteOf } from '../store/messages.js';
import type { Store, Tables } from '../store/store.js';
import type { Writer } from './writer.js';
import type { PublishedEvent } from '../bus/bus.js';
import { isPrimaryKeyTaken } from '../store/errors.js';

/** Posting, reading and deleting messages. Routes have checked membership before calling these. */
export class MessagesService {
  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
  ) {}

  /**
   * Idempotent on the client's message id: a retry returns the first result and publishes nothing.
   *
   * A retry is rare, so the new message is written first, without reading its id: the primary key
   * refuses a taken id, that transaction rolls back (its event and seq with it), and only then is the
   * stored message read and compared. Reading the id first cost a query on every post.
   */
  async postMessage(
    user: User,
    roomId: string,
    input: PostMessageBody,
  ): Promise<{ message: Message; created: boolean }> {
    const body = input.body.replace(/\r\n?/g, '\n');
    if (body.trim() === '') throw new AppError('validation_failed', 'A message cannot be empty');
    try {
      return await this.writer.write((t) => this.postNew(t, user, roomId, input, body));
    } catch (error) {
      if (!(error instanceof IdTaken)) throw error;
      return this.writer.write((t) => this.postAgain(t, user, roomId, input, body));
    }
  }

  private async postNew(
    t: Tables,
    user: User,
    roomId: string,
    input: PostMessageBody,
    body: string,
  ): Promise<{ value: { message: Message; created: true }; events: PublishedEvent[] }> {
    // A reply only to a live message of this room; any other id gets the same answer, so that
    // nothing is learnt about messages elsewhere.
    const original = input.replyTo === undefined ? undefined : await t.messages.find(input.replyTo);
    if (input.replyTo !== undefined && (!original || original.deleted || original.roomId !== roomId)) {
      // A retry whose original has been deleted since still gets its first answer.
      if (await t.messages.find(input.id)) throw new IdTaken();
      throw new AppError('reply_not_found', 'The message replied to is not in this room');
    }
    const now = new Date();
    const draft = {
      id: input.id,
      roomId,
      author: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        avatarColor: user.avatarColor,
      },
      body,
      createdAt: now.toISOString(),
      ...(original && { replyTo: quoteOf(original) }),
      mentions: await mentionedMembers(t, roomId, body),
    };
    const event = await t.events.append(
      roomId,
      (seq) => ({ type: 'message.created', seq, roomId, message: { ...draft, seq } }),
      now,
    );
    const message: Message = { ...draft, seq: event.seq };
    try {
      await t.messages.insert(message);
    } catch (error) {
      if (isPrimaryKeyTaken(error, 'messages')) throw new IdTaken();
      throw error;
    }
    return { value: { message, created: true }, events: [event] };
  }

  /** The id is taken: the first result if this is the same message again, else a conflict. */
  private async postAgain(
    t: Tables,
    user: User,
    roomId: string,
    input: PostMessageBody,
    body: string,
  ): Promise<{ value: { message: Message; created: false }; events: PublishedEvent[] }> {
    const existing = await t.messages.find(input.id);
    if (!existing) throw new Error(`message ${input.id} was refused as a duplicate but is not stored`);
    const { deleted, ...message } = existing;
    const same =
      message.roomId === roomId &&
      message.author.id === user.id &&
      message.replyTo?.id === input.replyTo &&
      (deleted || message.body === body);
    if (!same)
      throw new AppError('message_id_conflict', 'That message id is already used by another message');
    const [stored = message] = await withReactions(t, [message]);
    return { value: { message: stored, created: false }, events: [] };
  }

  /** One page of a room's history: the newest, older than `before`, newer than `after`, or `around` a message. */
  async history(roomId: string, query: HistoryQuery): Promise<HistoryPage> {
    const page = await this.page(roomId, query);
    return { ...page, messages: await withReactions(this.store, page.messages) };
  }

  private async page(roomId: string, query: HistoryQuery): Promise<HistoryPage> {
    const limit = query.limit ?? LIMITS.historyPageDefault;
    const cursors = [query.before, query.after, query.around].filter((cursor) => cursor !== undefined);
    if (cursors.length > 1) {
      throw new AppError('validation_failed', 'Give at most one of before, after and around');
    }
    if (query.around !== undefined) return this.pageAround(roomId, query.around, limit);
    if (query.after !== undefined) return this.pageAfter(roomId, query.after, limit);
    // One extra row tells whether an older page exists without a second query.
    const rows = await this.store.messages.list(roomId, {
      ...(query.before !== undefined && { before: query.before }),
      limit: limit + 1,
    });
    const messages = rows.slice(0, limit);
    const oldest = messages.at(-1);
    return { messages, nextBefore: rows.length > limit && oldest ? oldest.seq : null };
  }

  private async pageAfter(roomId: string, after: number, limit: number): Promise<HistoryPage> {
    const rows = await this.store.messages.listAfter(roomId, { after, limit: limit + 1 });
    const messages = rows.slice(0, limit).reverse();
    const newest = messages[0];
    const oldestSeq = messages.at(-1)?.seq ?? after + 1;
    const older = await this.store.messages.list(roomId, { before: oldestSeq, limit: 1 });
    return {
      messages,
      nextBefore: older.length > 0 ? oldestSeq : null,
      nextAfter: rows.length > limit && newest ? newest.seq : null,
    };
  }

  /**
   * The message with about as many older messages as newer ones around it. Near either end the page
   * takes more from the other side, so that it still fills a screen.
   */
  private async pageAround(roomId: string, messageId: string, limit: number): Promise<HistoryPage> {
    const target = await this.store.messages.find(messageId);
    if (!target || target.deleted || target.roomId !== roomId) {
      throw new AppError('not_found', 'No such message');
    }
    const { deleted: _deleted, ...message } = target;
    const [older, newer] = await Promise.all([
      this.store.messages.list(roomId, { before: message.seq, limit }),
      this.store.messages.listAfter(roomId, { after: message.seq, limit }),
    ]);
    const others = limit - 1;
    const takeNewer = Math.min(
      newer.length,
      Math.max(others - Math.floor(others / 2), others - older.length),
    );
    const takeOlder = Math.min(older.length, others - takeNewer);
    const messages = [...newer.slice(0, takeNewer).reverse(), message, ...older.slice(0, takeOlder)];
    return {
      messages,
      nextBefore: older.length > takeOlder ? (messages.at(-1)?.seq ?? null) : null,
      nextAfter: newer.length > takeNewer ? (messages[0]?.seq ?? null) : null,
    };
  }

  /** Only the author edits; everyone sees the new text in place, marked edited. */
  editMessage(actor: User, roomId: string, messageId: string, input: EditMessageBody): Promise<Message> {
    const body = input.body.replace(/\r\n?/g, '\n');
    if (body.trim() === '') throw new AppError('validation_failed', 'A message cannot be empty');
    return this.writer.write(async (t) => {
      const found = await t.messages.find(messageId);
      if (!found || found.deleted || found.roomId !== roomId)
        throw new AppError('not_found', 'No such message');
      if (found.author.id !== actor.id) throw new AppError('forbidden', 'Only the author can edit a message');
      const { deleted: _deleted, ...original } = found;
      const now = new Date();
      const mentions = await mentionedMembers(t, roomId, body);
      const edited: Message = { ...original, body, editedAt: now.toISOString(), mentions };
      await t.messages.edit(edited, now);
      const [message = edited] = await withReactions(t, [edited]);
      const event = await t.events.append(
        roomId,
        (seq) => ({ type: 'message.updated', seq, roomId, message }),
        now,
      );
      return { value: message, events: [event] };
    });
  }

  /** The author, a room owner or an admin may delete; it disappears for everyone. */
  deleteMessage(actor: User, roomId: string, messageId: string): Promise<void> {
    return this.writer.write(async (t) => {
      const actorRole = await t.rooms.role(roomId, actor.id);
      const message = await t.messages.find(messageId);
      if (
        !message ||
        message.deleted ||
        message.roomId !== roomId ||
        (!actorRole && actor.role !== 'admin')
      ) {
        throw new AppError('not_found', 'No such message');
      }
      const isAuthor = message.author.id === actor.id;
      if (!isAuthor && actorRole !== 'owner' && actor.role !== 'admin') {
        throw new AppError('forbidden', 'Only the author, a room owner or an admin can delete this message');
      }
      const now = new Date();
      await t.messages.markDeleted(messageId, now);
      await t.reactions.removeAll(messageId);
      const event = await t.events.append(
        roomId,
        (seq) => ({ type: 'message.deleted', seq, roomId, messageId }),
        now,
      );
      if (!isAuthor) {
        const room = await t.rooms.find(roomId);
        await t.audit.record({
          id: randomUUID(),
          actorId: actor.id,
          action: 'message.deleted',
          target: messageId,
          details: { author: message.author.username, room: room?.name ?? '', roomId },
          now,
        });
      }
      return { value: undefined, events: [event] };
    });
  }
}

/** The messages with their reactions, as every response carries them. */
export async function withReactions(tables: Tables, messages: Message[]): Promise<Message[]> {
  const reactions = await tables.reactions.of(messages.map((message) => message.id));
  return messages.map((message) => {
    const found = reactions.get(message.id);
    return found ? { ...message, reactions: found } : message;
  });
}

/**
 * The ids of the room's members that `body` @mentions, in order. Names of anyone else (not in the
 * room, or no such user) mention nobody: they are not stored and nothing is sent to them.
 */
async function mentionedMembers(t: Tables, roomId: string, body: string): Promise<string[]> {
  const usernames = mentionedUsernames(body);
  const ids = await t.rooms.memberIdsByUsername(roomId, usernames);
  return usernames.flatMap((username) => {
    const id = ids.get(username);
    return id === undefined ? [] : [id];
  });
}

/** Posting found the message id taken (a retry, or a client reusing an id). */
class IdTaken extends Error {
  override name = 'IdTaken';
}
