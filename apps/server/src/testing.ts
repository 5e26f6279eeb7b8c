import { randomBytes, randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '@parley/protocol';
import { AVATAR_COLORS, hashToken } from './services/accounts.js';
import { hashPassword } from './services/passwords.js';
import { loadConfig } from './config.js';
import { openStore } from './store/open.js';

/**
 * Creates `count` real users, members of #general, each with a real session, for load tests: signing
 * 10,000 people up through the API would spend minutes in scrypt. They share one password hash.
 * With `rooms`, it also creates that many public rooms and puts user i in room i % rooms.
 * Returns a `Cookie` header value per user, #general's id, and each user's extra room id.
 */
export async function seedUsers(
  databaseUrl: string,
  count: number,
  prefix: string,
  options: { rooms?: number } = {},
): Promise<{ cookies: string[]; roomId: string; roomIds: string[]; userRoomIds: string[] }> {
  const store = openStore(loadConfig({ DATABASE_URL: databaseUrl }).database);
  try {
    await store.migrate();
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    return await store.transaction(async (t) => {
      const generalId = await t.rooms.generalId();
      const roomIds: string[] = [];
      for (let r = 0; r < (options.rooms ?? 0); r++) {
        const id = randomUUID();
        await t.rooms.create({ id, kind: 'public', name: `${prefix}room-${r}`, topic: '', now });
        roomIds.push(id);
      }
      const cookies: string[] = [];
      const userRoomIds: string[] = [];
      for (let i = 0; i < count; i++) {
        const username = `${prefix}${i}`;
        const user = await t.users.create({
          id: randomUUID(),
          username,
          displayName: username,
          avatarColor: AVATAR_COLORS[i % AVATAR_COLORS.length] ?? '#4f46e5',
          passwordHash,
          now,
        });
        if (user === 'username_taken') throw new Error(`seedUsers: ${username} exists already`);
        await t.rooms.addMember(generalId, user.id, 'member', now);
        const roomId = roomIds[i % Math.max(roomIds.length, 1)];
        if (roomId !== undefined) {
          await t.rooms.addMember(roomId, user.id, 'member', now);
          userRoomIds.push(roomId);
        }
        const token = randomBytes(32).toString('base64url');
        await t.sessions.create({
          id: randomUUID(),
          tokenHash: hashToken(token),
          userId: user.id,
          userAgent: 'seed',
          now,
          expiresAt,
        });
        cookies.push(`${SESSION_COOKIE}=${token}`);
      }
      return { cookies, roomId: generalId, roomIds, userRoomIds };
    });
  } finally {
    await store.close();
  }
}
