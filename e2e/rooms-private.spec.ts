import { randomUUID } from 'node:crypto';
import { API_PATHS, type PeopleResponse } from '@parley/protocol';
import {
  expect,
  expectRefused,
  expectStreamNeverCarried,
  expectStreamToCarry,
  newTag,
  ResponseRecorder,
  sharedServerTest as test,
  streamEvents,
  type ApiReply,
  type ParleyApi,
  type SignedInPerson,
} from './fixtures/test.js';

/**
 * Posts a probe to #general and waits until `reader`'s stream has carried it. The stream delivers in
 * seq order, so from then on anything of the private room that was going to reach `reader` has.
 */
async function flushStream(poster: SignedInPerson, reader: SignedInPerson, label: string): Promise<void> {
  const general = await poster.api.general();
  const probe = `probe ${label} ${randomUUID()}`;
  await poster.api.post(general.id, probe);
  await expectStreamToCarry(reader.chat.page, probe);
}

/** Every way a non-member could reach into a room through the API (and the same for a made-up id). */
async function probeRoom(api: ParleyApi, roomId: string, userId: string): Promise<ApiReply[]> {
  return [
    await api.call('GET', API_PATHS.room(roomId)),
    await api.call('GET', API_PATHS.roomMessages(roomId)),
    await api.call('GET', API_PATHS.roomMembers(roomId)),
    await api.call('POST', API_PATHS.roomMessages(roomId), { id: randomUUID(), body: 'let me in' }),
    await api.call('POST', API_PATHS.roomJoin(roomId)),
    await api.call('POST', API_PATHS.roomMembers(roomId), { userId }),
    await api.call('PATCH', API_PATHS.room(roomId), { topic: 'mine now' }),
  ];
}

