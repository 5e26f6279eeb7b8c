import { randomUUID } from 'node:crypto';
import {
  API_PATHS,
  LIMITS,
  type ErrorBody,
  type HistoryPage,
  type Message,
  type ReactionsResponse,
  type Room,
} from '@parley/protocol';
import { describe, expect, it } from 'vitest';
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
import type { App } from '../src/app.js';

function react(app: App, who: TestUser, message: Message, emoji: string, method: 'PUT' | 'DELETE' = 'PUT') {
  return call<ReactionsResponse & ErrorBody>(
    app,
    who,
    method,
    API_PATHS.messageReaction(message.roomId, message.id, emoji),
  );
}

async function reactionEvents(app: App, roomId: string) {
  const logged = await app.store.events.since(0, [roomId], 1000);
  return logged
    .map((e) => JSON.parse(e.data) as { type: string })
    .filter((e) => e.type.startsWith('reaction.'));
}

describe('reactions', () => {
  it('adds and removes a reaction idempotently: one event per real change, the state in every answer', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, 'lunch?');
    const alicePerson = { id: alice.user.id, username: alice.user.username };
    const bobPerson = { id: bob.user.id, username: bob.user.username };

    const first = await react(app, alice, message, '👍');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      messageId: message.id,
      reactions: [{ emoji: '👍', users: [alicePerson] }],
    });
    const again = await react(app, alice, message, '👍');
    expect(again.body).toEqual(first.body);
    await react(app, bob, message, '👍');
    await react(app, bob, message, '🎉');

    const expected = [
      { emoji: '👍', users: [alicePerson, bobPerson] },
      { emoji: '🎉', users: [bobPerson] },
    ];
    // Every kind of history page carries them.
    for (const query of ['', `?around=${message.id}`, `?after=${message.seq - 1}`]) {
      const history = await call<HistoryPage>(app, bob, 'GET', API_PATHS.roomMessages(room) + query);
      expect(history.body.messages.find((m) => m.id === message.id)?.reactions, query).toMatchObject(
        expected,
      );
    }

    const removed = await react(app, alice, message, '👍', 'DELETE');
    expect(removed.body.reactions).toMatchObject([
      { emoji: '👍', users: [bobPerson] },
      { emoji: '🎉', users: [bobPerson] },
    ]);
    const removedAgain = await react(app, alice, message, '👍', 'DELETE');
    expect(removedAgain.status).toBe(200);
    expect(removedAgain.body).toEqual(removed.body);

    expect(await reactionEvents(app, room)).toMatchObject([
      { type: 'reaction.added', messageId: message.id, emoji: '👍', user: alicePerson },
      { type: 'reaction.added', messageId: message.id, emoji: '👍', user: bobPerson },
      { type: 'reaction.added', messageId: message.id, emoji: '🎉', user: bobPerson },
      { type: 'reaction.removed', messageId: message.id, emoji: '👍', userId: alice.user.id },
    ]);
    // A message nobody reacted to carries no reactions at all.
    const plain = await post(app, alice, room, 'plain');
    const page = await call<HistoryPage>(app, alice, 'GET', API_PATHS.roomMessages(room));
    expect(page.body.messages.find((m) => m.id === plain.id)).not.toHaveProperty('reactions');
  });

  it('streams reaction events live and replays them after Last-Event-ID, in order', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, 'vote here');
    const live = await StreamReader.open(base, { cookie: bob.cookie });
    await live.until((r) => r.events().length > 0);

    await react(app, alice, message, '👍');
    await react(app, alice, message, '👀');
    await react(app, alice, message, '👍', 'DELETE');
    const kinds = (r: StreamReader) =>
      r
        .events()
        .flatMap((e) =>
          e.type === 'reaction.added' || e.type === 'reaction.removed' ? [`${e.type} ${e.emoji}`] : [],
        );
    await live.until((r) => kinds(r).length === 3);
    expect(kinds(live)).toEqual(['reaction.added 👍', 'reaction.added 👀', 'reaction.removed 👍']);
    const seqs = live.frames.filter((f) => f.data?.includes('"reaction.')).map((f) => Number(f.id));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // A client that saw only the message resumes and gets exactly the reaction events, in order.
    const resumed = await StreamReader.open(base, { cookie: bob.cookie, lastEventId: String(message.seq) });
    await resumed.until((r) => kinds(r).length === 3);
    expect(kinds(resumed)).toEqual(kinds(live));
    expect(resumed.frames.filter((f) => f.data?.includes('"reaction.')).map((f) => Number(f.id))).toEqual(
      seqs,
    );
  });

  it('refuses anything but one emoji with 400 invalid_emoji, writing nothing', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, 'react to me');
    for (const value of ['a', '👍👍', 'ok👍', '❤', ' ', '<b>']) {
      const response = await react(app, alice, message, value);
      expect(response.status, value).toBe(400);
      expect(response.body.error.code, value).toBe('invalid_emoji');
    }
    const tooLong = await react(app, alice, message, 'x'.repeat(LIMITS.reactionEmojiMax + 1));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('validation_failed');
    expect(await reactionEvents(app, room)).toEqual([]);
    expect(await app.store.reactions.of([message.id])).toEqual(new Map());
  });

  it(`caps a message at ${LIMITS.reactionsPerMessageMax} distinct emoji with 409 too_many_reactions; joining one that is there still works`, async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const message = await post(app, alice, room, 'popular');
    const emoji = Array.from('😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩🤔');
    for (const e of emoji.slice(0, LIMITS.reactionsPerMessageMax)) {
      expect((await react(app, alice, message, e)).status).toBe(200);
    }
    const over = await react(app, bob, message, emoji[LIMITS.reactionsPerMessageMax]!);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('too_many_reactions');
    const joining = await react(app, bob, message, emoji[0]!);
    expect(joining.status).toBe(200);
    expect(joining.body.reactions).toHaveLength(LIMITS.reactionsPerMessageMax);
    expect(joining.body.reactions[0]!.users.map((u) => u.id)).toEqual([alice.user.id, bob.user.id]);
  });

  it('drops the reactions of a deleted message and refuses new ones; a message of another room is not found', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const other = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'other', kind: 'public' })
    ).body.room;
    const message = await post(app, alice, room, 'soon gone');
    const elsewhere = await post(app, alice, other.id, 'in another room');
    await react(app, alice, message, '👍');
    expect((await call(app, alice, 'DELETE', API_PATHS.roomMessage(room, message.id))).status).toBe(204);
    expect(await app.store.reactions.of([message.id])).toEqual(new Map());

    const onDeleted = await react(app, alice, message, '👍');
    expect(onDeleted.status).toBe(404);
    expect(onDeleted.body.error.code).toBe('not_found');
    // The message exists, but not in the room of the URL.
    const wrongRoom = await call<ErrorBody>(
      app,
      alice,
      'PUT',
      API_PATHS.messageReaction(room, elsewhere.id, '👍'),
    );
    expect(wrongRoom.status).toBe(404);
    const unknown = await react(app, alice, { ...message, id: randomUUID() }, '👍');
    expect(unknown.status).toBe(404);
    expect(wrongRoom.body).toEqual(unknown.body);
  });
});

