import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StatementCache } from './statement-cache.js';

const opened: StatementCache[] = [];
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
});

function openCache(size?: number): StatementCache {
  const database = new SqliteDatabase(':memory:');
  database.exec('create table t (n integer)');
  database.exec('insert into t values (1), (2), (3)');
  const cache = new StatementCache(database, size);
  opened.push(cache);
  return cache;
}

describe('StatementCache', () => {
  it('prepares a statement once per SQL text and reuses it', () => {
    const cache = openCache();
    const first = cache.prepare('select n from t where n > ?');
    expect(cache.prepare('select n from t where n > ?')).toBe(first);
    expect(first.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cache.prepare('select n from t where n < ?')).not.toBe(first);
    expect(cache.cached).toBe(2);
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const cache = openCache(2);
    const a = cache.prepare('select 1');
    const b = cache.prepare('select 2');
    expect(cache.prepare('select 1')).toBe(a);
    cache.prepare('select 3');
    expect(cache.cached).toBe(2);
    expect(cache.prepare('select 1')).toBe(a);
    expect(cache.prepare('select 2')).not.toBe(b);
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const cache = openCache();
    const sql = 'select n from t order by n';
    const iterating = cache.prepare(sql);
    const rows = iterating.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const other = cache.prepare(sql);
    expect(other).not.toBe(iterating);
    expect(other.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cache.prepare(sql)).toBe(iterating);
  });
});
