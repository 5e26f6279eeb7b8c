import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { SESSION_COOKIE } from '@parley/protocol';
import { hashToken } from './services/accounts.js';
import { hashPassword } from './services/passwords.js';
import { GENERAL_ROOM_SLUG } from './store/kysely-store.js';
import { openSqliteStore } from './store/sqlite.js';

/**
 * Creates `count` real users, members of #general, each with a real session, for load tests: signing
 * 10,000 people up through the API would spend minutes in scrypt. They share one password hash.
 * Returns a `Cookie` header value per user.
 */
export async function seedUsers(
  databaseUrl: string,
  count: number,
  prefix: string,
): Promise<{ cookies: string[]; roomId: string }> {
  const store = openSqliteStore(databaseUrl === ':memory:' ? databaseUrl : resolve(databaseUrl));
  try {
    await store.migrate();
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      const username = `${prefix}${i}`;
      const result = await store.createUser({
        id: randomUUID(),
        username,
        displayName: username,
        passwordHash,
        now,
      });
      if (!result.ok) throw new Error(`seedUsers: ${username} exists already`);
      const token = randomBytes(32).toString('base64url');
      await store.createSession({ tokenHash: hashToken(token), userId: result.user.id, now, expiresAt });
      cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    const general = await store.findRoomBySlug(GENERAL_ROOM_SLUG);
    if (!general) throw new Error('seedUsers: #general is missing');
    return { cookies, roomId: general.id };
  } finally {
    await store.close();
  }
}
