import { randomUUID } from 'node:crypto';
import { API_PATHS, LIMITS, type HistoryPage, type Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { isPrimaryKeyTaken } from '../src/store/errors.js';
import { generalRoomId, post, signUp, startApp } from './harness.js';

describe('messages', () => {
  it('posting the same client id twice makes one message and one event; the retry gets 200 and the original', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const published: number[] = [];
    app.bus.subscribe({
      event: (event) => published.push(event.seq),
      disconnect: () => undefined,
      signal: () => undefined,
    });
    const id = randomUUID();
    const send = () =>
      app.inject({
        method: 'POST',
        url: API_PATHS.roomMessages(room),
        headers: { cookie: alice.cookie },
        payload: { id, body: 'only once' },
      });

    const first = await send();
    const retry = await send();
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ message: Message }>().message).toEqual(first.json<{ message: Message }>().message);
    expect(published).toEqual([first.json<{ message: Message }>().message.seq]);

    const history = await app.inject({
      method: 'GET',
      url: API_PATHS.roomMessages(room),
      headers: { cookie: alice.cookie },
    });
    expect(history.json<HistoryPage>().messages.map((m) => m.id)).toEqual([id]);
    const logged = await app.store.events.since(0, [room], 10);
    expect(logged.filter((e) => e.data.includes('"message.created"'))).toHaveLength(1);
  });

  it('a retry takes no seq: the refused attempt rolls back with its event, and the next post follows the first', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const first = await post(app, alice, room, 'first');
    const retry = await app.inject({
      method: 'POST',
      url: API_PATHS.roomMessages(room),
      headers: { cookie: alice.cookie },
      payload: { id: first.id, body: 'first' },
    });
    expect(retry.statusCode).toBe(200);
    expect((await app.store.events.bounds()).head).toBe(first.seq);
    expect((await post(app, alice, room, 'next')).seq).toBe(first.seq + 1);
  });

  it('tells a taken message id from other refused inserts, on this database', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const first = await post(app, alice, room, 'first');
    const refusal = (message: Message) =>
      app.store.messages.insert(message).then(
        () => new Error('the insert was not refused'),
        (error: unknown) => error,
      );
    expect(isPrimaryKeyTaken(await refusal({ ...first, seq: first.seq + 100 }), 'messages')).toBe(true);
    const seqTaken = await refusal({ ...first, id: randomUUID() });
    expect(seqTaken).toBeInstanceOf(Error);
    expect(isPrimaryKeyTaken(seqTaken, 'messages')).toBe(false);
    expect(isPrimaryKeyTaken(await refusal({ ...first, seq: first.seq + 100 }), 'events')).toBe(false);
  });

  it('concurrent retries of one post still make exactly one message', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const id = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: API_PATHS.roomMessages(room),
          headers: { cookie: alice.cookie },
          payload: { id, body: 'racing' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await app.store.messages.list(room, { limit: 10 })).toHaveLength(1);
  });

  it('refuses to reuse a message id for different content with 409 message_id_conflict, changing nothing', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const original = await post(app, alice, room, 'original');
    for (const [who, body] of [
      [alice, 'edited?'],
      [bob, 'original'],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: API_PATHS.roomMessages(room),
        headers: { cookie: who.cookie },
        payload: { id: original.id, body },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'message_id_conflict' } });
    }
    expect(await app.store.messages.list(room, { limit: 10 })).toEqual([original]);
  });

  it('pages history newest first by cursor, without overlap, until nextBefore is null', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const sent: Message[] = [];
    for (let i = 0; i < 45; i++) sent.push(await post(app, alice, room, `m${i}`));

    const pages: HistoryPage[] = [];
    let before: number | null | undefined;
    do {
      const query = `?limit=20${before ? `&before=${before}` : ''}`;
      const response = await app.inject({
        method: 'GET',
        url: API_PATHS.roomMessages(room) + query,
        headers: { cookie: alice.cookie },
      });
      expect(response.statusCode).toBe(200);
      const page = response.json<HistoryPage>();
      pages.push(page);
      before = page.nextBefore;
    } while (before !== null && pages.length < 10);

    expect(pages.map((p) => p.messages.length)).toEqual([20, 20, 5]);
    expect(pages.flatMap((p) => p.messages.map((m) => m.body))).toEqual(sent.map((m) => m.body).reverse());
    expect(pages.at(-1)!.nextBefore).toBeNull();
  });

  it('uses the default page size, and an empty room has an empty first page', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const empty = await app.inject({
      method: 'GET',
      url: API_PATHS.roomMessages(room),
      headers: { cookie: alice.cookie },
    });
    expect(empty.json()).toEqual({ messages: [], nextBefore: null });
    for (let i = 0; i < LIMITS.historyPageDefault + 1; i++) await post(app, alice, room, `m${i}`);
    const page = await app.inject({
      method: 'GET',
      url: API_PATHS.roomMessages(room),
      headers: { cookie: alice.cookie },
    });
    expect(page.json<HistoryPage>().messages).toHaveLength(LIMITS.historyPageDefault);
    const messages = page.json<HistoryPage>().messages;
    expect(page.json<HistoryPage>().nextBefore).toBe(messages.at(-1)!.seq);
  });

  it('keeps newlines and unicode, normalising CRLF', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, '第一行\r\n<b>second</b> line 🎉');
    expect(message.body).toBe('第一行\n<b>second</b> line 🎉');
  });

  it('rate-limits posting per user with 429 rate_limited, and another user is unaffected', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '3' });
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    for (let i = 0; i < 3; i++) await post(app, alice, room, `m${i}`);
    const limited = await app.inject({
      method: 'POST',
      url: API_PATHS.roomMessages(room),
      headers: { cookie: alice.cookie },
      payload: { id: randomUUID(), body: 'one too many' },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    await post(app, bob, room, 'bob is fine');
  });
});
