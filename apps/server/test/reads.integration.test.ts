import { randomUUID } from 'node:crypto';
import { API_PATHS, type Room, type RoomReadEvent, type RoomUnread } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import {
  call,
  generalRoomId,
  listen,
  post,
  signUp,
  startApp,
  StreamReader,
  type TestUser,
} from './harness.js';

async function roomsOf(app: App, who: TestUser): Promise<Room[]> {
  return (await call<{ rooms: Room[] }>(app, who, 'GET', API_PATHS.rooms)).body.rooms;
}

async function unreadIn(app: App, who: TestUser, roomId: string): Promise<RoomUnread | undefined> {
  return (await roomsOf(app, who)).find((room) => room.id === roomId)?.unread;
}

function markRead(app: App, who: TestUser, roomId: string, body: object) {
  return call<{ unread: RoomUnread }>(app, who, 'POST', API_PATHS.roomRead(roomId), body);
}

async function createRoom(app: App, who: TestUser, name: string, kind: 'public' | 'private' = 'public') {
  return (await call<{ room: Room }>(app, who, 'POST', API_PATHS.rooms, { name, kind })).body.room;
}

describe('unread counts and read positions', () => {
  it("counts other people's messages after the read position, never the reader's own", async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);

    await post(app, alice, general, 'one');
    await post(app, alice, general, 'two');
    const own = await post(app, bob, general, 'mine');
    expect(await unreadIn(app, bob, general)).toMatchObject({ unreadCount: 2, mentionCount: 0 });
    expect(await unreadIn(app, alice, general)).toMatchObject({ unreadCount: 1 });

    const third = await post(app, alice, general, 'three');
    const read = await markRead(app, bob, general, { seq: own.seq });
    expect(read.status).toBe(200);
    expect(read.body.unread).toMatchObject({ readSeq: own.seq, unreadCount: 1, mentionCount: 0 });
    const listed = await unreadIn(app, bob, general);
    expect(listed).toMatchObject({ readSeq: own.seq, unreadCount: 1 });
    // `asOf` is the log's head: the counts are exact up to it.
    expect(listed?.asOf).toBeGreaterThanOrEqual(third.seq);

    // A deleted message is no longer unread.
    expect((await call(app, alice, 'DELETE', API_PATHS.roomMessage(general, third.id))).status).toBe(204);
    expect(await unreadIn(app, bob, general)).toMatchObject({ unreadCount: 0 });
  });

  it('starts a newcomer with nothing unread from before they came', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await createRoom(app, alice, 'design');
    await post(app, alice, room.id, 'before bob');
    const bob = await signUp(app);
    expect(await unreadIn(app, bob, await generalRoomId(app, bob))).toMatchObject({ unreadCount: 0 });
    await call(app, bob, 'POST', API_PATHS.roomJoin(room.id));
    expect(await unreadIn(app, bob, room.id)).toMatchObject({ unreadCount: 0 });
    await post(app, alice, room.id, 'after bob');
    expect(await unreadIn(app, bob, room.id)).toMatchObject({ unreadCount: 1, mentionCount: 0 });
  });

  it('counts the unread messages of a room that @mention the reader as mentions', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    await post(app, alice, general, `hey @${bob.user.username}, look`);
    await post(app, alice, general, 'no one in particular');
    const last = await post(
      app,
      alice,
      general,
      `@${alice.user.username} and @${bob.user.username.toUpperCase()}`,
    );
    expect(await unreadIn(app, bob, general)).toMatchObject({ unreadCount: 3, mentionCount: 2 });
    expect(await unreadIn(app, alice, general)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    const read = await markRead(app, bob, general, { seq: last.seq - 1 });
    expect(read.body.unread).toMatchObject({ unreadCount: 1, mentionCount: 1 });
  });

  it('counts every unread DM message as a mention', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    await post(app, alice, dm.id, 'psst');
    await post(app, alice, dm.id, 'are you there');
    expect(await unreadIn(app, bob, dm.id)).toMatchObject({ unreadCount: 2, mentionCount: 2 });
    expect(await unreadIn(app, alice, dm.id)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });

  it('never moves the position back, clamps it to the newest message, and accepts a message id', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const first = await post(app, alice, general, 'first');
    const second = await post(app, alice, general, 'second');

    expect((await markRead(app, bob, general, { messageId: second.id })).body.unread).toMatchObject({
      readSeq: second.seq,
      unreadCount: 0,
    });
    expect((await markRead(app, bob, general, { seq: first.seq })).body.unread).toMatchObject({
      readSeq: second.seq,
      unreadCount: 0,
    });
    expect((await markRead(app, bob, general, { messageId: first.id })).body.unread.readSeq).toBe(second.seq);

    // A position beyond the newest message cannot mark messages read that do not exist yet.
    expect((await markRead(app, bob, general, { seq: 1_000_000 })).body.unread.readSeq).toBe(second.seq);
    await post(app, alice, general, 'third');
    expect(await unreadIn(app, bob, general)).toMatchObject({ readSeq: second.seq, unreadCount: 1 });
  });

  it('rejects a bad position with a clear code and changes nothing', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const message = await post(app, alice, general, 'hello');
    const before = await unreadIn(app, bob, general);
    expect(before).toMatchObject({ unreadCount: 1 });
    for (const body of [{}, { seq: -1 }, { seq: 'x' }, { seq: 1, messageId: message.id }, { at: 1 }]) {
      const response = await markRead(app, bob, general, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const unknown = await markRead(app, bob, general, { messageId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    expect(await unreadIn(app, bob, general)).toEqual(before);
  });

  it("tells the reader's other streams at once, tells no one else, and replays it on resume", async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const bobTab = await StreamReader.open(base, { cookie: bob.cookie });
    const aliceTab = await StreamReader.open(base, { cookie: alice.cookie });
    await bobTab.until((r) => r.events().some((e) => e.type === 'hello'));
    await aliceTab.until((r) => r.events().some((e) => e.type === 'hello'));
    const message = await post(app, alice, general, 'read me');
    await bobTab.until((r) => r.messageSeqs().includes(message.seq));

    const read = await markRead(app, bob, general, { seq: message.seq });
    const isRead = (e: { type: string }): e is RoomReadEvent => e.type === 'room.read';
    await bobTab.until((r) => r.events().some(isRead));
    const event = bobTab.events().find(isRead);
    expect(event).toMatchObject({ roomId: general, unread: { readSeq: message.seq, unreadCount: 0 } });
    expect(event?.unread.asOf).toBe(event?.seq);
    expect(read.body.unread).toEqual(event?.unread);

    // Marking the same position again is not news.
    await markRead(app, bob, general, { seq: message.seq });
    const marker = await post(app, alice, general, 'marker');
    await bobTab.until((r) => r.messageSeqs().includes(marker.seq));
    await aliceTab.until((r) => r.messageSeqs().includes(marker.seq));
    expect(bobTab.events().filter(isRead)).toHaveLength(1);
    expect(aliceTab.events().some(isRead)).toBe(false);

    const resumed = await StreamReader.open(base, { cookie: bob.cookie, lastEventId: String(message.seq) });
    await resumed.until((r) => r.messageSeqs().includes(marker.seq));
    expect(resumed.events().find(isRead)).toEqual(event);
  });

  it('never reveals a room the reader is not in, nor one they left', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const carol = await signUp(app);
    const secret = await createRoom(app, alice, 'secret', 'private');
    await call(app, alice, 'POST', API_PATHS.roomMembers(secret.id), { userId: bob.user.id });
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    const hidden = await post(app, alice, secret.id, 'the secret plan');
    await post(app, alice, dm.id, 'just between us');

    const carolRooms = await roomsOf(app, carol);
    expect(carolRooms.map((room) => room.id)).toEqual([await generalRoomId(app, carol)]);
    const text = JSON.stringify(carolRooms);
    expect(text).not.toContain(secret.id);
    expect(text).not.toContain(dm.id);

    // A message of a room Carol is not in cannot be used to mark one she is in.
    const general = await generalRoomId(app, carol);
    const viaGeneral = await markRead(app, carol, general, { messageId: hidden.id });
    expect(viaGeneral.status).toBe(404);
    expect(JSON.stringify(viaGeneral.body)).not.toContain('secret');

    // Bob leaves the private room: it leaves his counts with it.
    expect(await unreadIn(app, bob, secret.id)).toMatchObject({ unreadCount: 1 });
    await call(app, bob, 'POST', API_PATHS.roomLeave(secret.id));
    expect(JSON.stringify(await roomsOf(app, bob))).not.toContain(secret.id);
    expect((await markRead(app, bob, secret.id, { seq: hidden.seq })).status).toBe(404);
  });
});

