import { expect, newTag, test } from './fixtures/test.js';

test('two people chat both ways, live, and each message shows exactly once', async ({ joinAs }) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');

  const hello = `hello bob ${tag}`;
  await alice.chat.sendAndConfirm(hello);
  await expect(bob.chat.message(hello)).toHaveCount(1);
  await expect(bob.chat.message(hello).getByTestId('message-author')).toHaveText(alice.user.displayName);

  const reply = `hi alice ${tag}`;
  await bob.chat.sendAndConfirm(reply);
  await expect(alice.chat.message(reply)).toHaveCount(1);
  await expect(alice.chat.message(reply).getByTestId('message-author')).toHaveText(bob.user.displayName);

  const more = `and a third one ${tag}`;
  await alice.chat.sendAndConfirm(more);

  // Alice's stream delivered Bob's reply, so it had already delivered her own first message: a row
  // doubled by the optimistic copy plus the stream's copy would show by now.
  for (const person of [alice, bob]) {
    await person.chat.expectMessagesInOrder([hello, reply, more]);
    await expect(person.chat.messages).toHaveCount(3);
  }
});
