import { API_PATHS, SESSION_COOKIE } from '@parley/protocol';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { hashToken } from '../src/services/accounts.js';
import { generalRoomId, post, signUp, startApp } from './harness.js';

describe('accounts', () => {
  it('signs up with an httpOnly, SameSite=Lax session cookie; the first user is admin, the next a member', async () => {
    const app = await startApp();
    const response = await app.inject({
      method: 'POST',
      url: API_PATHS.signUp,
      payload: { username: 'alice', password: 'correct horse', displayName: 'Alice A.' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      user: { username: 'alice', displayName: 'Alice A.', role: 'admin' },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.body).not.toContain(cookie!.value);

    const bob = await signUp(app, 'bob');
    expect(bob.user.role).toBe('member');
  });

  it('refuses a username that is taken with 409 username_taken', async () => {
    const app = await startApp();
    await signUp(app, 'alice');
    const again = await app.inject({
      method: 'POST',
      url: API_PATHS.signUp,
      payload: { username: 'alice', password: 'another one' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'username_taken' } });
  });

  it('signs in with the right password, and answers a wrong password and an unknown user alike', async () => {
    const app = await startApp();
    await signUp(app, 'alice');
    const ok = await app.inject({
      method: 'POST',
      url: API_PATHS.signIn,
      payload: { username: 'alice', password: 'correct horse' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(true);

    for (const payload of [
      { username: 'alice', password: 'wrong horse' },
      { username: 'nobody', password: 'correct horse' },
    ]) {
      const bad = await app.inject({ method: 'POST', url: API_PATHS.signIn, payload });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'Wrong username or password' },
      });
      expect(bad.cookies).toEqual([]);
    }
  });

  it('resolves the session cookie on /api/me and ends it on sign-out', async () => {
    const app = await startApp();
    const alice = await signUp(app, 'alice');
    const me = await app.inject({ method: 'GET', url: API_PATHS.me, headers: { cookie: alice.cookie } });
    expect(me.json()).toEqual({ user: alice.user });

    const out = await app.inject({
      method: 'POST',
      url: API_PATHS.signOut,
      headers: { cookie: alice.cookie },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');

    // The old cookie is worthless now, even if a client kept it.
    const after = await app.inject({ method: 'GET', url: API_PATHS.me, headers: { cookie: alice.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('stores only a hash of the session token', async () => {
    const app = await startApp();
    const alice = await signUp(app, 'alice');
    const token = alice.cookie.split('=')[1]!;
    const db = (app.store as unknown as { db: import('kysely').Kysely<{ sessions: { token_hash: string } }> })
      .db;
    const rows = await sql<{ token_hash: string }>`select token_hash from sessions`.execute(db);
    expect(rows.rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(rows.rows[0]!.token_hash).not.toContain(token);
  });

  it('requires a session on every registered API route except health, sign-up, sign-in and invite checks', async () => {
    const app = await startApp();
    const publicRoutes = app.accessRules
      .filter((rule) => rule.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        `GET ${API_PATHS.authOptions}`,
        'GET /api/invites/:token',
        `POST ${API_PATHS.signIn}`,
        `POST ${API_PATHS.signUp}`,
      ].sort(),
    );

    const guarded = app.accessRules.filter((rule) => rule.access !== 'public');
    expect(guarded.length).toBeGreaterThanOrEqual(6);
    for (const rule of guarded) {
      const url = rule.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await app.inject({
        method: rule.method as 'GET',
        url,
        ...(rule.method !== 'GET' && { payload: {} }),
      });
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('rate-limits sign-in attempts per address with 429 rate_limited', async () => {
    const app = await startApp({ RATE_LIMIT_SIGN_IN_PER_MINUTE: '3' });
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: API_PATHS.signIn,
        payload: { username: 'x1', password: 'nope nope' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('in one process, keeps a session and a membership in memory however long ago they were read', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    await post(app, alice, room, 'reads the session and the membership');
    const sessionReads = vi.spyOn(app.store.sessions, 'find');
    const roleReads = vi.spyOn(app.store.rooms, 'role');
    // Past the 30 s that entries last when invalidations can be lost (several instances).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    try {
      await post(app, alice, room, 'a minute later');
    } finally {
      vi.useRealTimers();
    }
    expect(sessionReads).not.toHaveBeenCalled();
    expect(roleReads).not.toHaveBeenCalled();
  });
});
