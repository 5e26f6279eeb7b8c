import { randomUUID } from 'node:crypto';
import { API_PATHS, LIMITS, type PresenceEntry, type Room, type ServerEvent } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import {
  call,
  generalRoomId,
  listen,
  post,
  signUp,
  startApp,
  startInstances,
  StreamReader,
  type TestUser,
} from './harness.js';

const FAST_PRESENCE = { PRESENCE_INTERVAL_MS: '50', PRESENCE_OFFLINE_GRACE_MS: '150' };

function typingIn(reader: StreamReader, roomId: string) {
  return reader.events().filter((e) => e.type === 'typing' && e.roomId === roomId);
}

function presenceOf(reader: StreamReader, userId: string): PresenceEntry['status'] | undefined {
  let status: PresenceEntry['status'] | undefined;
  for (const event of reader.events()) {
    if (event.type !== 'presence') continue;
    for (const change of event.changes) if (change.userId === userId) status = change.status;
  }
  return status;
}

function helloOf(reader: StreamReader): Extract<ServerEvent, { type: 'hello' }> {
  const hello = reader.events().find((e) => e.type === 'hello');
  if (hello?.type !== 'hello') throw new Error('no hello');
  return hello;
}

/** Through `app` (any instance): `stream` shows the presence of `userIds` from now on. */
async function watch(app: App, who: TestUser, stream: StreamReader, userIds: string[]) {
  const response = await call(app, who, 'PUT', API_PATHS.presenceWatch, {
    connectionId: helloOf(stream).connectionId,
    userIds,
  });
  expect(response.status).toBe(204);
}

async function openLive(baseUrl: string, who: TestUser): Promise<StreamReader> {
  const reader = await StreamReader.open(baseUrl, { cookie: who.cookie });
  await reader.until((r) => r.events().some((e) => e.type === 'hello'));
  return reader;
}

describe('typing', () => {
  it("reaches the room's other members at once, not the typer's own streams, and no one outside the room", async () => {
    const app = await startApp();
    const baseUrl = await listen(app);
    const [alice, bob, carol] = [await signUp(app), await signUp(app), await signUp(app)];
    const general = await generalRoomId(app, alice);
    const priv = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'plans', kind: 'private' })
    ).body.room;
    await call(app, alice, 'POST', API_PATHS.roomMembers(priv.id), { userId: bob.user.id });
    const aliceStream = await openLive(baseUrl, alice);
    const bobStream = await openLive(baseUrl, bob);
    const carolStream = await openLive(baseUrl, carol);

    const typed = await call(app, alice, 'POST', API_PATHS.roomTyping(priv.id));
    expect(typed.status).toBe(204);
    await bobStream.until((r) => typingIn(r, priv.id).length === 1);
    const [event] = typingIn(bobStream, priv.id);
    expect(event).toMatchObject({ user: { id: alice.user.id }, expiresInMs: expect.any(Number) as number });
    // Ephemeral: no id, so it never moves the resume position and is never replayed.
    expect(bobStream.frames.find((f) => f.data?.includes('"typing"'))?.id).toBeUndefined();

    // A message published after the typing signal arrives after it; once it is there, the signal
    // would have been too.
    const marker = await post(app, alice, general, 'after typing');
    for (const stream of [aliceStream, carolStream]) {
      await stream.until((r) => r.messageSeqs().includes(marker.seq));
      expect(typingIn(stream, priv.id)).toEqual([]);
    }
    expect((await call(app, carol, 'POST', API_PATHS.roomTyping(priv.id))).status).toBe(404);
  });
});

