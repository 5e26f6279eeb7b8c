import { describe, expect, it, vi } from 'vitest';
import type { Message, PostMessageBody } from '@parley/protocol';
import { ApiError } from '../../api/ApiError';
import { MessageSender } from './MessageSender';
import { Outbox } from './outbox';

const author = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
let seq = 0;
const confirm = (roomId: string, { id, body }: PostMessageBody): Message => ({
  id,
  body,
  roomId,
  seq: ++seq,
  author,
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
});

function setup(post: (roomId: string, body: PostMessageBody) => Promise<Message>, maxAttempts = 3) {
  const outbox = new Outbox(null, 'u1');
  const onConfirmed = vi.fn<(message: Message) => void>();
  const onSessionEnded = vi.fn();
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  let ids = 0;
  const sender = new MessageSender({
    outbox,
    post: vi.fn(post),
    onConfirmed,
    onSessionEnded,
    waitForNetwork: () => Promise.resolve(),
    sleep,
    random: () => 0,
    newId: () => `id-${++ids}`,
    maxAttempts,
  });
  return { outbox, sender, onConfirmed, onSessionEnded, sleep };
}

/** Lets every queued attempt run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MessageSender', () => {
  it('shows the message as pending at once, then hands over the confirmed copy', async () => {
    const { outbox, sender, onConfirmed } = setup((roomId, body) => Promise.resolve(confirm(roomId, body)));
    const pending = sender.send('r1', author, 'hello');
    expect(outbox.inRoom('r1')).toEqual([pending]);
    expect(pending.status).toBe('pending');
    await settle();
    expect(onConfirmed).toHaveBeenCalledWith(expect.objectContaining({ id: pending.id, body: 'hello' }));
    expect(outbox.inRoom('r1')).toEqual([]);
  });

  it('posts a reply with the id of the original, and keeps the quote on the pending message', async () => {
    const posted: PostMessageBody[] = [];
    const { sender } = setup((roomId, body) => {
      posted.push(body);
      return Promise.resolve(confirm(roomId, body));
    });
    const quote = { id: 'orig', seq: 4, deleted: false, author, excerpt: 'what time?' };
    const pending = sender.send('r1', author, 'at 3', quote);
    expect(pending.replyTo).toEqual(quote);
    await settle();
    expect(posted).toEqual([{ id: pending.id, body: 'at 3', replyTo: 'orig' }]);
  });

  it('retries network errors, 5xx and 429 with backoff, always with the same id', async () => {
    const failures = [
      ApiError.network(new TypeError('Failed to fetch')),
      ApiError.fromResponse(503, null),
      ApiError.fromResponse(429, null),
    ];
    const posted: PostMessageBody[] = [];
    const { sender, onConfirmed, sleep } = setup((roomId, body) => {
      posted.push(body);
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve(confirm(roomId, body));
    }, 6);
    sender.send('r1', author, 'hello');
    await settle();
    expect(posted.map((body) => body.id)).toEqual(['id-1', 'id-1', 'id-1', 'id-1']);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([250, 500, 1000]);
    expect(onConfirmed).toHaveBeenCalledOnce();
  });

  it('marks the message failed, keeping its text, after the last attempt', async () => {
    const { outbox, sender } = setup(() => Promise.reject(ApiError.fromResponse(500, null)), 3);
    const { id } = sender.send('r1', author, 'keep me');
    await settle();
    expect(outbox.get(id)).toMatchObject({ status: 'failed', body: 'keep me', errorCode: 'internal_error' });
  });

  it('does not retry a request the server refused as invalid', async () => {
    const post = vi.fn(() =>
      Promise.reject(ApiError.fromResponse(400, { error: { code: 'validation_failed', message: '' } })),
    );
    const { outbox, sender } = setup(post);
    const { id } = sender.send('r1', author, 'x');
    await settle();
    expect(post).toHaveBeenCalledOnce();
    expect(outbox.get(id)?.errorCode).toBe('validation_failed');
  });

  it('reports an ended session and keeps the message as failed', async () => {
    const { outbox, sender, onSessionEnded } = setup(() =>
      Promise.reject(ApiError.fromResponse(401, { error: { code: 'unauthenticated', message: '' } })),
    );
    const { id } = sender.send('r1', author, 'x');
    await settle();
    expect(onSessionEnded).toHaveBeenCalledOnce();
    expect(outbox.get(id)?.status).toBe('failed');
  });

  it('sends a failed message again with its id when retried', async () => {
    let fail = true;
    const posted: string[] = [];
    const { outbox, sender } = setup((roomId, body) => {
      posted.push(body.id);
      return fail ? Promise.reject(ApiError.fromResponse(400, null)) : Promise.resolve(confirm(roomId, body));
    });
    const { id } = sender.send('r1', author, 'x');
    await settle();
    fail = false;
    sender.retry(id);
    expect(outbox.get(id)?.status).toBe('pending');
    await settle();
    expect(posted).toEqual([id, id]);
    expect(outbox.get(id)).toBeUndefined();
  });

  it('posts the messages of a room one at a time, in the order they were written', async () => {
    const order: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const { sender } = setup(async (roomId, body) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      // The first answer is slower: sent in parallel, the second would overtake it.
      await new Promise((resolve) => setTimeout(resolve, body.body === 'first' ? 5 : 0));
      order.push(body.body);
      inFlight--;
      return confirm(roomId, body);
    });
    sender.send('r1', author, 'first');
    sender.send('r1', author, 'second');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first', 'second']);
    expect(mostInFlight).toBe(1);
  });

  it('resends what was pending when the page closed', async () => {
    const outbox = new Outbox(null, 'u1');
    outbox.put({
      id: 'left-over',
      roomId: 'r1',
      author,
      body: 'from before the reload',
      createdAt: '2025-01-01T00:00:00.000Z',
      status: 'pending',
      errorCode: null,
    });
    const post = vi.fn((roomId: string, body: PostMessageBody) => Promise.resolve(confirm(roomId, body)));
    const sender = new MessageSender({
      outbox,
      post,
      onConfirmed: vi.fn(),
      onSessionEnded: vi.fn(),
      waitForNetwork: () => Promise.resolve(),
    });
    sender.resumePending();
    await settle();
    expect(post).toHaveBeenCalledWith('r1', { id: 'left-over', body: 'from before the reload' });
    expect(outbox.all()).toEqual([]);
  });
});
