import type { SessionInfo, User } from '@parley/protocol';
import { PreparedQuery } from './prepared.js';
import { toUser } from './rows.js';
import type { Db } from './schema.js';

// Every signed-in request runs this.
const findLive = new PreparedQuery((db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.deactivated_at', 'is', null),
);

export class Sessions {
  constructor(private readonly db: Db) {}

  async create(input: {
    id: string;
    tokenHash: string;
    userId: string;
    userAgent: string;
    now: Date;
    expiresAt: Date;
  }): Promise<void> {
    const now = input.now.toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        id: input.id,
        token_hash: input.tokenHash,
        user_id: input.userId,
        user_agent: input.userAgent,
        created_at: now,
        last_seen_at: now,
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
  }

  /** The live session of an active user with this token hash. */
  async find(
    tokenHash: string,
    now: Date,
  ): Promise<{ sessionId: string; lastSeenAt: string; expiresAt: string; user: User } | undefined> {
    const row = await findLive.first(this.db, tokenHash, now.toISOString());
    return (
      row && {
        sessionId: row.session_id,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        user: toUser(row),
      }
    );
  }

  /** Which of these sessions are still live: not signed out, not expired, their user active. */
  async liveOf(ids: readonly string[], now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.id')
      .where('sessions.id', 'in', ids)
      .where('sessions.expires_at', '>', now.toISOString())
      .where('users.deactivated_at', 'is', null)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async listForUser(userId: string, currentId: string, now: Date): Promise<SessionInfo[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now.toISOString())
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      userAgent: row.user_agent,
      current: row.id === currentId,
    }));
  }

  /** Deletes one of the user's sessions; false when it is not theirs or does not exist. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async deleteAllForUser(userId: string, exceptId?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    await query.execute();
  }
}
