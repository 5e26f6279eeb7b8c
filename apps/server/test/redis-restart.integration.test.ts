import { randomUUID } from 'node:crypto';
import { API_PATHS } from '@parley/protocol';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { Disconnect } from '../src/bus/bus.js';
import { RedisBus } from '../src/bus/redis-bus.js';
import {
  call,
  generalRoomId,
  listen,
  post,
  signUp,
  startInstances,
  StreamReader,
  type TestUser,
} from './harness.js';
import { startPrivateRedis } from './processes.js';

const hello = (r: StreamReader) => r.events().some((e) => e.type === 'hello');

/** Waits until the instance's readiness says `bus`, polling /readyz as a load balancer would. */
async function untilBus(app: App, bus: 'ok' | 'failing'): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await app.inject('/readyz');
    if (response.json<{ checks: { bus: string } }>().checks.bus === bus) return response.statusCode;
    if (Date.now() > deadline) throw new Error(`/readyz never reported the bus ${bus}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('when Redis restarts', () => {
  it('reports the bus down, keeps every event flowing from the log, and reconnects by itself', async () => {
    const redis = await startPrivateRedis();
    const [a, b] = (await startInstances(2, { REDIS_URL: redis.url })) as [App, App];
    const baseB = await listen(b);
    const admin = await signUp(a, 'root');
    const alice = await signUp(a, 'alice');
    const bob = await signUp(a, 'bob');
    const carol = await signUp(a, 'carol');
    const room = await generalRoomId(a, alice);
    const bobOnB = await StreamReader.open(baseB, { cookie: bob.cookie });
    const carolOnB = await StreamReader.open(baseB, { cookie: carol.cookie });
    await Promise.all([bobOnB.until(hello), carolOnB.until(hello)]);
    const before = await post(a, alice, room, 'before the outage');
    await bobOnB.until((r) => r.messageSeqs().includes(before.seq));

    await redis.kill();
    expect(await untilBus(a, 'failing')).toBe(503);
    expect(await untilBus(b, 'failing')).toBe(503);

    // Posting goes on (each instance counts rate limits on its own), and the other instance finds the
    // events in the log.
    const during: number[] = [];
    for (let i = 0; i < 5; i++) during.push((await post(a, alice, room, `during ${i}`)).seq);
    // Carol is deactivated on A; the disconnect cannot reach B while Redis is down.
    expect((await call(a, admin, 'POST', API_PATHS.adminDeactivateUser(carol.user.id))).status).toBe(204);
    await bobOnB.until((r) => r.messageSeqs().includes(during.at(-1)!));
    // A client that reconnects meanwhile resumes from the log as usual.
    const resumed = await StreamReader.open(baseB, { cookie: bob.cookie, lastEventId: String(before.seq) });
    await resumed.until((r) => r.messageSeqs().includes(during.at(-1)!));
    expect(resumed.messageSeqs()).toEqual(during);

    await redis.start();
    expect(await untilBus(a, 'ok')).toBe(200);
    expect(await untilBus(b, 'ok')).toBe(200);
    // Back on the bus, B re-checks its streams' sessions and closes the one that ended meanwhile.
    await carolOnB.until((r) => r.closed);
    const after = await post(a, alice, room, 'after the outage');
    await bobOnB.until((r) => r.messageSeqs().includes(after.seq));
    expect(bobOnB.messageSeqs()).toEqual([before.seq, ...during, after.seq]);
    expect(bobOnB.closed).toBe(false);
  });
});

describe('a disconnect published while the connection to Redis is down', () => {
  it('is sent once it is back, so the other instances still close those streams', async () => {
    const redis = await startPrivateRedis();
    const [app] = (await startInstances(1)) as [App];
    const open = () =>
      RedisBus.open({
        url: redis.url,
        prefix: 'p:',
        log: app.store.events,
        logger: { warn: () => undefined, info: () => undefined },
        // A second between losing the connection and the first retry: time to publish meanwhile.
        reconnectBackoffMs: 1000,
      });
    const [sender, receiver] = [await open(), await open()];
    const heard: Disconnect[] = [];
    receiver.subscribe({ event: () => undefined, disconnect: (d) => heard.push(d), signal: () => undefined });
    const admin = new Redis(redis.url);
    try {
      // The publishing connections drop; the subscribing ones (type pubsub) stay.
      await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await waitFor(() => !sender.healthy());
      sender.disconnect({ userId: 'u1' });
      await waitFor(() => heard.length > 0);
      expect(heard).toEqual([{ userId: 'u1' }]);
    } finally {
      admin.disconnect();
      await Promise.all([sender.close(), receiver.close()]);
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One instance on a Redis of the test's own, posting limited to 3 a minute, and a user to post. */
async function limitedOnPrivateRedis() {
  const redis = await startPrivateRedis();
  const [a] = (await startInstances(1, { REDIS_URL: redis.url, RATE_LIMIT_POSTS_PER_MINUTE: '3' })) as [App];
  const alice = await signUp(a, 'alice');
  return { redis, a, alice, room: await generalRoomId(a, alice) };
}

/** Three posts go through; the fourth gets 429 rate_limited. */
async function expectFourthPostLimited(app: App, who: TestUser, room: string) {
  for (const body of ['one', 'two', 'three']) await post(app, who, room, body);
  const fourth = await call(app, who, 'POST', API_PATHS.roomMessages(room), {
    id: randomUUID(),
    body: 'four',
  });
  expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
}

describe('rate limits across instances', () => {
  it("counts a user's posts on every instance against one limit", async () => {
    const [a, b] = (await startInstances(2, { RATE_LIMIT_POSTS_PER_MINUTE: '3' })) as [App, App];
    const alice = await signUp(a, 'alice');
    const room = await generalRoomId(a, alice);
    await post(a, alice, room, 'one');
    await post(b, alice, room, 'two');
    await post(a, alice, room, 'three');
    const fourth = await call(b, alice, 'POST', API_PATHS.roomMessages(room), {
      id: randomUUID(),
      body: 'four',
    });
    expect(fourth).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
  });

  it('still limits each instance on its own while Redis is down', async () => {
    const { redis, a, alice, room } = await limitedOnPrivateRedis();
    await redis.kill();
    expect(await untilBus(a, 'failing')).toBe(503);
    await expectFourthPostLimited(a, alice, room);
  });

  it('does not wait on a Redis that keeps its connections but answers nothing', async () => {
    const { redis, a, alice, room } = await limitedOnPrivateRedis();
    redis.freeze(true);
    try {
      // Each post would wait forever on the frozen Redis; it is counted here instead.
      await expectFourthPostLimited(a, alice, room);
    } finally {
      redis.freeze(false);
    }
  });
});