describe('notification levels', () => {
  it('defaults to mentions in rooms and all in DMs, and keeps what the reader chooses, per room', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const dm = (await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] }))
      .body.room;
    const levels = async (who: TestUser) =>
      Object.fromEntries((await roomsOf(app, who)).map((room) => [room.id, room.notifications]));
    expect(await levels(alice)).toEqual({ [general]: 'mentions', [dm.id]: 'all' });

    const stream = await StreamReader.open(base, { cookie: alice.cookie });
    await stream.until((r) => r.events().some((e) => e.type === 'hello'));
    const set = await call(app, alice, 'PUT', API_PATHS.roomNotifications(general), { level: 'none' });
    expect(set).toMatchObject({ status: 200, body: { level: 'none' } });
    await stream.until((r) =>
      r.events().some((e) => e.type === 'room.notifications' && e.roomId === general && e.level === 'none'),
    );
    expect(await levels(alice)).toEqual({ [general]: 'none', [dm.id]: 'all' });
    // Bob's choice is his own.
    expect(await levels(bob)).toEqual({ [general]: 'mentions', [dm.id]: 'all' });

    const bad = await call(app, alice, 'PUT', API_PATHS.roomNotifications(general), { level: 'loud' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    expect(await levels(alice)).toEqual({ [general]: 'none', [dm.id]: 'all' });
  });
});
