import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { openPostgresStore } from './postgres.js';
import type { Store } from './store.js';

/**
 * What only PostgreSQL has to get right: several instances share one database, so migrations and
 * writes arrive from several pools at once. (SQLite is one process, whose writer queue serialises
 * everything.) This file runs in the `postgres` test project only.
 */
const opened: Store[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const database of databases.splice(0)) await database.drop();
});

async function instances(count: number): Promise<Store[]> {
  const database = await createTestDatabase({ empty: true });
  databases.push(database);
  const stores = Array.from({ length: count }, () => openPostgresStore(database.url));
  opened.push(...stores);
  return stores;
}

describe('store on PostgreSQL, several instances', () => {
  it('migrates once when several instances start at the same moment', async () => {
    const stores = await instances(3);
    await Promise.all(stores.map((store) => store.migrate()));
    const generals = await Promise.all(stores.map((store) => store.rooms.generalId()));
    expect(new Set(generals).size).toBe(1);
    expect(await stores[0]!.rooms.listPublic('nobody')).toHaveLength(1);
  });

  it('serialises writers from different pools: a check-then-insert sees every earlier commit, and seqs are consecutive', async () => {
    const stores = await instances(2);
    await stores[0]!.migrate();
    const now = new Date();
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stores[i % 2]!.transaction(async (t) => {
          const created = await t.users.create({
            id: randomUUID(),
            username: 'racer',
            displayName: 'Racer',
            avatarColor: '#4f46e5',
            passwordHash: 'x',
            now,
          });
          const event = await t.events.append(
            'r',
            (seq) => ({ type: 'member.left', seq, roomId: 'r', userId: String(i) }),
            now,
          );
          return { created, seq: event.seq };
        }),
      ),
    );
    expect(attempts.filter((a) => a.created !== 'username_taken')).toHaveLength(1);
    expect(attempts.map((a) => a.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
