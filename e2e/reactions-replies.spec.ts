import { expectNoAxeViolations, useColorScheme } from './fixtures/axe.js';
import { ConversationUi } from './fixtures/conversation-ui.js';
import { expect, newTag, sharedServerTest as test, type ParleyFixtures } from './fixtures/test.js';

/** Two people in #general, each with the reactions and replies of their own page. */
async function aliceAndBob(enterAs: ParleyFixtures['enterAs']) {
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  return { tag: newTag(), alice, bob, a: new ConversationUi(alice.chat), b: new ConversationUi(bob.chat) };
}

test('reactions: A reacts from the picker, B sees the count and who live, and toggles the same emoji', async ({
  enterAs,
}) => {
  const { tag, alice, bob, a, b } = await aliceAndBob(enterAs);
  const text = `pizza on Friday? ${tag}`;
  await alice.chat.sendAndConfirm(text);
  await expect(bob.chat.message(text)).toHaveCount(1);

  await a.reactWithPicker(text, '👍');
  await a.expectReaction(text, '👍', 1, true);
  // Bob sees it live: the count, not pressed for him, and who reacted on hover.
  await b.expectReaction(text, '👍', 1, false);
  await expect(await b.whoReacted(text, '👍')).toHaveText(`${alice.user.displayName} reacted with 👍`);

  // Bob adds his to the same emoji by clicking it; both see two, and Alice sees who.
  await b.reaction(text, '👍').click();
  await b.expectReaction(text, '👍', 2, true);
  await a.expectReaction(text, '👍', 2, true);
  await expect(await a.whoReacted(text, '👍')).toHaveText(`You and ${bob.user.displayName} reacted with 👍`);

  // And takes it back.
  await b.reaction(text, '👍').click();
  await b.expectReaction(text, '👍', 1, false);
  await a.expectReaction(text, '👍', 1, true);

  // Choosing an emoji one has already used in the picker takes it away too; the last one goes entirely.
  await a.reactWithPicker(text, '👍');
  await expect(a.reaction(text, '👍')).toHaveCount(0);
  await expect(b.reaction(text, '👍')).toHaveCount(0);
});

test('reactions work from the keyboard: the picker opens, arrows move, Enter picks, Esc closes', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const a = new ConversationUi(alice.chat);
  const text = `keyboard only ${tag}`;
  await alice.chat.sendAndConfirm(text);
  const react = alice.chat.message(text).getByTestId('message-react');

  await react.focus();
  await react.press('Enter');
  const first = a.picker.getByTestId('reaction-option').first();
  await expect(first).toBeFocused();
  await alice.chat.page.keyboard.press('Escape');
  await expect(a.picker).toBeHidden();
  await expect(react).toBeFocused();

  await react.press('Enter');
  await expect(first).toBeFocused();
  await alice.chat.page.keyboard.press('ArrowRight');
  const second = a.picker.getByTestId('reaction-option').nth(1);
  await expect(second).toBeFocused();
  const emoji = (await second.getAttribute('data-emoji'))!;
  await alice.chat.page.keyboard.press('Enter');
  await expect(a.picker).toBeHidden();
  await a.expectReaction(text, emoji, 1, true);

  // The chip is a toggle button; focusing it shows who reacted.
  const chip = a.reaction(text, emoji);
  await chip.focus();
  await expect(alice.chat.message(text).getByTestId('reaction-who')).toBeVisible();
  await chip.press('Space');
  await expect(chip).toHaveCount(0);
});