test('a private room reaches its members live, and nothing of it reaches anyone else', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const carol = await enterAs('carol');
  const carolSaw = ResponseRecorder.start(carol.chat.page);
  // A public room Carol can find: her browse list showing it proves the list has loaded.
  const lobby = await alice.api.createRoom({ name: `lobby-${tag}`, kind: 'public' });
  for (const { chat } of [bob, carol]) await chat.markWindow();

  const name = `plans-${tag}`;
  const topic = `the surprise party ${tag}`;
  const roomId = await alice.chat.sidebar.createRoom({ name, topic, kind: 'private' });
  await expect(alice.chat.sidebar.room(roomId)).toHaveAttribute('data-kind', 'private');
  await expect(alice.chat.header.title).toHaveText(`#${name}`);
  await expect(alice.chat.header.topic).toContainText(topic);
  await alice.chat.header.addMember(bob.user.username);
  // Searching for Bob again offers nobody: the search for people to add leaves the room's members out.
  const partial = bob.user.username.slice(0, -1);
  const searched = alice.chat.page.waitForResponse((response) =>
    response.url().includes(`${API_PATHS.people}?q=${partial}&notIn=${roomId}`),
  );
  await alice.chat.page.getByTestId('add-member-search').fill(partial);
  const answer = (await (await searched).json()) as PeopleResponse;
  expect(answer.people.map((person) => person.username)).not.toContain(bob.user.username);
  await expect(alice.chat.page.getByTestId('add-member-option')).toHaveCount(0);
  await alice.chat.page.getByTestId('add-member-search').fill('');
  await expect(alice.chat.header.member(alice.user.username)).toHaveAttribute('data-role', 'owner');
  await expect(alice.chat.header.member(bob.user.username)).toHaveAttribute('data-role', 'member');

  // Bob gets the room live, without a reload, and the two talk there.
  await expect(bob.chat.sidebar.room(roomId)).toHaveAttribute('data-kind', 'private');
  await expect(bob.chat.sidebar.room(roomId)).toContainText(`#${name}`);
  await bob.chat.sidebar.open(roomId);
  await expect(bob.chat.header.title).toHaveText(`#${name}`);
  await expect(bob.chat.header.topic).toContainText(topic);
  const plan = `cake at eight ${tag}`;
  await alice.chat.sendAndConfirm(plan);
  await expect(bob.chat.message(plan)).toHaveCount(1);
  await expect(bob.chat.message(plan).getByTestId('message-author')).toHaveText(alice.user.displayName);
  const reply = `I bring candles ${tag}`;
  await bob.chat.sendAndConfirm(reply);
  await expect(alice.chat.message(reply)).toHaveCount(1);
  const more = `do not tell carol ${tag}`;
  await alice.chat.sendAndConfirm(more);
  for (const { chat } of [alice, bob]) await chat.expectMessagesInOrder([plan, reply, more]);
  await bob.chat.expectWindowNotReloaded();

  // Carol: not in her sidebar, not when browsing, not on her stream, not in any response to her app.
  await flushStream(alice, carol, 'for carol');
  await carol.chat.expectLive();
  await carol.chat.expectWindowNotReloaded();
  const secrets = [roomId, name, topic, plan, reply, more];
  await expectStreamNeverCarried(carol.chat.page, secrets);
  await expect(carol.chat.sidebar.room(roomId)).toHaveCount(0);
  await expect(carol.chat.sidebar.roomNamed(name)).toHaveCount(0);
  await carol.chat.sidebar.openBrowse();
  await expect(carol.chat.sidebar.browseEntry(lobby.id)).toHaveCount(1);
  await expect(carol.chat.sidebar.browseEntry(roomId)).toHaveCount(0);
  await expect(carol.chat.page.getByTestId('browse-rooms-dialog')).not.toContainText(name);
  await carol.chat.sidebar.closeBrowse();
  await carolSaw.expectNeverReceived(secrets);
  await expect(carol.chat.page.locator('body')).not.toContainText(name);

  // Nor through the API with her session: the room answers exactly as one that does not exist.
  expect((await carol.api.rooms()).map((room) => room.id)).not.toContain(roomId);
  expect((await carol.api.browse()).map((room) => room.id)).not.toContain(roomId);
  const replies = await probeRoom(carol.api, roomId, carol.user.id);
  const unknownRoom = await probeRoom(carol.api, randomUUID(), carol.user.id);
  for (const [index, answer] of replies.entries()) {
    expectRefused(answer, 404, 'not_found');
    expectRefused(unknownRoom[index]!, 404, 'not_found');
    expect(
      secrets.slice(1).filter((secret) => answer.text.includes(secret)),
      `${answer.method} ${answer.path} mentions the room`,
    ).toEqual([]);
  }
  // Nor can she remove a member of it.
  expectRefused(await carol.api.call('DELETE', API_PATHS.roomMember(roomId, bob.user.id)), 404, 'not_found');
  expect((await alice.api.members(roomId)).map((member) => member.person.username).sort()).toEqual(
    [alice.user.username, bob.user.username].sort(),
  );
  expect((await alice.api.history(roomId)).map((message) => message.body)).toEqual([more, reply, plan]);
});

