import { randomUUID } from 'node:crypto';
import type { LoggedEvent } from '@parley/protocol';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../../test/test-database.js';
import { loadConfig } from '../config.js';
import { dialectOf } from './dialect.js';
import { openStore } from './open.js';
import type { Store, Tables } from './store.js';

/**
 * The store's contract, run on SQLite and on PostgreSQL (see vitest.config.ts): whatever the
 * dialect, services see the same values, the same errors and the same ordering.
 */
const opened: Store[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const database of databases.splice(0)) await database.drop();
});

async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase({ empty: true });
  databases.push(database);
  return database.url;
}

function open(url: string): Store {
  const store = openStore(loadConfig({ DATABASE_URL: url }).database);
  opened.push(store);
  return store;
}

async function migratedStore(): Promise<Store> {
  const store = open(await emptyDatabase());
  await store.migrate();
  return store;
}

const left =
  (roomId: string, userId: string) =>
  (seq: number): LoggedEvent => ({
    type: 'member.left',
    seq,
    roomId,
    userId,
  });

async function newUser(tables: Tables, username: string) {
  const user = await tables.users.create({
    id: randomUUID(),
    username,
    displayName: username,
    avatarColor: '#4f46e5',
    passwordHash: 'x',
    now: new Date(),
  });
  if (user === 'username_taken') throw new Error('taken');
  return user;
}

describe(`store on ${TEST_DIALECT}`, () => {
  it('says which dialect it speaks, as migrations see it too', async () => {
    const sqlite = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const postgres = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
    expect([dialectOf(sqlite), dialectOf(postgres)]).toEqual(['sqlite', 'postgres']);
    await Promise.all([sqlite.destroy(), postgres.destroy()]);
    expect(open(await emptyDatabase()).dialect).toBe(TEST_DIALECT);
  });

  it('migrates an empty database, and migrating again (a restart) changes nothing', async () => {
    const url = await emptyDatabase();
    const first = open(url);
    await first.migrate();
    const general = await first.rooms.generalId();
    await first.close();
    const again = open(url);
    await again.migrate();
    expect(await again.rooms.generalId()).toBe(general);
    expect(await again.rooms.listPublic('nobody')).toHaveLength(1);
  });

  it('hands out consecutive seqs as numbers, and reads them back in order by channel', async () => {
    const store = await migratedStore();
    const now = new Date();
    const before = await store.events.bounds();
    const a = await store.transaction((t) => t.events.append('room-a', left('room-a', 'u1'), now));
    const b = await store.transaction((t) => t.events.append('room-b', left('room-b', 'u1'), now));
    const c = await store.transaction((t) => t.events.append('room-a', left('room-a', 'u2'), now));
    expect([a.seq, b.seq, c.seq]).toEqual([before.head + 1, before.head + 2, before.head + 3]);
    expect(typeof a.seq).toBe('number');
    expect(JSON.parse(c.data)).toEqual({ type: 'member.left', seq: c.seq, roomId: 'room-a', userId: 'u2' });

    const since = await store.events.since(before.head, ['room-a'], 10);
    expect(since).toEqual([a, c]);
    expect(await store.events.since(a.seq, ['room-a', 'room-b'], 1)).toEqual([b]);
    expect(await store.events.since(0, [], 10)).toEqual([]);
    expect(await store.events.bounds()).toEqual({ head: c.seq, oldest: before.oldest });
  });

  it('prunes all but the newest events, and reports an empty log by its head', async () => {
    const store = await migratedStore();
    expect(await store.events.bounds()).toEqual({ head: 0, oldest: 1 });
    const now = new Date();
    for (let i = 0; i < 5; i++) await store.transaction((t) => t.events.append('r', left('r', 'u'), now));
    expect(await store.events.prune(2)).toBe(3);
    expect(await store.events.bounds()).toEqual({ head: 5, oldest: 4 });
  });

  it('rolls back every write of a failed transaction, its seq included', async () => {
    const store = await migratedStore();
    const { head } = await store.events.bounds();
    await expect(
      store.transaction(async (t) => {
        await newUser(t, 'ghost');
        await t.events.append('r', left('r', 'u'), new Date());
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.users.findByUsername('ghost')).toBeUndefined();
    expect((await store.events.bounds()).head).toBe(head);
  });

  it('counts as numbers and reports inserts and deletes the same way', async () => {
    const store = await migratedStore();
    const alice = await newUser(store, 'alice');
    expect(alice.role).toBe('admin');
    expect((await newUser(store, 'bob')).role).toBe('member');
    expect(await store.users.count()).toBe(2);
    const general = await store.rooms.generalId();
    const now = new Date();
    expect(await store.rooms.addMember(general, alice.id, 'member', now)).toBe(true);
    expect(await store.rooms.addMember(general, alice.id, 'member', now)).toBe(false);
    const [room] = await store.rooms.listForUser(alice.id);
    expect(room?.memberCount).toBe(1);
    expect(await store.rooms.removeMember(general, alice.id)).toBe(true);
    expect(await store.rooms.removeMember(general, alice.id)).toBe(false);
    await expect(store.users.create({ ...alice, passwordHash: 'x', now })).resolves.toBe('username_taken');
  });

  it('pages the audit log newest first without skipping entries of the same millisecond', async () => {
    const store = await migratedStore();
    const admin = await newUser(store, 'admin');
    const now = new Date('2026-01-02T03:04:05.678Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      ids.push(id);
      await store.audit.record({
        id,
        actorId: admin.id,
        action: 'user.deactivated',
        target: `u${i}`,
        details: {},
        now,
      });
    }
    await store.audit.record({
      id: randomUUID(),
      actorId: admin.id,
      action: 'user.deactivated',
      target: 'older',
      details: {},
      now: new Date(now.getTime() - 1),
    });

    const seen: string[] = [];
    let before: { at: string; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const entries = await store.audit.page(before, 2);
      seen.push(...entries.map((e) => e.target));
      const last = entries.at(-1);
      if (entries.length < 2 || !last) break;
      before = { at: last.at, id: last.id };
    }
    const sameMs = [...ids]
      .sort()
      .reverse()
      .map((id) => `u${ids.indexOf(id)}`);
    expect(seen).toEqual([...sameMs, 'older']);
    // A bare time still means "older than this".
    expect((await store.audit.page({ at: now.toISOString() }, 10)).map((e) => e.target)).toEqual(['older']);
  });
});
