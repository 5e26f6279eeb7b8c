import { randomUUID } from 'node:crypto';
import { API_PATHS, type HistoryPage, type Message, type Room } from '@parley/protocol';
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

async function privateRoom(app: App, owner: TestUser, members: TestUser[]): Promise<Room> {
  const { body } = await call<{ room: Room }>(app, owner, 'POST', API_PATHS.rooms, {
    name: `room-${randomUUID().slice(0, 8)}`,
    kind: 'private',
  });
  for (const member of members)
    await call(app, owner, 'POST', API_PATHS.roomMembers(body.room.id), { userId: member.user.id });
  return body.room;
}

async function historyOf(app: App, who: TestUser, roomId: string): Promise<Message[]> {
  return (await call<HistoryPage>(app, who, 'GET', API_PATHS.roomMessages(roomId))).body.messages;
}

/** The message of the first `type` event about `messageId` on the stream, once it has come. */
async function streamedMessage(
  stream: StreamReader,
  type: 'message.created' | 'message.updated',
  messageId: string,
): Promise<Message> {
  const find = () =>
    stream.events().flatMap((e) => (e.type === type && e.message.id === messageId ? [e.message] : []))[0];
  await stream.until(() => find() !== undefined);
  return find()!;
}

describe('mentions', () => {
  it('records the members a message mentions, in order, and leaves out everyone else', async () => {
    const app = await startApp();
    const alice = await signUp(app, 'alice');
    const bob = await signUp(app, 'bob');
    const carol = await signUp(app, 'carol');
    const dave = await signUp(app, 'dave.d');
    await signUp(app, 'erin'); // exists, but not in the room
    const room = await privateRoom(app, alice, [bob, carol, dave]);

    const message = await post(
      app,
      alice,
      room.id,
      'thanks @Carol, @nobody and @erin; @bob: see `@dave.d`, @bob again, @dave.d.',
    );

    expect(message.mentions).toEqual([carol.user.id, bob.user.id, dave.user.id]);
    expect((await historyOf(app, bob, room.id))[0]?.mentions).toEqual(message.mentions);
  });

  it('mentioning someone outside the room sends them nothing and stores nothing for them', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app, 'alice');
    const bob = await signUp(app, 'bob');
    const outsider = await signUp(app, 'outsider');
    const room = await privateRoom(app, alice, [bob]);
    const outsiderStream = await StreamReader.open(base, { cookie: outsider.cookie });
    const bobStream = await StreamReader.open(base, { cookie: bob.cookie });
    await outsiderStream.until((s) => s.events().some((e) => e.type === 'hello'));

    const message = await post(app, alice, room.id, 'hey @outsider and @bob, the secret plan');
    // A later public message the outsider does see marks the point by which the first would have come.
    const general = await generalRoomId(app, alice);
    const marker = await post(app, alice, general, 'marker');

    expect((await streamedMessage(bobStream, 'message.created', message.id)).mentions).toEqual([bob.user.id]);
    await streamedMessage(outsiderStream, 'message.created', marker.id);
    expect(JSON.stringify(outsiderStream.frames)).not.toContain('secret');
    expect(message.mentions).toEqual([bob.user.id]);
    const stored = await app.store.messages.find(message.id);
    expect(stored?.mentions).toEqual([bob.user.id]);
  });

  it('an edit works the mentions out again, in the stored message and the message.updated event', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app, 'alice');
    const bob = await signUp(app, 'bob');
    const carol = await signUp(app, 'carol');
    const room = await privateRoom(app, alice, [bob, carol]);
    const message = await post(app, alice, room.id, 'ping @bob');
    const stream = await StreamReader.open(base, { cookie: carol.cookie });

    const edited = await call<{ message: Message }>(
      app,
      alice,
      'PATCH',
      API_PATHS.roomMessage(room.id, message.id),
      { body: 'sorry, I meant @carol' },
    );

    expect(edited.status).toBe(200);
    expect(edited.body.message.mentions).toEqual([carol.user.id]);
    expect((await streamedMessage(stream, 'message.updated', message.id)).mentions).toEqual([carol.user.id]);
    expect((await historyOf(app, alice, room.id))[0]?.mentions).toEqual([carol.user.id]);

    await call(app, alice, 'PATCH', API_PATHS.roomMessage(room.id, message.id), { body: 'never mind' });
    expect((await historyOf(app, alice, room.id))[0]?.mentions).toEqual([]);
  });

  it('a retried post answers with the same mentions', async () => {
    const app = await startApp();
    const alice = await signUp(app, 'alice');
    const bob = await signUp(app, 'bob');
    const general = await generalRoomId(app, alice);
    const id = randomUUID();

    const first = await post(app, alice, general, 'hi @bob', id);
    const retry = await call<{ message: Message }>(app, alice, 'POST', API_PATHS.roomMessages(general), {
      id,
      body: 'hi @bob',
    });

    expect(retry.status).toBe(200);
    expect(retry.body.message).toEqual(first);
    expect(first.mentions).toEqual([bob.user.id]);
  });

  it('a deleted message mentions nobody any more', async () => {
    const app = await startApp();
    const alice = await signUp(app, 'alice');
    await signUp(app, 'bob');
    const general = await generalRoomId(app, alice);
    const message = await post(app, alice, general, 'hi @bob');
    expect(message.mentions).toHaveLength(1);

    const removed = await call(app, alice, 'DELETE', API_PATHS.roomMessage(general, message.id));

    expect(removed.status).toBe(204);
    expect((await app.store.messages.find(message.id))?.mentions).toEqual([]);
  });
});