test('someone removed from a private room stops receiving it at once, while the others go on', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const carol = await enterAs('carol');
  const room = await alice.api.createRoom({ name: `war-room-${tag}`, kind: 'private' });
  await alice.api.addMember(room.id, bob.user.id);
  await alice.api.addMember(room.id, carol.user.id);
  for (const { chat } of [alice, bob, carol]) {
    await expect(chat.sidebar.room(room.id)).toHaveCount(1);
    await chat.sidebar.open(room.id);
  }
  await bob.chat.markWindow();
  const before = `before the removal ${tag}`;
  await alice.chat.sendAndConfirm(before);
  for (const { chat } of [bob, carol]) await expect(chat.message(before)).toHaveCount(1);

  // Alice's client keeps posting into the room while she removes Bob in the members panel. A post
  // that starts after her app got the 204 for the removal is "after the removal".
  // It goes on until five posts were made after the removal, however long the removal takes on a
  // loaded machine, within a bound of posts and of time.
  let removalConfirmed = false;
  const burst: { body: string; afterRemoval: boolean }[] = [];
  const postingDeadline = Date.now() + 60_000;
  const posting = (async () => {
    for (let n = 1; n <= 5_000 && Date.now() < postingDeadline; n += 1) {
      const afterRemoval = removalConfirmed;
      const body = `burst ${n} ${tag}`;
      await alice.api.post(room.id, body);
      burst.push({ body, afterRemoval });
      if (burst.filter((post) => post.afterRemoval).length >= 5) return;
    }
  })();
  try {
    await expect.poll(() => burst.length, { message: 'posts made before the removal' }).toBeGreaterThan(2);
    const removal = alice.chat.page.waitForResponse(
      (response) =>
        response.request().method() === 'DELETE' &&
        new URL(response.url()).pathname === API_PATHS.roomMember(room.id, bob.user.id),
    );
    await alice.chat.header.clickRemoveMember(bob.user.username);
    expect((await removal).status(), 'DELETE of the membership').toBe(204);
    removalConfirmed = true;
    await expect(alice.chat.header.member(bob.user.username)).toHaveCount(0);
  } finally {
    await posting;
  }
  const typed = [1, 2].map((n) => `after the removal ${n} ${tag}`);
  for (const text of typed) await alice.chat.sendAndConfirm(text);
  const afterRemoval = [...burst.filter((post) => post.afterRemoval).map((post) => post.body), ...typed];
  expect(afterRemoval.length).toBeGreaterThanOrEqual(7);

  // Bob's screen: the room is gone, in place of it a notice, and none of the later messages.
  await expect(bob.chat.header.removedNotice).toBeVisible();
  await expect(bob.chat.sidebar.room(room.id)).toHaveCount(0);
  await flushStream(alice, bob, 'for bob');
  await bob.chat.expectWindowNotReloaded();
  for (const text of afterRemoval) await expect(bob.chat.message(text)).toHaveCount(0);
  const bobsScreen = await bob.chat.page.locator('body').innerText();
  expect(afterRemoval.filter((text) => bobsScreen.includes(text))).toEqual([]);
  // ... nor on his stream: after `room.removed`, no event of the room at all.
  await expectStreamNeverCarried(bob.chat.page, afterRemoval);
  const events = await streamEvents(bob.chat.page);
  const removedAt = events.findIndex((event) => event.type === 'room.removed' && event.roomId === room.id);
  expect(removedAt, 'room.removed on Bob’s stream').toBeGreaterThanOrEqual(0);
  expect(events[removedAt]).toMatchObject({ reason: 'removed' });
  expect(
    events.slice(removedAt + 1).filter((event) => 'roomId' in event && event.roomId === room.id),
    'events of the room after room.removed',
  ).toEqual([]);
  expectRefused(await bob.api.call('GET', API_PATHS.roomMessages(room.id)), 404, 'not_found');
  expectRefused(
    await bob.api.call('POST', API_PATHS.roomMessages(room.id), { id: randomUUID(), body: 'still here?' }),
    404,
    'not_found',
  );

  // Alice and Carol go on: every message reached both, once, in order.
  for (const { chat } of [alice, carol]) {
    for (const text of afterRemoval) await expect(chat.message(text)).toHaveCount(1);
    await chat.expectNoDuplicatesAndSeqOrder();
  }
  await flushStream(alice, carol, 'for carol');
  const carolGot = await streamEvents(carol.chat.page);
  const carolBodies = new Set(
    carolGot.flatMap((event) =>
      event.type === 'message.created' && event.roomId === room.id ? [event.message.body] : [],
    ),
  );
  expect(burst.map((post) => post.body).filter((body) => !carolBodies.has(body))).toEqual([]);
});
