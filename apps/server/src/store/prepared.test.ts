import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PreparedQuery } from './prepared.js';
import type { Database, Db } from './schema.js';

const opened: Kysely<Database>[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

function openDb(): Kysely<Database> {
  const database = new SqliteDatabase(':memory:');
  database.exec('create table settings (key text primary key, value text not null)');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  opened.push(db);
  return db;
}

const settingOf = new PreparedQuery((db: Db, key: string) =>
  db.selectFrom('settings').select('value').where('key', '=', key),
);
const putSetting = new PreparedQuery((db: Db, key: string, value: string) =>
  db.insertInto('settings').values({ key, value }),
);

describe('PreparedQuery', () => {
  it('runs a query compiled once with the values of each call', async () => {
    const db = openDb();
    await putSetting.execute(db, 'a', 'one');
    await putSetting.execute(db, 'b', 'two');
    expect(await settingOf.first(db, 'a')).toEqual({ value: 'one' });
    expect(await settingOf.first(db, 'b')).toEqual({ value: 'two' });
    expect(await settingOf.first(db, 'c')).toBeUndefined();
    expect(await new PreparedQuery((db: Db) => db.selectFrom('settings').select('key')).rows(db)).toEqual([
      { key: 'a' },
      { key: 'b' },
    ]);
  });

  it('runs inside a transaction, whose rollback undoes it', async () => {
    const db = openDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await putSetting.execute(trx, 'k', 'v');
        expect(await settingOf.first(trx, 'k')).toEqual({ value: 'v' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await settingOf.first(db, 'k')).toBeUndefined();
  });

  it('refuses a builder that computes with an argument instead of passing it as a value', async () => {
    const db = openDb();
    const computed = new PreparedQuery((db: Db, key: string) =>
      db.selectFrom('settings').select('value').where('key', '=', key.toUpperCase()),
    );
    await expect(computed.first(db, 'a')).rejects.toThrow(/argument 0 is not a parameter/);
  });
});
