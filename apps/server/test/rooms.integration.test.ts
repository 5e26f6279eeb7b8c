import { API_PATHS, type HistoryPage, type Member, type Room } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { call, listen, post, signUp, startApp, StreamReader, type TestUser } from './harness.js';
import type { App } from '../src/app.js';

async function createRoom(app: App, who: TestUser, name: string, kind: 'public' | 'private' = 'public') {
  const response = await call<{ room: Room }>(app, who, 'POST', API_PATHS.rooms, { name, kind });
  expect(response.status).toBe(201);
  return response.body.room;
}

describe('rooms', () => {
  it('creates public rooms others can browse, join and leave; names are unique regardless of case', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await createRoom(app, alice, 'Design');
    expect(room).toMatchObject({ kind: 'public', name: 'Design', myRole: 'owner', memberCount: 1 });
    expect(
      (await call(app, bob, 'POST', API_PATHS.rooms, { name: 'design', kind: 'private' })).body,
    ).toMatchObject({
      error: { code: 'room_name_taken' },
    });

    const browse = await call<{ rooms: Room[] }>(app, bob, 'GET', API_PATHS.roomsBrowse);
    expect(browse.body.rooms.find((r) => r.id === room.id)).toMatchObject({ name: 'Design', memberCount: 1 });
    expect(browse.body.rooms.find((r) => r.id === room.id)?.myRole).toBeUndefined();

    const joined = await call<{ room: Room }>(app, bob, 'POST', API_PATHS.roomJoin(room.id));
    expect(joined.body.room).toMatchObject({ myRole: 'member', memberCount: 2 });
    await post(app, bob, room.id, 'hi design');
    expect((await call(app, bob, 'POST', API_PATHS.roomLeave(room.id))).status).toBe(204);
    expect((await call(app, bob, 'GET', API_PATHS.roomMessages(room.id))).status).toBe(404);
    const mine = await call<{ rooms: Room[] }>(app, bob, 'GET', API_PATHS.rooms);
    expect(mine.body.rooms.map((r) => r.name)).toEqual(['general']);
  });

  it('keeps everyone in #general', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await app.store.rooms.generalId();
    expect((await call(app, bob, 'POST', API_PATHS.roomLeave(general))).body).toMatchObject({
      error: { code: 'cannot_leave' },
    });
    expect((await call(app, alice, 'DELETE', API_PATHS.roomMember(general, bob.user.id))).status).toBe(403);
    expect((await call(app, alice, 'PATCH', API_PATHS.room(general), { name: 'lobby' })).status).toBe(403);
  });

  it('lets only owners and admins add people to a private room, rename it, and remove people', async () => {
    const app = await startApp();
    const admin = await signUp(app);
    const owner = await signUp(app);
    const member = await signUp(app);
    const other = await signUp(app);
    const room = await createRoom(app, owner, 'ops', 'private');
    expect(
      (await call(app, owner, 'POST', API_PATHS.roomMembers(room.id), { userId: member.user.id })).status,
    ).toBe(201);
    expect(
      (await call(app, member, 'POST', API_PATHS.roomMembers(room.id), { userId: other.user.id })).body,
    ).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call(app, member, 'PATCH', API_PATHS.room(room.id), { name: 'ops2' })).status).toBe(403);
    const topic = await call<{ room: Room }>(app, member, 'PATCH', API_PATHS.room(room.id), {
      topic: 'on call',
    });
    expect(topic.body.room.topic).toBe('on call');
    expect((await call(app, member, 'DELETE', API_PATHS.roomMember(room.id, owner.user.id))).status).toBe(
      403,
    );

    // An admin who is not in the room may still remove people from it, and it is audited.
    expect((await call(app, admin, 'DELETE', API_PATHS.roomMember(room.id, member.user.id))).status).toBe(
      204,
    );
    const members = await call<{ members: Member[] }>(app, owner, 'GET', API_PATHS.roomMembers(room.id));
    expect(members.body.members.map((m) => [m.person.username, m.role])).toEqual([
      [owner.user.username, 'owner'],
    ]);
    const audit = await call<{ entries: { action: string; target: string }[] }>(
      app,
      admin,
      'GET',
      API_PATHS.adminAudit,
    );
    expect(audit.body.entries[0]).toMatchObject({ action: 'member.removed', target: member.user.id });
  });

  it('opens the same DM for the same people, in any order, and nobody can be added to it', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const carol = await signUp(app);
    const first = await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, {
      userIds: [bob.user.id, carol.user.id],
    });
    expect(first.status).toBe(201);
    expect(first.body.room.dmMembers?.map((p) => p.id).sort()).toEqual([bob.user.id, carol.user.id].sort());
    const again = await call<{ room: Room }>(app, carol, 'POST', API_PATHS.dms, {
      userIds: [alice.user.id, bob.user.id],
    });
    expect(again.status).toBe(200);
    expect(again.body.room.id).toBe(first.body.room.id);
    const pair = await call<{ room: Room }>(app, alice, 'POST', API_PATHS.dms, { userIds: [bob.user.id] });
    expect(pair.body.room.id).not.toBe(first.body.room.id);
    const dave = await signUp(app);
    expect(
      (await call(app, alice, 'POST', API_PATHS.roomMembers(pair.body.room.id), { userId: dave.user.id }))
        .status,
    ).toBe(403);
    expect((await call(app, alice, 'POST', API_PATHS.roomLeave(pair.body.room.id))).status).toBe(400);
  });

  it('deletes a message for the author, a room owner or an admin only; it leaves history and streams message.deleted', async () => {
    const app = await startApp();
    const base = await listen(app);
    const admin = await signUp(app);
    const owner = await signUp(app);
    const member = await signUp(app);
    const room = await createRoom(app, owner, 'talk');
    await call(app, member, 'POST', API_PATHS.roomJoin(room.id));
    const byOwner = await post(app, owner, room.id, 'from the owner');
    const byMember = await post(app, member, room.id, 'from a member');
    const third = await post(app, member, room.id, 'another');
    const stream = await StreamReader.open(base, { cookie: owner.cookie });
    await stream.until((r) => r.events().length > 0);

    expect((await call(app, member, 'DELETE', API_PATHS.roomMessage(room.id, byOwner.id))).status).toBe(403);
    expect((await call(app, member, 'DELETE', API_PATHS.roomMessage(room.id, byMember.id))).status).toBe(204);
    expect((await call(app, owner, 'DELETE', API_PATHS.roomMessage(room.id, third.id))).status).toBe(204);
    expect((await call(app, admin, 'DELETE', API_PATHS.roomMessage(room.id, byOwner.id))).status).toBe(204);
    expect((await call(app, admin, 'DELETE', API_PATHS.roomMessage(room.id, byOwner.id))).status).toBe(404);

    const history = await call<HistoryPage>(app, owner, 'GET', API_PATHS.roomMessages(room.id));
    expect(history.body.messages).toEqual([]);
    await stream.until((r) => r.events().filter((e) => e.type === 'message.deleted').length === 3);
    expect(stream.events().flatMap((e) => (e.type === 'message.deleted' ? [e.messageId] : []))).toEqual([
      byMember.id,
      third.id,
      byOwner.id,
    ]);
    const audit = await call<{ entries: { action: string }[] }>(app, admin, 'GET', API_PATHS.adminAudit);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['message.deleted', 'message.deleted']);
  });
});

