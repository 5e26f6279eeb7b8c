import { randomUUID } from 'node:crypto';
import { API_PATHS, type Room } from '@parley/protocol';
import { describe, expect, it, vi } from 'vitest';
import { call, generalRoomId, listen, post, signUp, startInstances, StreamReader } from './harness.js';

/** Two API instances on one database, talking through Redis, as behind a load balancer. */
async function twoInstances() {
  const [a, b] = await startInstances(2);
  return { a: a!, b: b!, baseA: await listen(a!), baseB: await listen(b!) };
}

const hello = (r: StreamReader) => r.events().some((e) => e.type === 'hello');

describe('several instances through Redis', () => {
  it('delivers a message posted on one instance live to streams on the other, once, with its seq', async () => {
    const { a, b, baseA, baseB } = await twoInstances();
    const alice = await signUp(a);
    const bob = await signUp(b);
    const room = await generalRoomId(a, alice);
    const onA = await StreamReader.open(baseA, { cookie: alice.cookie });
    const onB = await StreamReader.open(baseB, { cookie: bob.cookie });
    await Promise.all([onA.until(hello), onB.until(hello)]);

    const first = await post(a, alice, room, 'from a');
    const second = await post(b, bob, room, 'from b');
    for (const stream of [onA, onB]) {
      await stream.until((r) => r.messageSeqs().includes(second.seq));
      expect(stream.messageSeqs()).toEqual([first.seq, second.seq]);
      expect(stream.frames.filter((f) => f.id !== undefined).map((f) => f.id)).toContain(String(first.seq));
    }
    expect((await b.inject('/readyz')).json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', bus: 'ok' },
    });
  });

  it('follows membership changes made on another instance: added starts delivery, removed stops it', async () => {
    const { a, baseB } = await twoInstances();
    const alice = await signUp(a);
    const bob = await signUp(a);
    const general = await generalRoomId(a, alice);
    const onB = await StreamReader.open(baseB, { cookie: bob.cookie });
    await onB.until(hello);

    const priv = (
      await call<{ room: Room }>(a, alice, 'POST', API_PATHS.rooms, { name: 'secret', kind: 'private' })
    ).body.room;
    await call(a, alice, 'POST', API_PATHS.roomMembers(priv.id), { userId: bob.user.id });
    const inside = await post(a, alice, priv.id, 'welcome in');
    await onB.until((r) => r.messageSeqs().includes(inside.seq));

    await call(a, alice, 'DELETE', API_PATHS.roomMember(priv.id, bob.user.id));
    const after = await post(a, alice, priv.id, 'after you left');
    const marker = await post(a, alice, general, 'marker');
    await onB.until((r) => r.messageSeqs().includes(marker.seq));
    expect(onB.messageSeqs()).not.toContain(after.seq);
    expect(onB.events().some((e) => e.type === 'room.removed' && e.roomId === priv.id)).toBe(true);
  });

  it('forgets what it cached of a session, a membership or a name when another instance changes it', async () => {
    const { a, b, baseB } = await twoInstances();
    const alice = await signUp(a, 'alice');
    const bob = await signUp(a, 'bob');
    const priv = (
      await call<{ room: Room }>(a, alice, 'POST', API_PATHS.rooms, { name: 'secret', kind: 'private' })
    ).body.room;
    await call(a, alice, 'POST', API_PATHS.roomMembers(priv.id), { userId: bob.user.id });
    // Instance b now holds Bob's session and his membership of the room in memory.
    const onB = await StreamReader.open(baseB, { cookie: bob.cookie });
    await onB.until(hello);
    expect((await post(b, bob, priv.id, 'before')).author.displayName).toBe('bob');

    expect((await call(a, bob, 'PATCH', API_PATHS.me, { displayName: 'Robert' })).status).toBe(200);
    await onB.until((r) => r.events().some((e) => e.type === 'user.updated'));
    expect((await post(b, bob, priv.id, 'renamed')).author.displayName).toBe('Robert');

    await call(a, alice, 'DELETE', API_PATHS.roomMember(priv.id, bob.user.id));
    await onB.until((r) => r.events().some((e) => e.type === 'room.removed' && e.roomId === priv.id));
    const removed = await b.inject({
      method: 'POST',
      url: API_PATHS.roomMessages(priv.id),
      headers: { cookie: bob.cookie },
      payload: { id: randomUUID(), body: 'after removal' },
    });
    expect(removed.statusCode).toBe(404);

    expect((await call(a, bob, 'POST', API_PATHS.signOut)).status).toBe(204);
    await onB.until((r) => r.closed);
    expect((await call(b, bob, 'GET', API_PATHS.me)).status).toBe(401);
  });

  it('reads a cached session and membership from the store again after 30 s, should an invalidation have been lost', async () => {
    const { a, b } = await twoInstances();
    const alice = await signUp(a);
    const room = await generalRoomId(a, alice);
    await post(b, alice, room, 'reads the session and the membership');
    const sessionReads = vi.spyOn(b.store.sessions, 'find');
    const roleReads = vi.spyOn(b.store.rooms, 'role');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
    try {
      await post(b, alice, room, 'half a minute later');
    } finally {
      vi.useRealTimers();
    }
    expect(sessionReads).toHaveBeenCalledTimes(1);
    expect(roleReads).toHaveBeenCalledTimes(1);
  });

  it("closes a deactivated user's streams on every instance at once", async () => {
    const { a, b, baseB } = await twoInstances();
    const admin = await signUp(a, 'root');
    const bob = await signUp(a, 'bob');
    const onB = await StreamReader.open(baseB, { cookie: bob.cookie });
    await onB.until(hello);
    expect((await call(a, admin, 'POST', API_PATHS.adminDeactivateUser(bob.user.id))).status).toBe(204);
    await onB.until((r) => r.closed);
    expect((await call(b, bob, 'GET', API_PATHS.me)).status).toBe(401);
  });

  it("ends a signed-out session's stream on the other instance, and only that session's", async () => {
    const { a, baseB } = await twoInstances();
    const bob = await signUp(a, 'bob');
    const again = await call(a, null, 'POST', API_PATHS.signIn, {
      username: 'bob',
      password: 'correct horse',
    });
    expect(again.status).toBe(200);
    const first = await StreamReader.open(baseB, { cookie: bob.cookie });
    await first.until(hello);
    const other = await signUp(a);
    const otherStream = await StreamReader.open(baseB, { cookie: other.cookie });
    await otherStream.until(hello);
    expect((await call(a, bob, 'POST', API_PATHS.signOut)).status).toBe(204);
    await first.until((r) => r.closed);
    expect(otherStream.closed).toBe(false);
  });
});
