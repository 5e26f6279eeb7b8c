import type { User } from '@parley/protocol';
import { toUser, type UserRow } from './rows.js';
import { escapeLike, like } from './like.js';
import type { Db } from './schema.js';

export interface UserRecord extends User {
  passwordHash: string;
  deactivated: boolean;
}

function toRecord(row: UserRow): UserRecord {
  return { ...toUser(row), passwordHash: row.password_hash, deactivated: row.deactivated_at !== null };
}

export class Users {
  constructor(private readonly db: Db) {}

  /** The first account administers the workspace. */
  async create(input: {
    id: string;
    username: string;
    displayName: string;
    avatarColor: string;
    passwordHash: string;
    now: Date;
  }): Promise<User | 'username_taken'> {
    const taken = await this.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) return 'username_taken';
    const anyone = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const row: UserRow = {
      id: input.id,
      username: input.username,
      display_name: input.displayName,
      avatar_color: input.avatarColor,
      password_hash: input.passwordHash,
      role: anyone ? 'member' : 'admin',
      created_at: input.now.toISOString(),
      deactivated_at: null,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /**
   * Active people whose username or display name contains `query`, by username; with `notInRoom`,
   * only those who are not members of that room.
   */
  async search(query: string, limit: number, notInRoom?: string): Promise<UserRow[]> {
    const pattern = `%${escapeLike(query.toLowerCase())}%`;
    let select = this.db
      .selectFrom('users')
      .selectAll()
      .where('deactivated_at', 'is', null)
      .where((eb) =>
        eb.or([like(eb.ref('username'), pattern), like(eb.fn<string>('lower', ['display_name']), pattern)]),
      );
    if (notInRoom !== undefined) {
      select = select.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('room_members')
              .select('room_members.user_id')
              .where('room_members.room_id', '=', notInRoom)
              .whereRef('room_members.user_id', '=', 'users.id'),
          ),
        ),
      );
    }
    return select.orderBy('username').limit(limit).execute();
  }

  /** The people with these usernames, deactivated ones included; unknown names are left out. */
  async byUsernames(usernames: readonly string[]): Promise<UserRow[]> {
    if (usernames.length === 0) return [];
    return this.db.selectFrom('users').selectAll().where('username', 'in', usernames).execute();
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toRecord);
  }

  async update(id: string, changes: { displayName?: string; avatarColor?: string }): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.avatarColor !== undefined && { avatar_color: changes.avatarColor }),
      })
      .where('id', '=', id)
      .execute();
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async deactivate(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ deactivated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
