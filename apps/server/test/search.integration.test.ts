import { randomUUID } from 'node:crypto';
import { API_PATHS, LIMITS, type Room, type SearchPage } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { SHORT_SCAN_WINDOW } from '../src/store/search.js';
import { call, generalRoomId, post, signUp, startApp, type TestUser } from './harness.js';

/**
 * Search through the API only (plus direct inserts to make a long history), so that the same tests
 * prove the SQLite and the PostgreSQL store alike.
 */
function searchUrl(params: Record<string, string | number>): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return `${API_PATHS.search}?${query.toString()}`;
}

async function search(app: App, who: TestUser, params: Record<string, string | number>) {
  const response = await call<SearchPage>(app, who, 'GET', searchUrl(params));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Every hit's body, following the cursor to the end. */
async function allBodies(app: App, who: TestUser, params: Record<string, string | number>) {
  const bodies: string[] = [];
  let before: number | null = null;
  let pages = 0;
  do {
    const page: SearchPage = await search(app, who, { ...params, ...(before !== null && { before }) });
    bodies.push(...page.hits.map((hit) => hit.message.body));
    before = page.nextBefore;
    pages++;
  } while (before !== null && pages < 100);
  return bodies;
}

async function createRoom(app: App, who: TestUser, name: string, kind: 'public' | 'private') {
  return (await call<{ room: Room }>(app, who, 'POST', API_PATHS.rooms, { name, kind })).body.room;
}

describe('search', () => {
  it('finds part of a word, ignoring case, and says where it matched', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    const message = await post(app, alice, general, 'Deploying the new build on Friday');
    await post(app, alice, general, 'lunch?');

    const page = await search(app, alice, { q: 'PLOY' });
    expect(page.hits).toHaveLength(1);
    expect(page.hits[0]?.message).toMatchObject({ id: message.id, roomId: general });
    expect(page.hits[0]?.highlights).toEqual([{ start: 2, end: 6 }]);
    expect(page.nextBefore).toBeNull();
  });

  it('finds Chinese and Japanese text, also words of one or two characters', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    await post(app, alice, general, '我们明天下午在三楼会议室开会');
    await post(app, alice, general, '会议纪要已经发到群里了');
    await post(app, alice, general, '明日の会議は午後三時からです');
    await post(app, alice, general, 'nothing to see here');

    expect(await allBodies(app, alice, { q: '三楼会议室' })).toEqual(['我们明天下午在三楼会议室开会']);
    expect(await allBodies(app, alice, { q: '会議は午後' })).toEqual(['明日の会議は午後三時からです']);
    expect(await allBodies(app, alice, { q: '会议' })).toEqual([
      '会议纪要已经发到群里了',
      '我们明天下午在三楼会议室开会',
    ]);
    expect(await allBodies(app, alice, { q: '猫' })).toEqual([]);
    const [hit] = (await search(app, alice, { q: '会议' })).hits;
    expect(hit?.highlights).toEqual([{ start: 0, end: 2 }]);
  });

  it('needs every word, short or long, anywhere in the message', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    await post(app, alice, general, 'the release is on Friday');
    await post(app, alice, general, 'release notes are written');
    await post(app, alice, general, 'Friday 会议 moved');

    expect(await allBodies(app, alice, { q: 'friday release' })).toEqual(['the release is on Friday']);
    expect(await allBodies(app, alice, { q: 'on release' })).toEqual(['the release is on Friday']);
    expect(await allBodies(app, alice, { q: '会议 fri' })).toEqual(['Friday 会议 moved']);
    const [hit] = (await search(app, alice, { q: 'friday release' })).hits;
    expect(hit?.highlights).toEqual([
      { start: 4, end: 11 },
      { start: 18, end: 24 },
    ]);
  });

  it('treats quotes, wildcards and operators as plain text', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    await post(app, alice, general, 'he said "NEAR(a b)" OR 100%_done * ok');
    await post(app, alice, general, 'plain');
    for (const q of ['"NEAR(a', 'OR', '100%_done', '%', '_', '*', '"', 'b)"']) {
      expect(await allBodies(app, alice, { q }), q).toEqual(['he said "NEAR(a b)" OR 100%_done * ok']);
    }
  });

  it('returns the newest first and pages through every hit once with the cursor', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    const posted: string[] = [];
    for (let i = 0; i < 7; i++) {
      posted.push((await post(app, alice, general, `status report ${i}`)).body);
      await post(app, alice, general, `noise ${i}`);
    }
    const first = await search(app, alice, { q: 'report', limit: 3 });
    expect(first.hits.map((hit) => hit.message.body)).toEqual(posted.slice(4).reverse());
    expect(first.nextBefore).toBe(first.hits.at(-1)?.message.seq);
    expect(await allBodies(app, alice, { q: 'report', limit: 3 })).toEqual([...posted].reverse());
    expect(await allBodies(app, alice, { q: 'rt', limit: 3 })).toEqual([...posted].reverse());
  });

  it('filters by room and by author', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const ops = await createRoom(app, alice, 'ops', 'public');
    await call(app, bob, 'POST', API_PATHS.roomJoin(ops.id));
    await post(app, alice, general, 'alice deploy in general');
    await post(app, bob, general, 'bob deploy in general');
    await post(app, alice, ops.id, 'alice deploy in ops');
    await post(app, bob, ops.id, 'bob deploy in ops');

    expect(await allBodies(app, bob, { q: 'deploy', roomId: ops.id })).toEqual([
      'bob deploy in ops',
      'alice deploy in ops',
    ]);
    expect(await allBodies(app, bob, { q: 'deploy', authorId: alice.user.id })).toEqual([
      'alice deploy in ops',
      'alice deploy in general',
    ]);
    expect(await allBodies(app, bob, { q: 'de', roomId: general, authorId: alice.user.id })).toEqual([
      'alice deploy in general',
    ]);
  });

  it('follows edits and forgets deleted messages at once', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    const typo = await post(app, alice, general, 'meeting in the blue rooom');
    const gone = await post(app, alice, general, 'the password is hunter2');

    await call(app, alice, 'PATCH', API_PATHS.roomMessage(general, typo.id), {
      body: 'meeting in the green room',
    });
    expect(await allBodies(app, alice, { q: 'blue' })).toEqual([]);
    expect(await allBodies(app, alice, { q: 'green' })).toEqual(['meeting in the green room']);

    await call(app, alice, 'DELETE', API_PATHS.roomMessage(general, gone.id));
    for (const q of ['hunter2', 'password', 'pa', 'the']) {
      const page = await search(app, alice, { q });
      expect(
        page.hits.map((hit) => hit.message.id),
        q,
      ).not.toContain(gone.id);
    }
  });

  it('never shows rooms the reader left, private rooms or DMs they are not in', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const carol = await signUp(app);
    const lobby = await createRoom(app, alice, 'lobby', 'public');
    const secret = await createRoom(app, alice, 'secret', 'private');
    await call(app, alice, 'POST', API_PATHS.roomMembers(secret.id), { userId: bob.user.id });
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    await call(app, carol, 'POST', API_PATHS.roomJoin(lobby.id));
    await post(app, alice, lobby.id, 'zebra in the lobby');
    await post(app, alice, secret.id, 'zebra in the secret room');
    await post(app, alice, dm.id, 'zebra in a DM');

    expect(await allBodies(app, bob, { q: 'zebra' })).toEqual(['zebra in a DM', 'zebra in the secret room']);
    expect(await allBodies(app, carol, { q: 'zebra' })).toEqual(['zebra in the lobby']);
    expect(await allBodies(app, carol, { q: 'ze' })).toEqual(['zebra in the lobby']);

    await call(app, carol, 'POST', API_PATHS.roomLeave(lobby.id));
    for (const q of ['zebra', 'ze', 'z']) expect(await allBodies(app, carol, { q }), q).toEqual([]);
    for (const room of [lobby, secret, dm]) {
      const response = await call(app, carol, 'GET', searchUrl({ q: 'zebra', roomId: room.id }));
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('pages through a long history for a short word, each page reading a bounded window', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    // Written directly: posting this many through the API would take minutes of rate limits.
    const count = SHORT_SCAN_WINDOW + 500;
    const cats = new Set([5, SHORT_SCAN_WINDOW + 10, SHORT_SCAN_WINDOW + 499]);
    const now = new Date().toISOString();
    await app.store.transaction(async (t) => {
      for (let i = 0; i < count; i++) {
        await t.messages.insert({
          id: randomUUID(),
          roomId: general,
          seq: 1_000_000 + i,
          author: { ...alice.user },
          body: cats.has(i) ? `一只猫 ${i}` : `message ${i}`,
          createdAt: now,
          mentions: [],
        });
      }
    });

    const first = await search(app, alice, { q: '猫' });
    expect(first.hits.map((hit) => hit.message.body)).toEqual([
      `一只猫 ${SHORT_SCAN_WINDOW + 499}`,
      `一只猫 ${SHORT_SCAN_WINDOW + 10}`,
    ]);
    expect(first.nextBefore).not.toBeNull();
    expect(await allBodies(app, alice, { q: '猫' })).toEqual(
      [...cats].sort((a, b) => b - a).map((i) => `一只猫 ${i}`),
    );
    expect(await allBodies(app, alice, { q: '只猫' })).toHaveLength(3);
    expect(await allBodies(app, alice, { q: '一只猫' })).toHaveLength(3);
  });

  it('answers bad queries with 400 validation_failed and strangers with 401', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bad: Record<string, string | number>[] = [
      {},
      { q: '' },
      { q: '   ' },
      { q: 'x'.repeat(LIMITS.searchQueryMax + 1) },
      { q: Array.from({ length: LIMITS.searchTermsMax + 1 }, (_, i) => `w${i}`).join(' ') },
      { q: 'ok', limit: 0 },
      { q: 'ok', limit: LIMITS.searchPageMax + 1 },
      { q: 'ok', before: 'soon' },
      { q: 'ok', before: 0 },
      { q: 'ok', roomId: 'general' },
      { q: 'ok', authorId: 'me' },
    ];
    for (const params of bad) {
      const response = await call(app, alice, 'GET', searchUrl(params));
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const anonymous = await call(app, null, 'GET', searchUrl({ q: 'ok' }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});
