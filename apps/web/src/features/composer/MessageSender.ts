import type { Author, Message, PostMessageBody, QuotedMessage } from '@parley/protocol';
import { ApiError } from '../../api/ApiError';
import { backoffDelay } from '../../api/backoff';
import type { UnconfirmedMessage } from '../../api/messageCache';
import { newMessageId } from './messageId';
import type { Outbox } from './outbox';

export interface MessageSenderOptions {
  outbox: Outbox;
  post: (roomId: string, body: PostMessageBody) => Promise<Message>;
  /** Called with the server's copy before the outbox lets go of the pending one. */
  onConfirmed: (message: Message) => void;
  onSessionEnded: () => void;
  /** Resolves when the network is (probably) up; attempts made offline would only burn retries. */
  waitForNetwork: () => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newId?: () => string;
  /** How many times one message is tried before it is shown as failed. */
  maxAttempts?: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts messages from the outbox. Every attempt of a message uses its one client id, so a retry
 * after a lost answer never makes a second message (the server returns the first). Messages of a
 * room go one at a time, so they reach the server in the order they were written.
 */
export class MessageSender {
  private queues = new Map<string, Promise<void>>();

  constructor(private readonly options: MessageSenderOptions) {}

  send(roomId: string, author: Author, body: string, replyTo?: QuotedMessage): UnconfirmedMessage {
    const message: UnconfirmedMessage = {
      id: (this.options.newId ?? newMessageId)(),
      roomId,
      author,
      body,
      createdAt: new Date().toISOString(),
      status: 'pending',
      errorCode: null,
      ...(replyTo && { replyTo }),
    };
    this.options.outbox.put(message);
    this.enqueue(message);
    return message;
  }

  retry(id: string): void {
    const message = this.options.outbox.get(id);
    if (message?.status !== 'failed') return;
    const pending: UnconfirmedMessage = { ...message, status: 'pending', errorCode: null };
    this.options.outbox.put(pending);
    this.enqueue(pending);
  }

  discard(id: string): void {
    if (this.options.outbox.get(id)?.status === 'failed') this.options.outbox.remove(id);
  }

  /** Sends what was still pending when the page last closed. */
  resumePending(): void {
    for (const message of this.options.outbox.all()) {
      if (message.status === 'pending') this.enqueue(message);
    }
  }

  private enqueue(message: UnconfirmedMessage): void {
    const previous = this.queues.get(message.roomId) ?? Promise.resolve();
    this.queues.set(
      message.roomId,
      previous.then(() => this.deliver(message.id)),
    );
  }

  private async deliver(id: string): Promise<void> {
    const { outbox, maxAttempts = 6, sleep = wait } = this.options;
    for (let attempt = 0; ; attempt++) {
      await this.options.waitForNetwork();
      const message = outbox.get(id);
      if (message?.status !== 'pending') return; // Discarded, or already confirmed meanwhile.
      try {
        const confirmed = await this.options.post(message.roomId, {
          id,
          body: message.body,
          ...(message.replyTo && { replyTo: message.replyTo.id }),
        });
        this.options.onConfirmed(confirmed);
        outbox.remove(id);
        return;
      } catch (error) {
        const apiError = error instanceof ApiError ? error : null;
        if (apiError?.code === 'unauthenticated') this.options.onSessionEnded();
        if (!apiError?.isTransient || attempt + 1 >= maxAttempts) {
          outbox.put({ ...message, status: 'failed', errorCode: apiError?.code ?? 'unknown' });
          return;
        }
        await sleep(backoffDelay(attempt, this.options.random));
      }
    }
  }
}