describe('the stream follows membership', () => {
  it('starts a room on the open stream when the user joins or is added, without reconnecting', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const stream = await StreamReader.open(base, { cookie: bob.cookie });
    await stream.until((r) => r.events().length > 0);

    const room = await createRoom(app, alice, 'secret', 'private');
    const before = await post(app, alice, room.id, 'before bob');
    await call(app, alice, 'POST', API_PATHS.roomMembers(room.id), { userId: bob.user.id });
    const after = await post(app, alice, room.id, 'after bob');
    await stream.until((r) => r.messageSeqs().includes(after.seq));
    const added = stream.events().find((e) => e.type === 'room.added');
    expect(added).toMatchObject({
      roomId: room.id,
      room: { name: 'secret', kind: 'private', myRole: 'member' },
    });
    expect(stream.messageSeqs()).not.toContain(before.seq);
  });

  it('stops a room on the open stream the moment the user is removed, even for events already queued', async () => {
    const app = await startApp({ RATE_LIMIT_POSTS_PER_MINUTE: '10000' });
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await createRoom(app, alice, 'war-room', 'private');
    await call(app, alice, 'POST', API_PATHS.roomMembers(room.id), { userId: bob.user.id });
    const stream = await StreamReader.open(base, { cookie: bob.cookie });
    await stream.until((r) => r.events().length > 0);

    // Alice keeps posting while Bob is removed; the posts race the removal.
    const posts = Array.from({ length: 20 }, (_, i) => post(app, alice, room.id, `msg ${i}`));
    const removal = call(app, alice, 'DELETE', API_PATHS.roomMember(room.id, bob.user.id));
    const more = Array.from({ length: 20 }, (_, i) => post(app, alice, room.id, `late ${i}`));
    const sent = await Promise.all([...posts, ...more]);
    expect((await removal).status).toBe(204);
    const general = await app.store.rooms.generalId();
    const marker = await post(app, alice, general, 'marker');
    await stream.until((r) => r.messageSeqs().includes(marker.seq));

    const removedEvent = stream.events().find((e) => e.type === 'room.removed');
    expect(removedEvent).toMatchObject({ roomId: room.id, reason: 'removed' });
    const removedAt = (removedEvent as { seq: number }).seq;
    const delivered = new Set(stream.messageSeqs());
    for (const message of sent) {
      // Everything before the removal reached Bob; nothing after it did.
      expect(delivered.has(message.seq), `seq ${message.seq} vs removal ${removedAt}`).toBe(
        message.seq < removedAt,
      );
    }
  });

  it('replays only the rooms the user is in now, and tells a user added while offline about the room', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const left = await createRoom(app, alice, 'old-team');
    await call(app, bob, 'POST', API_PATHS.roomJoin(left.id));
    const { head: bobWentOffline } = await app.store.events.bounds();

    await post(app, alice, left.id, 'in the old room, before bob left');
    await call(app, bob, 'POST', API_PATHS.roomLeave(left.id));
    await post(app, alice, left.id, 'in the old room, after bob left');
    const fresh = await createRoom(app, alice, 'new-team', 'private');
    await call(app, alice, 'POST', API_PATHS.roomMembers(fresh.id), { userId: bob.user.id });
    const welcome = await post(app, alice, fresh.id, 'welcome bob');

    const stream = await StreamReader.open(base, { cookie: bob.cookie, lastEventId: String(bobWentOffline) });
    await stream.until((r) => r.messageSeqs().includes(welcome.seq));
    const text = stream.frames.map((f) => f.data ?? '').join('\n');
    expect(text).not.toContain('in the old room');
    expect(
      stream
        .events()
        .filter((e) => e.type === 'room.added')
        .map((e) => e.roomId),
    ).toEqual([fresh.id]);
    expect(
      stream
        .events()
        .filter((e) => e.type === 'room.removed')
        .map((e) => e.roomId),
    ).toEqual([left.id]);
  });

  it('sends room.updated and member events to the room members', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await createRoom(app, alice, 'plans');
    const stream = await StreamReader.open(base, { cookie: alice.cookie });
    await stream.until((r) => r.events().length > 0);
    await call(app, bob, 'POST', API_PATHS.roomJoin(room.id));
    await call(app, alice, 'PATCH', API_PATHS.room(room.id), { name: 'Plans 2027', topic: 'next year' });
    await call(app, bob, 'POST', API_PATHS.roomLeave(room.id));
    await stream.until((r) => r.events().some((e) => e.type === 'member.left'));
    expect(
      stream
        .events()
        .filter((e) => 'roomId' in e && e.roomId === room.id)
        .map((e) => e.type),
    ).toEqual(['member.joined', 'room.updated', 'member.left']);
    expect(stream.events().find((e) => e.type === 'room.updated')).toMatchObject({
      room: { name: 'Plans 2027', topic: 'next year' },
    });
  });
});