describe('presence', () => {
  it('is online while any tab is in use, away when all are in the background, offline after the last closes', async () => {
    const app = await startApp(FAST_PRESENCE);
    const baseUrl = await listen(app);
    const [alice, bob] = [await signUp(app), await signUp(app)];
    const aliceStream = await openLive(baseUrl, alice);
    await watch(app, alice, aliceStream, [bob.user.id]);
    // Watching starts with his status now.
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'offline');

    const bobTab1 = await openLive(baseUrl, bob);
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'online');

    const bobTab2 = await openLive(baseUrl, bob);
    const away = async (tab: StreamReader, isAway: boolean) =>
      expect(
        (
          await call(app, bob, 'PUT', API_PATHS.presence, {
            connectionId: helloOf(tab).connectionId,
            away: isAway,
          })
        ).status,
      ).toBe(204);
    await away(bobTab1, true);
    await away(bobTab2, true);
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'away');

    await away(bobTab2, false);
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'online');
    bobTab2.close();
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'away');
    bobTab1.close();
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'offline');
  });

  it('reaches only the streams that watch that person, and a new stream starts from the current status', async () => {
    const app = await startApp(FAST_PRESENCE);
    const baseUrl = await listen(app);
    const [alice, bob, carol, dave] = [
      await signUp(app),
      await signUp(app),
      await signUp(app),
      await signUp(app),
    ];
    const aliceStream = await openLive(baseUrl, alice);
    const carolStream = await openLive(baseUrl, carol);
    await watch(app, alice, aliceStream, [bob.user.id]);
    await watch(app, carol, carolStream, [dave.user.id]);

    const bobTab = await openLive(baseUrl, bob);
    await openLive(baseUrl, dave);
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'online');
    await carolStream.until((r) => presenceOf(r, dave.user.id) === 'online');
    // Nobody hears of people they do not watch, though everyone shares #general.
    expect(presenceOf(aliceStream, dave.user.id)).toBeUndefined();
    expect(presenceOf(carolStream, bob.user.id)).toBeUndefined();

    // Alice's next tab (or the same tab after a reconnect) watches again and starts from now.
    const aliceTab2 = await openLive(baseUrl, alice);
    await watch(app, alice, aliceTab2, [bob.user.id, dave.user.id]);
    await aliceTab2.until(
      (r) => presenceOf(r, bob.user.id) === 'online' && presenceOf(r, dave.user.id) === 'online',
    );

    // The first tab stops watching Bob: his going offline reaches only the second.
    await watch(app, alice, aliceStream, []);
    bobTab.close();
    await aliceTab2.until((r) => presenceOf(r, bob.user.id) === 'offline');
    // Anything sent to the first tab before this watch's frame has arrived once that frame has.
    await watch(app, alice, aliceStream, [dave.user.id]);
    await aliceStream.until((r) => presenceOf(r, dave.user.id) === 'online');
    expect(presenceOf(aliceStream, bob.user.id)).toBe('online');
  });

  it("will not change whom someone else's stream watches", async () => {
    const app = await startApp(FAST_PRESENCE);
    const baseUrl = await listen(app);
    const [alice, bob, mallory] = [await signUp(app), await signUp(app), await signUp(app)];
    const aliceStream = await openLive(baseUrl, alice);
    await watch(app, mallory, aliceStream, [bob.user.id]);
    await watch(app, alice, aliceStream, [mallory.user.id]);
    await aliceStream.until((r) => presenceOf(r, mallory.user.id) === 'offline');
    expect(presenceOf(aliceStream, bob.user.id)).toBeUndefined();
  });

  it("ignores a report about someone else's stream", async () => {
    const app = await startApp(FAST_PRESENCE);
    const baseUrl = await listen(app);
    const [alice, bob, mallory] = [await signUp(app), await signUp(app), await signUp(app)];
    const aliceStream = await openLive(baseUrl, alice);
    await watch(app, alice, aliceStream, [bob.user.id, mallory.user.id]);
    const bobStream = await openLive(baseUrl, bob);
    await aliceStream.until((r) => presenceOf(r, bob.user.id) === 'online');

    const forged = await call(app, mallory, 'PUT', API_PATHS.presence, {
      connectionId: helloOf(bobStream).connectionId,
      away: true,
    });
    expect(forged.status).toBe(204);
    // Mallory's own stream coming online is reported after the forged report was handled.
    await openLive(baseUrl, mallory);
    await aliceStream.until((r) => presenceOf(r, mallory.user.id) === 'online');
    expect(presenceOf(aliceStream, bob.user.id)).toBe('online');
  });

  it('rejects a malformed report with a validation error', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bad = await call<{ error: { code: string } }>(app, alice, 'PUT', API_PATHS.presence, {
      connectionId: 'nope',
      away: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const tooMany = await call<{ error: { code: string } }>(app, alice, 'PUT', API_PATHS.presenceWatch, {
      connectionId: alice.user.id,
      userIds: Array.from({ length: LIMITS.presenceWatchMax + 1 }, () => randomUUID()),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('validation_failed');
    const watchBody = { connectionId: alice.user.id, userIds: [] };
    expect((await call(app, null, 'PUT', API_PATHS.presenceWatch, watchBody)).status).toBe(401);
  });
});

describe('typing and presence across instances (Redis)', () => {
  it('reaches streams on the other instance, and a tab can report itself away through either one', async () => {
    const [a, b] = await startInstances(2, FAST_PRESENCE);
    const [baseA, baseB] = [await listen(a!), await listen(b!)];
    const [alice, bob] = [await signUp(a!), await signUp(a!)];
    const general = await generalRoomId(a!, alice);
    const aliceOnA = await openLive(baseA, alice);
    // The watch request reaches B; Alice's stream is on A.
    await watch(b!, alice, aliceOnA, [bob.user.id]);
    await aliceOnA.until((r) => presenceOf(r, bob.user.id) === 'offline');
    const bobOnB = await openLive(baseB, bob);

    // Typing on one instance shows on the other.
    expect((await call(a!, alice, 'POST', API_PATHS.roomTyping(general))).status).toBe(204);
    await bobOnB.until((r) => typingIn(r, general).length === 1);

    // Bob's stream is on B; Alice, on A, sees him online.
    await aliceOnA.until((r) => presenceOf(r, bob.user.id) === 'online');

    // His tab's away report lands on A (the load balancer's choice), the stream it names is on B.
    const away = await call(a!, bob, 'PUT', API_PATHS.presence, {
      connectionId: helloOf(bobOnB).connectionId,
      away: true,
    });
    expect(away.status).toBe(204);
    await aliceOnA.until((r) => presenceOf(r, bob.user.id) === 'away');

    bobOnB.close();
    await aliceOnA.until((r) => presenceOf(r, bob.user.id) === 'offline');
  });
});