describe('quoted replies', () => {
  it('carries a quote of the original (author and excerpt) in the answer, the event and history', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const room = await generalRoomId(app, alice);
    const long = `first line\n\n${'word '.repeat(100)}`;
    const original = await post(app, alice, room, long);
    const stream = await StreamReader.open(base, { cookie: alice.cookie });
    await stream.until((r) => r.events().length > 0);

    const response = await call<{ message: Message }>(app, bob, 'POST', API_PATHS.roomMessages(room), {
      id: randomUUID(),
      body: 'agreed',
      replyTo: original.id,
    });
    expect(response.status).toBe(201);
    const reply = response.body.message;
    const quote = reply.replyTo!;
    expect(quote).toMatchObject({
      id: original.id,
      seq: original.seq,
      deleted: false,
      author: { id: alice.user.id, displayName: alice.user.displayName },
    });
    expect(Array.from(quote.excerpt!)).toHaveLength(LIMITS.quoteExcerptMax);
    expect(quote.excerpt).toMatch(/^first line word word .*…$/);

    await stream.until((r) => r.messageSeqs().includes(reply.seq));
    const created = stream.events().find((e) => e.type === 'message.created' && e.seq === reply.seq);
    expect(created).toMatchObject({ message: { replyTo: quote } });
    const history = await call<HistoryPage>(app, alice, 'GET', API_PATHS.roomMessages(room));
    expect(history.body.messages[0]).toEqual(reply);
  });

  it('follows the original: an edit changes the quote, a deletion leaves only "deleted"', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const original = await post(app, alice, room, 'meet at 3');
    const reply = await call<{ message: Message }>(app, alice, 'POST', API_PATHS.roomMessages(room), {
      id: randomUUID(),
      body: 'ok',
      replyTo: original.id,
    });
    const quoteInHistory = async () =>
      (await call<HistoryPage>(app, alice, 'GET', API_PATHS.roomMessages(room))).body.messages.find(
        (m) => m.id === reply.body.message.id,
      )!.replyTo;

    await call(app, alice, 'PATCH', API_PATHS.roomMessage(room, original.id), { body: 'meet at 4' });
    expect(await quoteInHistory()).toMatchObject({ excerpt: 'meet at 4', deleted: false });

    await call(app, alice, 'DELETE', API_PATHS.roomMessage(room, original.id));
    expect(await quoteInHistory()).toEqual({ id: original.id, seq: original.seq, deleted: true });
  });

  it('refuses a reply to a message of another room, a deleted one or an unknown id alike, leaking nothing', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const carol = await signUp(app);
    const room = await generalRoomId(app, alice);
    const priv = (
      await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, { name: 'secret', kind: 'private' })
    ).body.room;
    const secret = await post(app, alice, priv.id, 'the secret plan');
    const gone = await post(app, carol, room, 'soon deleted');
    await call(app, carol, 'DELETE', API_PATHS.roomMessage(room, gone.id));
    const { head } = await app.store.events.bounds();

    const answers = [];
    for (const replyTo of [secret.id, gone.id, randomUUID()]) {
      const response = await call<ErrorBody>(app, carol, 'POST', API_PATHS.roomMessages(room), {
        id: randomUUID(),
        body: 'what plan?',
        replyTo,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('reply_not_found');
      expect(JSON.stringify(response.body)).not.toMatch(/secret|alice/);
      answers.push(response.body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await app.store.events.bounds()).head).toBe(head);
  });

  it('keeps posting idempotent with the reply: the same retry is 200, another original is 409', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const first = await post(app, alice, room, 'one');
    const second = await post(app, alice, room, 'two');
    const id = randomUUID();
    const send = (replyTo?: string) =>
      call<{ message: Message } & ErrorBody>(app, alice, 'POST', API_PATHS.roomMessages(room), {
        id,
        body: 'reply',
        ...(replyTo && { replyTo }),
      });
    const created = await send(first.id);
    expect(created.status).toBe(201);
    const retry = await send(first.id);
    expect(retry.status).toBe(200);
    expect(retry.body.message).toEqual(created.body.message);
    for (const other of [second.id, undefined]) {
      const conflict = await send(other);
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.code).toBe('message_id_conflict');
    }
    // The original is gone now, but a retry is still answered as the first time, not as a new reply.
    expect((await call(app, alice, 'DELETE', API_PATHS.roomMessage(room, first.id))).status).toBe(204);
    const late = await send(first.id);
    expect(late.status).toBe(200);
    expect(late.body.message.id).toBe(id);
    const fresh = await call<ErrorBody>(app, alice, 'POST', API_PATHS.roomMessages(room), {
      id: randomUUID(),
      body: 'reply',
      replyTo: first.id,
    });
    expect(fresh.body.error.code).toBe('reply_not_found');
  });
});