describe('editing', () => {
  it('lets only the author edit; the message keeps its place, is marked edited, and message.updated is streamed', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await app.store.rooms.generalId();
    const original = await post(app, alice, room, 'frist');
    const later = await post(app, alice, room, 'later');
    const stream = await StreamReader.open(base, { cookie: bob.cookie });
    await stream.until((r) => r.events().length > 0);

    expect(
      (await call(app, bob, 'PATCH', API_PATHS.roomMessage(room, original.id), { body: 'hijacked' })).status,
    ).toBe(403);
    expect(
      (await call(app, alice, 'PATCH', API_PATHS.roomMessage(room, original.id), { body: '  ' })).status,
    ).toBe(400);
    const edited = await call<{ message: { body: string; editedAt?: string; seq: number } }>(
      app,
      alice,
      'PATCH',
      API_PATHS.roomMessage(room, original.id),
      { body: 'first' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ body: 'first', seq: original.seq });
    expect(typeof edited.body.message.editedAt).toBe('string');
    await stream.until((r) => r.events().some((e) => e.type === 'message.updated'));
    expect(stream.events().find((e) => e.type === 'message.updated')).toMatchObject({
      roomId: room,
      message: { id: original.id, body: 'first', seq: original.seq },
    });
    const history = await call<HistoryPage>(app, bob, 'GET', API_PATHS.roomMessages(room));
    expect(history.body.messages.map((m) => [m.body, m.editedAt !== undefined])).toEqual([
      [later.body, false],
      ['first', true],
    ]);
  });
});
