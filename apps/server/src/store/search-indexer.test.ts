import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@parley/protocol';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database as Schema } from './schema.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/**
 * SQLite indexes messages for search after their commit (store/search.ts). These tests hold the
 * indexer's timer off (a delay of an hour), so each step runs with the index behind or caught up on
 * purpose; search must answer the same either way.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openAt(path: string, searchIndexDelayMs = 3_600_000): Store {
  const store = openSqliteStore(path, { searchIndexDelayMs });
  cleanups.push(() => store.close());
  return store;
}

async function setUp(searchIndexDelayMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-search-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'parley.db');
  const store = openAt(path, searchIndexDelayMs);
  await store.migrate();
  const now = new Date();
  const user = await store.transaction(async (t) => {
    const created = await t.users.create({
      id: randomUUID(),
      username: 'ada',
      displayName: 'Ada',
      avatarColor: '#4f46e5',
      passwordHash: 'x',
      now,
    });
    if (created === 'username_taken') throw new Error('taken');
    await t.rooms.addMember(await t.rooms.generalId(), created.id, 'member', now);
    return created;
  });
  const roomId = await store.rooms.generalId();
  let seq = 1000;
  const post = (body: string) =>
    store.transaction(async (t) => {
      const message: Message = {
        id: randomUUID(),
        roomId,
        seq: ++seq,
        author: { id: user.id, username: user.username, displayName: 'Ada', avatarColor: '#4f46e5' },
        body,
        createdAt: now.toISOString(),
        mentions: [],
      };
      await t.messages.insert(message);
      return message;
    });
  const find = async (on: Store, term: string) =>
    (await on.search.find({ userId: user.id, terms: [term], limit: 50 })).messages.map((m) => m.body);
  const indexed = async (on: Store) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from message_search`.execute(
      (on as unknown as { db: Kysely<Schema> }).db,
    );
    return rows[0]?.n;
  };
  return { store, path, post, find, indexed };
}

describe('search index after commit (SQLite)', () => {
  it('leaves a post out of the index until a search, which indexes it first', async () => {
    const { store, post, find, indexed } = await setUp();
    await post('deploying on friday');
    await post('lunch at noon');
    expect(await indexed(store)).toBe(0);

    expect(await find(store, 'ploy')).toEqual(['deploying on friday']);
    expect(await indexed(store)).toBe(2);
  });

  it('follows an edit and a delete made before the index caught up, and after', async () => {
    const { store, post, find } = await setUp();
    const early = await post('meeting in the blue rooom');
    const gone = await post('the password is hunter2');
    const now = new Date();
    // Not indexed yet: the batch reads the row as it is when it runs.
    await store.transaction(async (t) => {
      await t.messages.edit({ ...early, body: 'meeting in the green room' }, now);
      await t.messages.markDeleted(gone.id, now);
    });
    expect(await find(store, 'blue')).toEqual([]);
    expect(await find(store, 'green')).toEqual(['meeting in the green room']);
    expect(await find(store, 'hunter')).toEqual([]);

    // Indexed: the triggers keep the entries in step, in the edit's own transaction.
    const late = await post('coffee with grace');
    const later = await post('tea with alan');
    await store.catchUpSearch();
    await store.transaction(async (t) => {
      await t.messages.edit({ ...late, body: 'coffee with hopper' }, now);
      await t.messages.markDeleted(later.id, now);
    });
    expect(await find(store, 'grace')).toEqual([]);
    expect(await find(store, 'hopper')).toEqual(['coffee with hopper']);
    expect(await find(store, 'alan')).toEqual([]);
  });

  it('indexes after a restart what was committed but not yet indexed', async () => {
    const { store, path, post, find, indexed } = await setUp();
    await post('written before the restart');
    await store.close();
    cleanups.pop();

    const reopened = openAt(path);
    await reopened.migrate();
    expect(await indexed(reopened)).toBe(0);
    expect(await find(reopened, 'restart')).toEqual(['written before the restart']);
  });

  it('catches up on its own a moment after a commit', async () => {
    const { store, post, indexed } = await setUp(10);
    await post('indexed in the background');
    await expect.poll(() => indexed(store), { timeout: 5_000 }).toBe(1);
  });
});
