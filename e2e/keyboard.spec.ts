import { API_PATHS, type Room } from '@parley/protocol';
import { MessageEditing, QuickSwitcher, ShortcutsHelp } from './fixtures/power-ui.js';
import { expect, newTag, sharedServerTest as test } from './fixtures/test.js';

// The whole flow with the keyboard only: switching rooms (Ctrl+K, Alt+Arrow), the shortcuts help (?),
// and editing one's last message (Up in an empty composer), seen live by someone else.

test('rooms are reached by keyboard: Ctrl+K filters and opens, Alt+ArrowDown/Up step through the list', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const { page, sidebar } = alice.chat;
  const names = [`kb-north-${tag}`, `kb-south-${tag}`];
  const created: Room[] = [];
  for (const name of names) created.push(await alice.api.createRoom({ name, kind: 'public' }));
  for (const room of created) await expect(sidebar.room(room.id)).toHaveCount(1);
  // #general and the two new rooms, in the order the sidebar shows them.
  await expect(sidebar.rooms).toHaveCount(3);
  const order = await sidebar.roomIds();
  const titleOf = (roomId: string) => {
    const room = created.find((candidate) => candidate.id === roomId);
    return room ? `#${room.name}` : '#general';
  };

  // Ctrl+K, type part of the name of the room in the middle of the list, Enter.
  const middle = order[1]!;
  const switcher = new QuickSwitcher(page);
  await switcher.openWithKeyboard();
  await page.keyboard.type(titleOf(middle).slice(1));
  await expect(switcher.options).toHaveCount(1);
  await expect(switcher.option(middle)).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(switcher.dialog).toBeHidden();
  await expect(alice.chat.roomTitle).toHaveText(titleOf(middle));
  await expect(sidebar.room(middle)).toHaveAttribute('data-active', 'true');
  await expect(page).toHaveURL(new RegExp(`/rooms/${middle}$`));

  // Typing narrows the list as it goes: the common prefix offers both new rooms, not #general.
  await switcher.openWithKeyboard();
  await page.keyboard.type(`kb-`);
  await expect(switcher.options).toHaveCount(2);
  for (const room of created) await expect(switcher.option(room.id)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(switcher.dialog).toBeHidden();
  await expect(sidebar.room(middle)).toHaveAttribute('data-active', 'true');

  // Alt+ArrowDown opens the next room of the list, Alt+ArrowUp the previous one.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(sidebar.room(order[2]!)).toHaveAttribute('data-active', 'true');
  await expect(alice.chat.roomTitle).toHaveText(titleOf(order[2]!));
  await page.keyboard.press('Alt+ArrowUp');
  await expect(sidebar.room(middle)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(sidebar.room(order[0]!)).toHaveAttribute('data-active', 'true');
  await expect(alice.chat.roomTitle).toHaveText(titleOf(order[0]!));
  await expect(sidebar.active).toHaveCount(1);
});

test('? opens the shortcuts help and Esc closes it, giving the focus back', async ({ enterAs }) => {
  const alice = await enterAs('alice');
  const { page, sidebar } = alice.chat;
  const help = new ShortcutsHelp(page);

  // From somewhere that is not a text field (in the composer, ? is just a character).
  await sidebar.active.focus();
  await page.keyboard.press('?');
  await expect(help.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help.dialog).toBeHidden();
  await expect(sidebar.active).toBeFocused();

  // In the composer, ? is typed, not a shortcut.
  await alice.chat.composer.focus();
  await page.keyboard.press('?');
  await expect(alice.chat.composer).toHaveValue('?');
  await expect(help.dialog).toBeHidden();
  await alice.chat.composer.fill('');

  // The button does the same, by keyboard too.
  await help.button.focus();
  await page.keyboard.press('Enter');
  await expect(help.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help.dialog).toBeHidden();
  await expect(help.button).toBeFocused();
});

test('Up in the empty composer edits my last message; Enter saves it live for others, Esc cancels', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const room = await alice.api.createRoom({ name: `kb-edit-${tag}`, kind: 'public' });
  await bob.api.ok('POST', API_PATHS.roomJoin(room.id));
  for (const person of [alice, bob]) {
    await expect(person.chat.sidebar.room(room.id)).toHaveCount(1);
    await person.chat.sidebar.open(room.id);
  }

  const first = `first draft ${tag}`;
  const last = `secnod draft, with a typo ${tag}`;
  await alice.chat.sendAndConfirm(first);
  const sent = await alice.chat.sendAndConfirm(last);
  const fromBob = `bob says hi ${tag}`;
  await bob.chat.sendAndConfirm(fromBob);
  await expect(alice.chat.message(fromBob)).toHaveCount(1);
  await expect(bob.chat.message(last)).toHaveCount(1);

  const aliceEdits = new MessageEditing(alice.chat.page);
  const bobSees = new MessageEditing(bob.chat.page);
  const aliceRow = alice.chat.messageById(sent.id);
  const bobRow = bob.chat.messageById(sent.id);
  // Only one's own messages offer editing.
  await expect(aliceEdits.editButton(aliceRow)).toHaveCount(1);
  await expect(bobSees.editButton(bobRow)).toHaveCount(0);
  await expect(aliceEdits.editButton(alice.chat.message(fromBob))).toHaveCount(0);

  // Up in the empty composer opens her last message (not Bob's, which came after) for editing.
  await alice.chat.composer.focus();
  await expect(alice.chat.composer).toHaveValue('');
  await alice.chat.page.keyboard.press('ArrowUp');
  const editor = aliceEdits.inputOf(aliceRow);
  await expect(editor).toBeVisible();
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(last);
  await expect(aliceEdits.input).toHaveCount(1);

  const fixed = `second draft, fixed ${tag}`;
  await alice.chat.page.keyboard.press('ControlOrMeta+a');
  await alice.chat.page.keyboard.type(fixed);
  await alice.chat.page.keyboard.press('Enter');
  await expect(aliceEdits.input).toHaveCount(0);
  await expect(aliceRow.getByTestId('message-body')).toHaveText(fixed);
  await expect(aliceEdits.editedMarker(aliceRow)).toBeVisible();

  // Bob sees it change in place, marked as edited, without doing anything.
  await expect(bobRow.getByTestId('message-body')).toHaveText(fixed);
  await expect(bobSees.editedMarker(bobRow)).toBeVisible();
  await expect(bob.chat.message(last)).toHaveCount(0);
  await expect(bob.chat.message(fixed)).toHaveCount(1);
  await expect(bobSees.editedMarker(bob.chat.message(first))).toHaveCount(0);
  await expect(bobSees.editedMarker(bob.chat.message(fromBob))).toHaveCount(0);

  // Esc throws an edit away: nothing changes, here or for Bob.
  await alice.chat.composer.focus();
  await alice.chat.page.keyboard.press('ArrowUp');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(fixed);
  await alice.chat.page.keyboard.press('ControlOrMeta+a');
  await alice.chat.page.keyboard.type(`never saved ${tag}`);
  await alice.chat.page.keyboard.press('Escape');
  await expect(aliceEdits.input).toHaveCount(0);
  await expect(aliceRow.getByTestId('message-body')).toHaveText(fixed);
  // Bob's list shows a later message of his, so a save that leaked would have reached him by now.
  const after = `bob again ${tag}`;
  await bob.chat.sendAndConfirm(after);
  await expect(alice.chat.message(after)).toHaveCount(1);
  await expect(bobRow.getByTestId('message-body')).toHaveText(fixed);
  const history = await bob.api.history(room.id);
  expect(history.find((message) => message.id === sent.id)?.body).toBe(fixed);
  await bob.chat.expectNoDuplicatesAndSeqOrder();
});
