import { randomUUID } from 'node:crypto';
import { API_PATHS } from '@parley/protocol';
import {
  expect,
  expectRefused,
  expectStreamNeverCarried,
  expectStreamToCarry,
  newTag,
  sharedServerTest as test,
} from './fixtures/test.js';

test('a DM appears live in both sidebars, and stays between the two', async ({ enterAs }) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const carol = await enterAs('carol');
  for (const { chat } of [bob, carol]) await chat.markWindow();

  const dmId = await alice.chat.sidebar.startDm([carol.user]);
  const alicesItem = alice.chat.sidebar.room(dmId);
  await expect(alicesItem).toHaveAttribute('data-kind', 'dm');
  await expect(alicesItem).toContainText(carol.user.displayName);
  const hello = `psst, carol ${tag}`;
  await alice.chat.sendAndConfirm(hello);

  // Carol's sidebar gets it without a reload, named after Alice, and she reads and answers.
  const carolsItem = carol.chat.sidebar.room(dmId);
  await expect(carolsItem).toHaveAttribute('data-kind', 'dm');
  await expect(carolsItem).toContainText(alice.user.displayName);
  await carol.chat.sidebar.open(dmId);
  await expect(carol.chat.message(hello)).toHaveCount(1);
  await expect(carol.chat.message(hello).getByTestId('message-author')).toHaveText(alice.user.displayName);
  const reply = `what is it, alice ${tag}`;
  await carol.chat.sendAndConfirm(reply);
  await expect(alice.chat.message(reply)).toHaveCount(1);
  for (const { chat } of [alice, carol]) await chat.expectMessagesInOrder([hello, reply]);
  await carol.chat.expectWindowNotReloaded();

  // The same two people make the same DM, whoever starts it.
  expect(await carol.chat.sidebar.startDm([alice.user])).toBe(dmId);
  await expect(carol.chat.sidebar.dmWith(alice.user.displayName)).toHaveCount(1);
  await carol.chat.expectMessagesInOrder([hello, reply]);

  // Bob sees nothing of it: not in his sidebar, not on his stream, not through the API.
  const general = await alice.api.general();
  const probe = `probe for bob ${randomUUID()}`;
  await alice.api.post(general.id, probe);
  await expectStreamToCarry(bob.chat.page, probe);
  await bob.chat.expectWindowNotReloaded();
  await expectStreamNeverCarried(bob.chat.page, [dmId, hello, reply]);
  await expect(bob.chat.sidebar.room(dmId)).toHaveCount(0);
  await expect(bob.chat.sidebar.dmWith(alice.user.displayName)).toHaveCount(0);
  expect((await bob.api.rooms()).map((room) => room.id)).not.toContain(dmId);
  for (const answer of [
    await bob.api.call('GET', API_PATHS.room(dmId)),
    await bob.api.call('GET', API_PATHS.roomMessages(dmId)),
    await bob.api.call('GET', API_PATHS.roomMembers(dmId)),
    await bob.api.call('POST', API_PATHS.roomMessages(dmId), { id: randomUUID(), body: 'hi both' }),
    await bob.api.call('POST', API_PATHS.roomJoin(dmId)),
  ]) {
    expectRefused(answer, 404, 'not_found');
    expect(answer.text).not.toContain(hello);
  }
});
