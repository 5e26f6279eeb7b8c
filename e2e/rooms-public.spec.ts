import { randomUUID } from 'node:crypto';
import {
  expect,
  expectStreamNeverCarried,
  expectStreamToCarry,
  newTag,
  sharedServerTest as test,
} from './fixtures/test.js';

test('a public room is found by browsing, joined, chatted in, and left', async ({ enterAs }) => {
  const tag = newTag();
  const bob = await enterAs('bob');
  const carol = await enterAs('carol');
  await carol.chat.markWindow();

  const name = `book-club-${tag}`;
  const topic = `this month: Dream of the Red Chamber ${tag}`;
  const roomId = await bob.chat.sidebar.createRoom({ name, topic, kind: 'public' });
  await expect(bob.chat.sidebar.room(roomId)).toHaveAttribute('data-kind', 'public');
  await expect(bob.chat.header.title).toHaveText(`#${name}`);
  await expect(bob.chat.header.topic).toContainText(topic);
  await bob.chat.header.openMembers();
  await expect(bob.chat.header.member(bob.user.username)).toHaveAttribute('data-role', 'owner');

  // Carol finds it by browsing and joins.
  await expect(carol.chat.sidebar.room(roomId)).toHaveCount(0);
  await carol.chat.sidebar.openBrowse();
  const entry = carol.chat.sidebar.browseEntry(roomId);
  await expect(entry).toContainText(name);
  await entry.getByTestId('browse-room-join').click();
  await expect(carol.chat.sidebar.room(roomId)).toHaveAttribute('data-kind', 'public');
  await carol.chat.sidebar.closeBrowse();
  await carol.chat.sidebar.open(roomId);
  await expect(carol.chat.header.title).toHaveText(`#${name}`);
  // Bob's member list shows her, live.
  await expect(bob.chat.header.member(carol.user.username)).toHaveAttribute('data-role', 'member');

  const hello = `welcome, carol ${tag}`;
  await bob.chat.sendAndConfirm(hello);
  await expect(carol.chat.message(hello)).toHaveCount(1);
  const reply = `glad to be here ${tag}`;
  await carol.chat.sendAndConfirm(reply);
  await expect(bob.chat.message(reply)).toHaveCount(1);
  for (const { chat } of [bob, carol]) await chat.expectMessagesInOrder([hello, reply]);

  // Carol leaves: the room is gone from her sidebar and Bob's member list, and its events stop.
  await carol.chat.header.leave();
  await expect(carol.chat.sidebar.room(roomId)).toHaveCount(0);
  await expect(carol.chat.header.title).not.toHaveText(`#${name}`);
  await expect(bob.chat.header.member(carol.user.username)).toHaveCount(0);
  const afterLeaving = `she has gone ${tag}`;
  await bob.chat.sendAndConfirm(afterLeaving);
  const general = await bob.api.general();
  const probe = `probe for carol ${randomUUID()}`;
  await bob.api.post(general.id, probe);
  await expectStreamToCarry(carol.chat.page, probe);
  await expectStreamNeverCarried(carol.chat.page, [afterLeaving]);
  await expect(carol.chat.message(afterLeaving)).toHaveCount(0);
  await carol.chat.expectWindowNotReloaded();

  // The room is still there to browse and join again.
  await carol.chat.sidebar.openBrowse();
  await expect(carol.chat.sidebar.browseEntry(roomId).getByTestId('browse-room-join')).toBeVisible();
  await carol.chat.sidebar.closeBrowse();
});
