import type { HistoryPage, Message, PostMessageBody, User } from '@parley/protocol';
import { LIMITS } from '@parley/protocol';
import type { EventBus } from '../bus/bus.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';

/** Posting and reading messages: authorize, persist with a seq, publish. */
export class Messages {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
  ) {}

  /** Idempotent on the client's message id: a retry returns the first result and publishes nothing. */
  async postMessage(
    user: User,
    roomId: string,
    input: PostMessageBody,
  ): Promise<{ message: Message; created: boolean }> {
    await this.requireMember(user, roomId);
    const body = input.body.replace(/\r\n?/g, '\n');
    if (body.trim() === '') throw new AppError('validation_failed', 'A message cannot be empty');
    const result = await this.store.appendMessage({
      id: input.id,
      roomId,
      author: user,
      body,
      now: new Date(),
    });
    switch (result.status) {
      case 'created':
        this.bus.publish(result.event);
        return { message: result.message, created: true };
      case 'existing':
        return { message: result.message, created: false };
      case 'conflict':
        throw new AppError('message_id_conflict', 'That message id is already used by another message');
    }
  }

  async history(
    user: User,
    roomId: string,
    page: { before?: number | undefined; limit?: number | undefined },
  ): Promise<HistoryPage> {
    await this.requireMember(user, roomId);
    const limit = page.limit ?? LIMITS.historyPageDefault;
    // One extra row tells whether an older page exists without a second query.
    const rows = await this.store.listMessages(roomId, {
      ...(page.before !== undefined && { before: page.before }),
      limit: limit + 1,
    });
    const messages = rows.slice(0, limit);
    const oldest = messages.at(-1);
    return { messages, nextBefore: rows.length > limit && oldest ? oldest.seq : null };
  }

  /** Non-members get the same 404 as for a room that does not exist: nothing leaks. */
  private async requireMember(user: User, roomId: string): Promise<void> {
    if (!(await this.store.isMember(roomId, user.id))) {
      throw new AppError('not_found', 'No such room');
    }
  }
}
