import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store, Tables } from './store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(options: SqliteStoreOptions = {}): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-connection-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(join(dir, 'parley.db'), { searchIndexDelayMs: 3_600_000, ...options });
  cleanups.push(() => store.close());
  await store.migrate();
  return store;
}

const appendTo = (t: Tables, channel: string) =>
  t.events.append(
    channel,
    (seq) => ({ type: 'room.removed', seq, roomId: channel, reason: 'left' }),
    new Date(),
  );

/** Resolves once everything already queued (promises, I/O callbacks) has run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('SQLite connection shared by Kysely and the direct statements', () => {
  it('makes a query outside a transaction wait for it, so it never reads what the transaction then rolls back', async () => {
    const store = await openStore();
    let appended!: () => void;
    const inside = new Promise<void>((resolve) => (appended = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failing = store.transaction(async (t) => {
      await appendTo(t, 'room-a');
      appended();
      await gate;
      throw new Error('changed my mind');
    });
    await inside;
    // The head is read by a prepared statement: run directly, it would see the uncommitted append.
    let head: number | undefined;
    const reading = store.events.head().then((value) => (head = value));
    await settled();
    expect(head).toBeUndefined();
    release();
    await expect(failing).rejects.toThrow('changed my mind');
    await reading;
    expect(head).toBe(0);
  });

  it('rolls back a transaction whose statement fails, and frees the connection for the next one', async () => {
    const store = await openStore();
    await expect(
      store.transaction(async (t) => {
        const event = await appendTo(t, 'room-a');
        // Refused by SQLite itself: neither the room nor the author exists.
        await t.messages.insert({
          id: 'm1',
          roomId: 'no-such-room',
          seq: event.seq,
          author: { id: 'nobody', username: 'nobody', displayName: 'Nobody', avatarColor: '#4f46e5' },
          body: 'hello',
          createdAt: new Date().toISOString(),
          mentions: [],
        });
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.events.bounds()).toEqual({ head: 0, oldest: 1 });
    const next = await store.transaction((t) => appendTo(t, 'room-b'));
    expect(next.seq).toBe(1);
    expect((await store.events.since(0, ['room-a', 'room-b'], 10)).map((event) => event.channel)).toEqual([
      'room-b',
    ]);
  });

  it('runs transactions one at a time, in the order they were asked for', async () => {
    const store = await openStore();
    const order: string[] = [];
    const appended = await Promise.all(
      ['first', 'second', 'third'].map((name) =>
        store.transaction(async (t) => {
          order.push(`${name} begins`);
          const event = await appendTo(t, name);
          await settled();
          order.push(`${name} ends`);
          return event;
        }),
      ),
    );
    expect(appended.map((event) => [event.channel, event.seq])).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
    expect(order).toEqual([
      'first begins',
      'first ends',
      'second begins',
      'second ends',
      'third begins',
      'third ends',
    ]);
  });

  it("takes turns with Kysely's own transactions (the search indexer's) on the one connection", async () => {
    const store = await openStore();
    const roomId = await store.rooms.generalId();
    const now = new Date();
    const author = await store.transaction(async (t) => {
      const user = await t.users.create({
        id: 'u1',
        username: 'ada',
        displayName: 'Ada',
        avatarColor: '#4f46e5',
        passwordHash: 'x',
        now,
      });
      if (user === 'username_taken') throw new Error('taken');
      await t.rooms.addMember(roomId, user.id, 'member', now);
      return user;
    });
    const posts = Array.from({ length: 20 }, (_, index) =>
      store.transaction(async (t) => {
        const event = await appendTo(t, roomId);
        await t.messages.insert({
          id: `m${index}`,
          roomId,
          seq: event.seq,
          author: { id: author.id, username: 'ada', displayName: 'Ada', avatarColor: '#4f46e5' },
          body: `deploying step ${index}`,
          createdAt: now.toISOString(),
          mentions: [],
        });
      }),
    );
    // Each catch-up is a Kysely transaction of its own, asked for while the posts are queued.
    const catchUps = Array.from({ length: 5 }, () => store.catchUpSearch());
    await Promise.all([...posts, ...catchUps]);
    const found = await store.search.find({ userId: author.id, terms: ['deploying'], limit: 50 });
    expect(found.messages).toHaveLength(20);
  });

  it('times every statement for the metrics, direct or through Kysely', async () => {
    const timed: number[] = [];
    const store = await openStore({ onQuery: (seconds) => timed.push(seconds) });
    timed.length = 0;
    // A prepared statement, run directly.
    await store.events.head();
    expect(timed).toHaveLength(1);
    // A query built by Kysely for the occasion.
    await store.events.since(0, ['room-a'], 10);
    expect(timed).toHaveLength(2);
    // begin, the counter, the event row, commit.
    await store.transaction((t) => appendTo(t, 'room-a'));
    expect(timed).toHaveLength(6);
    expect(timed.every((seconds) => seconds >= 0 && seconds < 5)).toBe(true);
  });
});
