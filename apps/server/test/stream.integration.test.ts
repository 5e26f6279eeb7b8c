import { request as httpRequest, type ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyRequest } from 'fastify';
import { API_PATHS, PROTOCOL_VERSION } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { generalRoomId, listen, post, signUp, startApp, StreamReader } from './harness.js';

describe('GET /api/events', () => {
  it('refuses a visitor without a session with a 401 JSON error, never a stream', async () => {
    const app = await startApp();
    const base = await listen(app);
    const reader = await StreamReader.open(base);
    expect(reader.status).toBe(401);
    expect(reader.response.headers['content-type']).toMatch(/application\/json/);
    await reader.until((r) => r.closed);
    expect(reader.frames).toEqual([]);
  });

  it('answers HEAD with a plain 404, never a stream without a body', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const response = await fetch(new URL(API_PATHS.events, base), {
      method: 'HEAD',
      headers: { cookie: alice.cookie },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/event-stream/);
    expect(app.hub.stats().open).toBe(0);
  });

  it('opens with retry, X-Accel-Buffering and a hello carrying the protocol version, user and head seq', async () => {
    const app = await startApp({ SSE_RETRY_MS: '1500' });
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    await post(app, alice, room, 'before the stream');

    const reader = await StreamReader.open(base, { cookie: alice.cookie });
    expect(reader.status).toBe(200);
    expect(reader.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(reader.response.headers['x-accel-buffering']).toBe('no');
    // The body is not chunked: it runs until the connection closes, and frames are written as they are.
    expect(reader.response.headers['transfer-encoding']).toBeUndefined();
    expect(reader.response.headers['content-length']).toBeUndefined();
    expect(reader.response.headers['x-content-type-options']).toBe('nosniff');
    // Page-only security headers would be held per connection for nothing.
    expect(reader.response.headers['content-security-policy']).toBeUndefined();
    await reader.until((r) => r.events().length >= 1);
    expect(reader.frames[0]).toEqual({ retry: '1500' });
    const [hello] = reader.events();
    expect(hello).toEqual({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      user: alice.user,
      seq: (await app.store.events.bounds()).head,
      connectionId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      resumed: false,
    });
    expect(reader.frames.find((f) => f.data?.includes('"hello"'))?.id).toBeUndefined();
  });

  it("lets Fastify's request, reply and logger of an open stream be collected (memory per idle stream)", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const app = await startApp();
    const streamRequests: WeakRef<FastifyRequest>[] = [];
    const streamResponses: ServerResponse[] = [];
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url.startsWith(API_PATHS.events)) {
        streamRequests.push(new WeakRef(request));
        streamResponses.push(reply.raw);
      }
      done();
    });
    const base = await listen(app);
    const alice = await signUp(app);
    const reader = await StreamReader.open(base, { cookie: alice.cookie });
    await reader.until((r) => r.events().some((e) => e.type === 'hello'));
    expect(streamRequests).toHaveLength(1);

    await expect
      .poll(() => {
        gc();
        return streamRequests[0]?.deref();
      })
      .toBeUndefined();
    // Fastify's error listener went with it; an error on the response is still handled, not thrown.
    expect(() => streamResponses[0]?.emit('error', new Error('a failed write'))).not.toThrow();
    // Still streaming.
    const message = await post(app, alice, await generalRoomId(app, alice), 'still here');
    await reader.until((r) =>
      r.events().some((e) => e.type === 'message.created' && e.message.id === message.id),
    );
  });

  it('delivers a posted message live to every signed-in stream, with its seq as the SSE id', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const aliceStream = await StreamReader.open(base, { cookie: alice.cookie });
    const bobStream = await StreamReader.open(base, { cookie: bob.cookie });
    await bobStream.until((r) => r.events().some((e) => e.type === 'hello'));
    await aliceStream.until((r) => r.events().some((e) => e.type === 'hello'));

    const message = await post(app, alice, room, 'hello bob');
    await bobStream.until((r) => r.messageSeqs().length === 1);
    const frame = bobStream.frames.find((f) => f.data?.includes('message.created'));
    expect(frame?.id).toBe(String(message.seq));
    expect(bobStream.events().at(-1)).toEqual({
      type: 'message.created',
      seq: message.seq,
      roomId: room,
      message,
    });
    await aliceStream.until((r) => r.messageSeqs().length === 1);
  });

  it('replays exactly the events after Last-Event-ID, in order, then continues live', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await post(app, alice, room, `m${i}`));

    const reader = await StreamReader.open(base, { cookie: alice.cookie, lastEventId: String(sent[1]!.seq) });
    await reader.until((r) => r.messageSeqs().length === 3);
    expect(reader.events()[0]).toMatchObject({ type: 'hello', resumed: true, seq: sent[4]!.seq });
    expect(reader.messageSeqs()).toEqual(sent.slice(2).map((m) => m.seq));

    const live = await post(app, alice, room, 'live');
    await reader.until((r) => r.messageSeqs().length === 4);
    expect(reader.messageSeqs()).toEqual([...sent.slice(2).map((m) => m.seq), live.seq]);
  });

  it('takes ?since= for a first connect from cached state, and Last-Event-ID over it', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push(await post(app, alice, room, `m${i}`));

    const bySince = await StreamReader.open(base, { cookie: alice.cookie, query: `?since=${sent[2]!.seq}` });
    await bySince.until((r) => r.messageSeqs().length === 1);
    expect(bySince.messageSeqs()).toEqual([sent[3]!.seq]);

    const both = await StreamReader.open(base, {
      cookie: alice.cookie,
      query: `?since=${sent[2]!.seq}`,
      lastEventId: String(sent[0]!.seq),
    });
    await both.until((r) => r.messageSeqs().length === 3);
    expect(both.messageSeqs()).toEqual(sent.slice(1).map((m) => m.seq));
  });

  it('leaves no gap and no duplicate at the replay/live seam while messages are being posted', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '100000' });
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const total = 300;
    const { head: start } = await app.store.events.bounds();

    // Post continuously while readers connect at many positions in the middle of it.
    let posted = 0;
    const posting = (async () => {
      for (; posted < total; posted++) await post(app, alice, room, `burst ${posted}`);
    })();
    const readers: { from: number; reader: StreamReader }[] = [];
    while (posted < total - 20) {
      const from = start + posted;
      readers.push({
        from,
        reader: await StreamReader.open(base, { cookie: alice.cookie, lastEventId: String(from) }),
      });
      // One reader per position: the next connects once another message has landed (on a slower
      // store, connecting in a tight loop would open a thousand streams at the same few positions).
      while (start + posted === from) await new Promise((resolve) => setImmediate(resolve));
    }
    await posting;

    expect(readers.length).toBeGreaterThan(5);
    for (const { from, reader } of readers) {
      await reader.until((r) => r.messageSeqs().at(-1) === start + total);
      const expected = Array.from({ length: start + total - from }, (_, i) => from + 1 + i);
      expect(reader.messageSeqs()).toEqual(expected);
    }
  });

  it('sends resync with the head as its id when the gap is older than the log keeps', async () => {
    const app = await startApp({ EVENT_LOG_RETENTION: '100' });
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    for (let i = 0; i < 105; i++) await post(app, alice, room, `m${i}`);
    const { head } = await app.store.events.bounds();
    expect(await app.store.events.prune(100)).toBe(head - 100);
    const oldest = head - 99;

    // The event after `oldest - 1` is still in the log: replayed.
    const replayable = await StreamReader.open(base, {
      cookie: alice.cookie,
      lastEventId: String(oldest - 1),
    });
    await replayable.until((r) => r.messageSeqs().length === 100);
    expect(replayable.events().some((e) => e.type === 'resync')).toBe(false);

    const tooOld = await StreamReader.open(base, { cookie: alice.cookie, lastEventId: String(oldest - 2) });
    await tooOld.until((r) => r.events().some((e) => e.type === 'resync'));
    expect(tooOld.events().slice(0, 2)).toMatchObject([
      { type: 'hello', resumed: false },
      { type: 'resync', seq: head, reason: 'gap_too_old' },
    ]);
    expect(tooOld.frames.find((f) => f.data?.includes('resync'))?.id).toBe(String(head));
    expect(tooOld.messageSeqs()).toEqual([]);

    // After resync the stream is live from the head.
    const next = await post(app, alice, room, 'after resync');
    await tooOld.until((r) => r.messageSeqs().length === 1);
    expect(tooOld.messageSeqs()).toEqual([next.seq]);
  });

  it('sends resync when the client claims a position the log never reached, or an unreadable one', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const { head } = await app.store.events.bounds();
    for (const lastEventId of ['999', 'not-a-seq']) {
      const reader = await StreamReader.open(base, { cookie: alice.cookie, lastEventId });
      await reader.until((r) => r.events().some((e) => e.type === 'resync'));
      expect(reader.events()[1]).toEqual({ type: 'resync', seq: head, reason: 'unknown_position' });
    }
  });

  it('sends a heartbeat comment on idle streams', async () => {
    const app = await startApp({ HEARTBEAT_MS: '50' });
    const base = await listen(app);
    const alice = await signUp(app);
    const reader = await StreamReader.open(base, { cookie: alice.cookie });
    await reader.until((r) => r.frames.filter((f) => f.comment === 'ping').length >= 2);
  });

  it('forgets a stream when its client disconnects', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const reader = await StreamReader.open(base, { cookie: alice.cookie });
    await reader.until((r) => r.events().length > 0);
    expect(app.hub.stats().open).toBe(1);
    reader.close();
    await expect.poll(() => app.hub.stats().open).toBe(0);
  });

  it('cuts off a subscriber that stops reading once its buffer passes the bound; it resumes without loss', async () => {
    const app = await startApp({ SLOW_CONSUMER_BYTES: '65536', RATE_LIMIT_POSTS_PER_MINUTE: '100000' });
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const { head: start } = await app.store.events.bounds();
    const slow = await StreamReader.open(base, { cookie: alice.cookie });
    await slow.until((r) => r.events().length > 0);
    slow.pause();

    const body = 'x'.repeat(3500);
    let last = 0;
    // Four at a time: filling the socket buffers takes hundreds of posts, each a few round trips to
    // the database on PostgreSQL; the writer still commits them one by one.
    for (let i = 0; app.hub.stats().cutOff === 0; i += 4) {
      if (i > 2000) throw new Error('the slow subscriber was never cut off');
      const batch = await Promise.all([0, 1, 2, 3].map((k) => post(app, alice, room, `${i + k} ${body}`)));
      last = Math.max(...batch.map((message) => message.seq));
    }
    expect(app.hub.stats()).toEqual({ open: 0, cutOff: 1 });

    // It comes back with the last id it saw and gets everything after it.
    const seen = slow.messageSeqs().at(-1) ?? 0;
    const resumed = await StreamReader.open(base, { cookie: alice.cookie, lastEventId: String(seen) });
    await resumed.until((r) => r.messageSeqs().at(-1) === last);
    const first = Math.max(seen, start) + 1;
    expect(resumed.messageSeqs()).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
  });

  it('tells open streams to reconnect and ends them when the app shuts down', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const reader = await StreamReader.open(base, { cookie: alice.cookie });
    await reader.until((r) => r.events().length > 0);
    await app.close();
    await reader.until((r) => r.closed);
    expect(reader.events().at(-1)).toEqual({ type: 'reconnect', reason: 'server_shutdown' });
  });

  it('sends CORS headers for an allowed origin on the stream, so a separately deployed web app can read it', async () => {
    const app = await startApp({ CORS_ORIGINS: 'http://localhost:5999' });
    const base = await listen(app);
    const alice = await signUp(app);
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = httpRequest(new URL(API_PATHS.events, base), {
        headers: { cookie: alice.cookie, origin: 'http://localhost:5999' },
      });
      req.on('response', (res) => {
        resolve(res.headers);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(headers['access-control-allow-origin']).toBe('http://localhost:5999');
    expect(headers['access-control-allow-credentials']).toBe('true');
  });
});
