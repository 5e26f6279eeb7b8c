import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from './migrations.js';
import { openSqliteStore } from './sqlite.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('migration 0007 (SQLite): events.seq becomes the rowid', () => {
  it('keeps every event of an existing log, drops the extra index, and the log goes on from its head', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-rowid-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'parley.db');

    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(path) }) });
    const migrator = new Migrator({ db: old, provider: migrationProvider });
    expect((await migrator.migrateTo('0006_search_after_commit')).error).toBeUndefined();
    // A log as 0006 left it: pruned below seq 5, with the counter at its head.
    for (const seq of [5, 6, 9]) {
      await sql`insert into events (seq, channel, type, data, created_at)
        values (${seq}, ${`room-${seq % 2}`}, 'x', ${`{"seq":${seq}}`}, '2026-01-01T00:00:00.000Z')`.execute(
        old,
      );
    }
    await sql`update event_seq set value = 9 where id = 1`.execute(old);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const { rows: kept } = await sql<{ row_id: number; seq: number; channel: string; data: string }>`
      select rowid as row_id, seq, channel, data from events order by rowid`.execute(old);
    expect(kept).toEqual([
      { row_id: 5, seq: 5, channel: 'room-1', data: '{"seq":5}' },
      { row_id: 6, seq: 6, channel: 'room-0', data: '{"seq":6}' },
      { row_id: 9, seq: 9, channel: 'room-1', data: '{"seq":9}' },
    ]);
    const { rows: indexes } = await sql<{
      name: string;
    }>`select name from pragma_index_list('events')`.execute(old);
    expect(indexes.map((index) => index.name)).toEqual(['events_channel_seq']);
    await old.destroy();

    const store = openSqliteStore(path);
    cleanups.push(() => store.close());
    expect(await store.migrate()).toEqual([]);
    const appended = await store.transaction((t) =>
      t.events.append(
        'room-0',
        (seq) => ({ type: 'room.removed', seq, roomId: 'room-0', reason: 'left' }),
        new Date(),
      ),
    );
    expect(appended.seq).toBe(10);
    expect((await store.events.since(5, ['room-0'], 10)).map((event) => event.seq)).toEqual([6, 10]);
    expect(await store.events.bounds()).toEqual({ head: 10, oldest: 5 });
  });
});
