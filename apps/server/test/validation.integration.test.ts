import { randomUUID } from 'node:crypto';
import { API_PATHS, LIMITS, isErrorBody } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { generalRoomId, signUp, startApp } from './harness.js';

describe('bad input gets a 4xx with a code, and changes nothing', () => {
  it('rejects invalid sign-up bodies with 400 validation_failed and field details', async () => {
    const app = await startApp();
    const cases = [
      {},
      { username: 'a', password: 'long enough' },
      { username: 'Has Spaces', password: 'long enough' },
      { username: 'fine', password: 'short' },
      { username: 'fine', password: 'x'.repeat(LIMITS.passwordMax + 1) },
      { username: { name: 'fine' }, password: 'long enough' },
    ];
    for (const payload of cases) {
      const response = await app.inject({ method: 'POST', url: API_PATHS.signUp, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const body: unknown = response.json();
      expect(isErrorBody(body)).toBe(true);
      expect(body).toMatchObject({ error: { code: 'validation_failed' } });
      expect((body as { error: { details?: unknown[] } }).error.details?.length).toBeGreaterThan(0);
    }
    const users = await app.store.users.findByUsername('fine');
    expect(users).toBeUndefined();
  });

  it('rejects bad message posts without writing anything', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const before = await app.store.events.bounds();
    const cases: [unknown, number, string][] = [
      [{ id: 'not-a-uuid', body: 'hi' }, 400, 'validation_failed'],
      [{ id: randomUUID(), body: '' }, 400, 'validation_failed'],
      [{ id: randomUUID(), body: '   \n ' }, 400, 'validation_failed'],
      [{ id: randomUUID(), body: 'x'.repeat(LIMITS.messageBodyMax + 1) }, 400, 'validation_failed'],
      [{ id: randomUUID() }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await app.inject({
        method: 'POST',
        url: API_PATHS.roomMessages(room),
        headers: { cookie: alice.cookie },
        payload: payload as object,
      });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: { code } });
    }
    expect(await app.store.messages.list(room, { limit: 10 })).toEqual([]);
    expect(await app.store.events.bounds()).toEqual(before);
  });

  it('answers malformed JSON with 400, a non-JSON body with 415, an oversized body with 413', async () => {
    const app = await startApp({ BODY_LIMIT_BYTES: '2048' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const url = API_PATHS.roomMessages(room);
    const malformed = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: alice.cookie, 'content-type': 'application/json' },
      payload: '{"id": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'validation_failed' } });

    const form = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: alice.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'id=1&body=hi',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });

    const huge = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: alice.cookie },
      payload: { id: randomUUID(), body: 'x'.repeat(3000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('rejects bad history queries and unknown rooms', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    for (const query of ['?limit=0', `?limit=${LIMITS.historyPageMax + 1}`, '?before=abc', '?before=-1']) {
      const response = await app.inject({
        method: 'GET',
        url: API_PATHS.roomMessages(room) + query,
        headers: { cookie: alice.cookie },
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const bad = await app.inject({
      method: 'GET',
      url: API_PATHS.roomMessages('nope'),
      headers: { cookie: alice.cookie },
    });
    // A malformed room id is a room nobody is a member of: the same 404, before any validation.
    expect(bad.statusCode).toBe(404);
    const missing = await app.inject({
      method: 'GET',
      url: API_PATHS.roomMessages(randomUUID()),
      headers: { cookie: alice.cookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses state changes from a foreign Origin with 403 forbidden_origin, and allows its own and allowlisted ones', async () => {
    const app = await startApp({ CORS_ORIGINS: 'https://chat.example.com' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const postFrom = (origin: string) =>
      app.inject({
        method: 'POST',
        url: API_PATHS.roomMessages(room),
        headers: { cookie: alice.cookie, origin, host: 'parley.local' },
        payload: { id: randomUUID(), body: 'hi' },
      });
    const evil = await postFrom('https://evil.example');
    expect(evil.statusCode).toBe(403);
    expect(evil.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    expect(await app.store.messages.list(room, { limit: 10 })).toEqual([]);
    expect((await postFrom('http://parley.local')).statusCode).toBe(201);
    expect((await postFrom('https://chat.example.com')).statusCode).toBe(201);
  });

  it('allows other origins to read only when CORS_ORIGINS names them', async () => {
    const preflight = (app: Awaited<ReturnType<typeof startApp>>, origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: API_PATHS.rooms,
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const closed = await startApp();
    const refused = await preflight(closed, 'https://chat.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const open = await startApp({ CORS_ORIGINS: 'https://chat.example.com' });
    const allowed = await preflight(open, 'https://chat.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://chat.example.com');
    expect((await preflight(open, 'https://evil.example')).headers['access-control-allow-origin']).toBe(
      undefined,
    );
  });

  it('answers unknown API routes with 404 not_found in JSON', async () => {
    const app = await startApp();
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
