import { randomUUID } from 'node:crypto';
import { API_PATHS, type HistoryPage, type Message, type Room } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { call, generalRoomId, post, signUp, startApp, type TestUser } from './harness.js';
import type { App } from '../src/app.js';

/** Posts `count` messages `m0`, `m1`... as `who`, oldest first. */
async function postMany(app: App, who: TestUser, roomId: string, count: number): Promise<Message[]> {
  const sent: Message[] = [];
  for (let i = 0; i < count; i++) sent.push(await post(app, who, roomId, `m${i}`));
  return sent;
}

async function page(app: App, who: TestUser, roomId: string, query: string) {
  return call<HistoryPage>(app, who, 'GET', API_PATHS.roomMessages(roomId) + query);
}

const bodies = (history: HistoryPage) => history.messages.map((message) => message.body);

describe('history around a message', () => {
  it('puts the message in the middle of its page, with cursors that continue both ways to each end without overlap', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const sent = await postMany(app, alice, room, 45);
    const target = sent[20]!;

    const around = await page(app, alice, room, `?around=${target.id}&limit=11`);
    expect(around.status).toBe(200);
    // Newest first, five newer and five older than the target.
    expect(bodies(around.body)).toEqual(
      sent
        .slice(15, 26)
        .map((m) => m.body)
        .reverse(),
    );
    expect(around.body.nextBefore).toBe(sent[15]!.seq);
    expect(around.body.nextAfter).toBe(sent[25]!.seq);

    // Newer pages, read with `after`, reach the newest message and then say so.
    const newer: string[] = [];
    let after = around.body.nextAfter ?? null;
    while (after !== null) {
      const next = await page(app, alice, room, `?after=${after}&limit=8`);
      expect(next.status).toBe(200);
      newer.unshift(...bodies(next.body));
      // Every newer page can still be read backwards from its oldest message.
      expect(next.body.nextBefore).toBe(next.body.messages.at(-1)?.seq);
      after = next.body.nextAfter ?? null;
    }
    expect(newer).toEqual(
      sent
        .slice(26)
        .map((m) => m.body)
        .reverse(),
    );

    // Older pages, read with `before`, reach the first message.
    const older: string[] = [];
    let before = around.body.nextBefore;
    while (before !== null) {
      const next = await page(app, alice, room, `?before=${before}&limit=8`);
      older.push(...bodies(next.body));
      before = next.body.nextBefore;
    }
    expect(older).toEqual(
      sent
        .slice(0, 15)
        .map((m) => m.body)
        .reverse(),
    );
  });

  it('fills the page from the other side near either end, and says there is nothing further there', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' });
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const sent = await postMany(app, alice, room, 30);

    const nearNewest = await page(app, alice, room, `?around=${sent[28]!.id}&limit=10`);
    expect(bodies(nearNewest.body)).toEqual(
      sent
        .slice(20)
        .map((m) => m.body)
        .reverse(),
    );
    expect(nearNewest.body.nextAfter).toBeNull();
    expect(nearNewest.body.nextBefore).toBe(sent[20]!.seq);

    const nearOldest = await page(app, alice, room, `?around=${sent[1]!.id}&limit=10`);
    expect(bodies(nearOldest.body)).toEqual(
      sent
        .slice(0, 10)
        .map((m) => m.body)
        .reverse(),
    );
    expect(nearOldest.body.nextBefore).toBeNull();
    expect(nearOldest.body.nextAfter).toBe(sent[9]!.seq);

    // Past the newest message there is an empty page, which still leads back.
    const last = sent.at(-1)!;
    const beyond = await page(app, alice, room, `?after=${last.seq}`);
    expect(beyond.body).toEqual({ messages: [], nextBefore: last.seq + 1, nextAfter: null });
  });

  it('skips deleted messages, and refuses a deleted, unknown or other room message with 404 not_found', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' });
    const alice = await signUp(app);
    const general = await generalRoomId(app, alice);
    const sent = await postMany(app, alice, general, 5);
    const gone = sent[3]!;
    await call(app, alice, 'DELETE', API_PATHS.roomMessage(general, gone.id));

    const around = await page(app, alice, general, `?around=${sent[2]!.id}`);
    expect(bodies(around.body)).toEqual(['m4', 'm2', 'm1', 'm0']);

    const other = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'other', kind: 'public' })
    ).body.room;
    const elsewhere = await post(app, alice, other.id, 'in another room');
    for (const id of [gone.id, randomUUID(), elsewhere.id]) {
      const refused = await page(app, alice, general, `?around=${id}`);
      expect(refused.status, id).toBe(404);
      expect(refused.body).toMatchObject({ error: { code: 'not_found' } });
      expect(JSON.stringify(refused.body)).not.toContain('in another room');
    }
  });

  it('refuses more than one cursor, and a malformed one, with 400 validation_failed', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, 'hello');
    for (const query of [
      `?around=${message.id}&before=5`,
      `?after=1&before=5`,
      `?around=${message.id}&after=1`,
      '?around=not-a-uuid',
      '?after=-1',
      '?after=soon',
    ]) {
      const refused = await page(app, alice, room, query);
      expect(refused.status, query).toBe(400);
      expect(refused.body, query).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });
});