test('quoted replies: B replies to an old message of A, A sees the quote live and jumps to the original', async ({
  enterAs,
}) => {
  const { tag, alice, bob, a, b } = await aliceAndBob(enterAs);
  const general = await alice.api.general();

  const original = `the release is on Thursday ${tag}`;
  await alice.api.post(general.id, original);
  // Enough later messages that the original is past the first page of history (50).
  for (let i = 0; i < 60; i++) await alice.api.post(general.id, `filler ${i} ${tag}`);
  await expect(bob.chat.message(`filler 59 ${tag}`)).toHaveCount(1);

  // Alice opens the room afresh: only the newest page is loaded.
  await alice.chat.page.reload();
  await alice.chat.expectLive();
  await expect(alice.chat.message(`filler 59 ${tag}`)).toHaveCount(1);
  await expect(alice.chat.message(original)).toHaveCount(0);

  // Bob scrolls back to it (older history loads) and replies.
  await expect(async () => {
    await bob.chat.messageList.evaluate((list) => list.scrollTo({ top: 0 }));
    await expect(bob.chat.message(original)).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  const answer = `Thursday works for me ${tag}`;
  await b.reply(original, answer);
  await expect(bob.chat.message(answer)).toHaveAttribute('data-status', 'sent');
  await expect(b.quote(answer)).toContainText(alice.user.displayName);
  await expect(b.quote(answer)).toContainText(original);

  // Alice sees the reply with its quote, live, and clicking the quote brings the original into view.
  const quote = a.quote(answer);
  await expect(quote).toContainText(alice.user.displayName);
  await expect(quote).toContainText(original);
  await quote.click();
  const row = alice.chat.message(original);
  await expect(row).toBeFocused();
  await expect(row).toBeInViewport();

  // When Alice deletes the original, both quotes say so.
  alice.chat.page.once('dialog', (dialog) => void dialog.accept());
  await alice.chat.pointAt(row);
  await row.getByTestId('message-delete').click();
  // Alice is far up the room, where the original was; she scrolls back down to the reply.
  await alice.chat.messageList.evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
  for (const ui of [a, b]) {
    await expect(ui.quote(answer)).toHaveAttribute('data-deleted', 'true');
    await expect(ui.quote(answer)).not.toContainText(original);
  }
});

test('a reply can be started and cancelled from the keyboard', async ({ enterAs }) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const a = new ConversationUi(alice.chat);
  const text = `reply to me ${tag}`;
  await alice.chat.sendAndConfirm(text);
  const reply = alice.chat.message(text).getByTestId('message-reply');
  await reply.focus();
  await reply.press('Enter');
  await expect(a.replyTarget).toContainText(text);
  await expect(alice.chat.composer).toBeFocused();
  await alice.chat.page.keyboard.press('Escape');
  await expect(a.replyTarget).toBeHidden();
  await expect(alice.chat.composer).toBeFocused();

  // Started again, the reply goes out with its quote.
  await reply.focus();
  await reply.press('Enter');
  await alice.chat.send(`answering myself ${tag}`);
  await expect(a.quote(`answering myself ${tag}`)).toContainText(text);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`reactions, the picker, quotes and the reply bar have no axe violations (${scheme})`, async ({
    enterAs,
  }, testInfo) => {
    const { tag, alice, bob, a, b } = await aliceAndBob(enterAs);
    const { page } = alice.chat;
    await useColorScheme(page, scheme);
    const general = await alice.api.general();
    const original = `a question worth quoting ${tag}`;
    await bob.api.post(general.id, original);
    await expect(alice.chat.message(original)).toHaveCount(1);
    await b.reactWithPicker(original, '🎉');
    await a.reactWithPicker(original, '👍');
    await a.reply(original, `an answer ${tag}`);
    await expect(a.quote(`an answer ${tag}`)).toContainText(original);

    // The reply bar, a reaction's "who" on hover, then the picker open.
    await alice.chat.pointAt(alice.chat.message(original));
    await alice.chat.message(original).getByTestId('message-reply').click();
    await a.whoReacted(original, '🎉');
    await expectNoAxeViolations(page, testInfo, `reactions-${scheme}`);
    await page.screenshot({ path: testInfo.outputPath(`reactions-${scheme}.png`) });
    await alice.chat.pointAt(alice.chat.message(original));
    await alice.chat.message(original).getByTestId('message-react').click();
    await expect(a.picker).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `reaction-picker-${scheme}`);
    await page.screenshot({ path: testInfo.outputPath(`reaction-picker-${scheme}.png`) });
  });
}
