import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusListener, Disconnect, PublishedEvent, Signal } from '../src/bus/bus.js';
import { RedisBus } from '../src/bus/redis-bus.js';
import type { StoredEvent } from '../src/store/event-log.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { TEST_REDIS_URL } from './harness.js';
import { createTestDatabase } from './test-database.js';

const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

const silent = { warn: () => undefined, info: () => undefined };

/** A store on a new database of the test project's kind (SQLite or PostgreSQL). */
async function openTestStore(): Promise<Store> {
  const database = await createTestDatabase();
  const store = openStore(loadConfig({ DATABASE_URL: database.url }).database);
  await store.migrate();
  closing.push(async () => {
    await store.close();
    await database.drop();
  });
  return store;
}

/** Two instances' buses on one store and one Redis prefix; what the second hands to its hub is recorded. */
async function openPair(store: Store, options: { pollMs?: number } = {}) {
  const prefix = `parley-test:${randomUUID()}:`;
  const open = async () => {
    const bus = await RedisBus.open({
      url: TEST_REDIS_URL,
      prefix,
      log: store.events,
      logger: silent,
      ...options,
    });
    closing.push(() => bus.close());
    return bus;
  };
  const sender = await open();
  const receiver = await open();
  const heard = { events: [] as PublishedEvent[], disconnects: [] as Disconnect[], signals: [] as Signal[] };
  const listener: BusListener = {
    event: (event) => heard.events.push(event),
    disconnect: (target) => heard.disconnects.push(target),
    signal: (signal) => heard.signals.push(signal),
  };
  receiver.subscribe(listener);
  return { sender, receiver, heard };
}

/** Commits one event to the log, as a service would, without publishing it. */
function commit(store: Store, roomId = 'room-1'): Promise<StoredEvent> {
  return store.transaction((t) =>
    t.events.append(roomId, (seq) => ({ type: 'member.left', seq, roomId, userId: 'someone' }), new Date()),
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('RedisBus', () => {
  it('carries events, disconnects and signals from one instance to another, data unchanged', async () => {
    const store = await openTestStore();
    const { sender, receiver, heard } = await openPair(store);
    expect(sender.healthy() && receiver.healthy()).toBe(true);
    const event = await commit(store);
    const withNote = { ...event, membership: { userId: 'u1', roomId: 'room-1', change: 'added' as const } };
    sender.publish(withNote);
    sender.disconnect({ userId: 'u1', exceptSessionId: 's1' });
    await until(
      () => heard.events.length === 1 && heard.disconnects.length === 1,
      'the event and the disconnect',
    );
    expect(heard.events).toEqual([withNote]);
    expect(heard.disconnects).toEqual([{ userId: 'u1', exceptSessionId: 's1' }]);
  });

  it('hands its own events to its own hub at once, and only once', async () => {
    const store = await openTestStore();
    const { sender, receiver } = await openPair(store);
    const own = { events: [] as number[], disconnects: 0, signals: 0 };
    sender.subscribe({
      event: (e) => own.events.push(e.seq),
      disconnect: () => own.disconnects++,
      signal: () => own.signals++,
    });
    const event = await commit(store);
    sender.publish(event);
    sender.signal({ kind: 'presence.sync', instanceId: 'sender' });
    expect(own.events).toEqual([event.seq]);
    expect(own.signals).toBe(1);
    // Redis delivers messages in the order they were published, so once the receiver's disconnect
    // is heard, the echo of the sender's event has come back, and been ignored.
    receiver.disconnect({ userId: 'u1' });
    await until(() => own.disconnects === 1, "the other instance's disconnect");
    expect(own.events).toEqual([event.seq]);
    expect(own.signals).toBe(1);
  });

  it('delivers in seq order when a later event is published first (two instances racing)', async () => {
    const store = await openTestStore();
    const { sender, receiver, heard } = await openPair(store);
    const events = [await commit(store), await commit(store), await commit(store)];
    for (const event of [...events].reverse()) sender.publish(event);
    await until(() => heard.events.length === 3, 'three events');
    expect(heard.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(receiver.healthy()).toBe(true);
  });

  it('reads from the log an event whose publish never arrived, before the one after it', async () => {
    const store = await openTestStore();
    const { sender, heard } = await openPair(store);
    const lost = await commit(store); // committed, but its instance died before publishing
    const next = await commit(store);
    sender.publish(next);
    await until(() => heard.events.length === 2, 'both events');
    expect(heard.events.map((e) => e.seq)).toEqual([lost.seq, next.seq]);
    expect(heard.events[0]!.data).toBe(lost.data);
  });

  it('finds a lost last event by checking the log, with nothing published after it', async () => {
    const store = await openTestStore();
    const { heard } = await openPair(store, { pollMs: 20 });
    const lost = await commit(store);
    await until(() => heard.events.length === 1, 'the lost event');
    expect(heard.events.map((e) => e.seq)).toEqual([lost.seq]);
  });

  it('refuses to start, naming Redis, when Redis does not answer', async () => {
    const store = await openTestStore();
    await expect(
      RedisBus.open({
        url: 'redis://:secret@127.0.0.1:1',
        prefix: 'x:',
        log: store.events,
        logger: silent,
        connectTimeoutMs: 2000,
      }),
    ).rejects.toThrow(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 did not answer/);
  });
});
