import { randomUUID } from 'node:crypto';
import type { EditMessageBody, HistoryPage, Message, PostMessageBody, User } from '@parley/protocol';
import { LIMITS } from '@parley/protocol';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Writer } from './writer.js';

/** Posting, reading and deleting messages. Routes have checked membership before calling these. */
export class MessagesService {
  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
  ) {}

  /** Idempotent on the client's message id: a retry returns the first result and publishes nothing. */
  postMessage(
    user: User,
    roomId: string,
    input: PostMessageBody,
  ): Promise<{ message: Message; created: boolean }> {
    const body = input.body.replace(/\r\n?/g, '\n');
    if (body.trim() === '') throw new AppError('validation_failed', 'A message cannot be empty');
    return this.writer.write<{ message: Message; created: boolean }>(async (t) => {
      const existing = await t.messages.find(input.id);
      if (existing) {
        const { deleted, ...message } = existing;
        const same =
          message.roomId === roomId && message.author.id === user.id && (deleted || message.body === body);
        if (!same)
          throw new AppError('message_id_conflict', 'That message id is already used by another message');
        return { value: { message, created: false }, events: [] };
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
      };
      const event = await t.events.append(
        roomId,
        (seq) => ({ type: 'message.created', seq, roomId, message: { ...draft, seq } }),
        now,
      );
      const message: Message = { ...draft, seq: event.seq };
      await t.messages.insert(message);
      return { value: { message, created: true }, events: [event] };
    });
  }

  async history(
    roomId: string,
    page: { before?: number | undefined; limit?: number | undefined },
  ): Promise<HistoryPage> {
    const limit = page.limit ?? LIMITS.historyPageDefault;
    // One extra row tells whether an older page exists without a second query.
    const rows = await this.store.messages.list(roomId, {
      ...(page.before !== undefined && { before: page.before }),
      limit: limit + 1,
    });
    const messages = rows.slice(0, limit);
    const oldest = messages.at(-1);
    return { messages, nextBefore: rows.length > limit && oldest ? oldest.seq : null };
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
      await t.messages.edit(messageId, body, now);
      const message: Message = { ...original, body, editedAt: now.toISOString() };
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
