import { randomUUID } from 'node:crypto';
import { API_PATHS, type Room } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { call, listen, post, signUp, startApp, StreamReader } from './harness.js';

/**
 * The leak matrix: every route declared `member` (the routes that read or change a room's data) is
 * called by someone who is not in the room, for a private room and for a DM. Each must answer 404,
 * exactly like a room that does not exist. A new `member` route is covered without touching this file.
 */
describe('access control', () => {
  it('answers every member-only route with 404 for a non-member of a private room or DM', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const carol = await signUp(app);
    const priv = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'secret', kind: 'private' })
    ).body.room;
    await call(app, alice, 'POST', API_PATHS.roomMembers(priv.id), { userId: bob.user.id });
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    const message = await post(app, alice, priv.id, 'the secret plan');
    await call(app, alice, 'PUT', API_PATHS.messageReaction(priv.id, message.id, '🤫'));

    const memberRoutes = app.accessRules.filter((rule) => rule.access === 'member');
    expect(memberRoutes.length).toBeGreaterThanOrEqual(7);
    for (const room of [priv, dm, { id: randomUUID() }]) {
      for (const rule of memberRoutes) {
        const url = rule.url
          .replace(':roomId', room.id)
          .replace(':userId', carol.user.id)
          .replace(':messageId', message.id)
          .replace(':emoji', encodeURIComponent('🤫'));
        const payloads: Record<string, object> = {
          POST: { id: randomUUID(), body: 'x', userId: carol.user.id, replyTo: message.id },
          PATCH: { topic: 'x' },
        };
        const response = await app.inject({
          method: rule.method as 'GET',
          url,
          headers: { cookie: carol.cookie },
          ...(payloads[rule.method] && { payload: payloads[rule.method] }),
        });
        expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(404);
        expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
        expect(response.body).not.toContain('secret');
        expect(response.body).not.toContain('🤫');
      }
    }
    // The reaction routes are among them.
    expect(
      memberRoutes
        .filter((rule) => rule.url.endsWith('/reactions/:emoji'))
        .map((r) => r.method)
        .sort(),
    ).toEqual(['DELETE', 'PUT']);

    // History read from the middle (jump to a message) is hidden the same way, and a room the reader
    // is in cannot be used to reach a message of one they are not in.
    const general = await app.store.rooms.generalId();
    for (const [roomId, query] of [
      [priv.id, `?around=${message.id}`],
      [priv.id, '?after=0'],
      [dm.id, '?after=0'],
      [general, `?around=${message.id}`],
    ] as const) {
      const response = await call(app, carol, 'GET', API_PATHS.roomMessages(roomId) + query);
      expect(response.status, `${roomId} ${query}`).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'not_found' } });
      expect(JSON.stringify(response.body)).not.toContain('secret');
    }

    // The routes that are not `member` but name a room hide it the same way.
    for (const [method, url] of [
      ['POST', API_PATHS.roomJoin(priv.id)],
      ['POST', API_PATHS.roomJoin(dm.id)],
      ['DELETE', API_PATHS.roomMember(priv.id, bob.user.id)],
      ['DELETE', API_PATHS.roomMessage(priv.id, message.id)],
    ] as const) {
      const response = await call(app, carol, method, url);
      expect(response.status, `${method} ${url}`).toBe(404);
    }

    // Search finds nothing of it, and filtering by it is the same 404 as for a room that does not exist.
    for (const room of [priv, dm, { id: randomUUID() }]) {
      const response = await call(app, carol, 'GET', `${API_PATHS.search}?q=secret&roomId=${room.id}`);
      expect(response.status, `search in ${room.id}`).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'not_found' } });
    }

    // Nor do the lists carry it.
    const lists = [
      API_PATHS.rooms,
      API_PATHS.roomsBrowse,
      `${API_PATHS.search}?q=secret`,
      `${API_PATHS.search}?q=se`,
    ];
    for (const url of lists) {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: carol.cookie } });
      expect(response.body).not.toContain(priv.id);
      expect(response.body).not.toContain(dm.id);
      expect(response.body).not.toContain('secret');
    }
    // Nothing was changed by the attempts.
    expect((await app.store.reactions.of([message.id])).get(message.id)).toMatchObject([
      { emoji: '🤫', users: [{ id: alice.user.id }] },
    ]);
    const { members } = await app.store.rooms.memberPage(priv.id, undefined, 10);
    expect(members.map((m) => m.person.id).sort()).toEqual([alice.user.id, bob.user.id].sort());
  });

  it('never streams or replays a private room or DM to a non-member', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const carol = await signUp(app);
    const carolStream = await StreamReader.open(base, { cookie: carol.cookie });
    await carolStream.until((r) => r.events().length > 0);

    const priv = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'secret', kind: 'private' })
    ).body.room;
    await call(app, alice, 'POST', API_PATHS.roomMembers(priv.id), { userId: bob.user.id });
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    const plan = await post(app, alice, priv.id, 'the secret plan');
    await post(app, bob, dm.id, 'just between us');
    await call(app, bob, 'PUT', API_PATHS.messageReaction(priv.id, plan.id, '🤫'));
    await call(app, bob, 'POST', API_PATHS.roomMessages(priv.id), {
      id: randomUUID(),
      body: 'a quiet reply',
      replyTo: plan.id,
    });
    // A marker in a room Carol is in: once it arrives, everything before it has been fanned out.
    const general = await app.store.rooms.generalId();
    const marker = await post(app, alice, general, 'marker');
    await carolStream.until((r) => r.messageSeqs().includes(marker.seq));

    const replay = await StreamReader.open(base, { cookie: carol.cookie, lastEventId: '0' });
    await replay.until((r) => r.messageSeqs().includes(marker.seq));
    for (const stream of [carolStream, replay]) {
      const text = stream.frames.map((f) => f.data ?? '').join('\n');
      expect(text).not.toContain(priv.id);
      expect(text).not.toContain(dm.id);
      expect(text).not.toContain('secret');
      expect(text).not.toContain('just between us');
      expect(text).not.toContain('🤫');
      expect(text).not.toContain('a quiet reply');
    }
  });

  it('gives admins 403 forbidden to non-admins on every admin route', async () => {
    const app = await startApp();
    await signUp(app);
    const bob = await signUp(app);
    const adminRoutes = app.accessRules.filter((rule) => rule.access === 'admin');
    expect(adminRoutes.length).toBeGreaterThanOrEqual(7);
    for (const rule of adminRoutes) {
      const url = rule.url.replace(/:[A-Za-z]+/g, randomUUID());
      const response = await app.inject({
        method: rule.method as 'GET',
        url,
        headers: { cookie: bob.cookie },
        ...(rule.method !== 'GET' &&
          rule.method !== 'DELETE' && { payload: { signUpMode: 'open', expiresInHours: 1, maxUses: 1 } }),
      });
      expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });
});
