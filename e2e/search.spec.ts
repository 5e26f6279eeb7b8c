import { API_PATHS } from '@parley/protocol';
import { chineseTag, SearchPage } from './fixtures/search-ui.js';
import { expect, newTag, sharedServerTest as test } from './fixtures/test.js';

test('search finds part of a word and a Chinese phrase, drops deleted messages, and opens a hit in its room', async ({
  enterAs,
}) => {
  const tag = newTag();
  const cn = chineseTag(tag);
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const general = await alice.api.general();
  const english = await alice.api.post(general.id, `The quarterly ${tag}reconciliation is finished`);
  const chinese = await alice.api.post(general.id, `明天下午在三楼会议室${cn}讨论预算`);
  const other = await bob.api.post(general.id, `Bob also mentions ${tag}reconciliation`);

  // Bob opens search from the app bar and types part of a word.
  const search = new SearchPage(bob.chat.page);
  await search.open();
  await search.search(`${tag}RECONCIL`);
  await expect(search.hits).toHaveCount(2);
  // Newest first, with the matched part marked (as text, never as markup from the server).
  await expect(search.hits.nth(0)).toHaveAttribute('data-message-id', other.id);
  await expect(search.marks(search.hit(english.id))).toHaveText([`${tag}reconcil`]);

  // The author filter leaves Alice's message only.
  await search.chooseAuthor(alice.user.username);
  await expect(search.hits).toHaveCount(1);
  await expect(search.hit(english.id)).toBeVisible();
  await bob.chat.page.getByTestId('search-author-clear').click();
  await expect(search.hits).toHaveCount(2);

  // A Chinese phrase from the middle of a sentence without spaces.
  await search.search(`会议室${cn}讨论`);
  await expect(search.hits).toHaveCount(1);
  await expect(search.marks(search.hit(chinese.id))).toHaveText([`会议室${cn}讨论`]);

  // Alice deletes it: it leaves Bob's open results at once, and a new search does not find it.
  await alice.api.ok('DELETE', API_PATHS.roomMessage(general.id, chinese.id));
  await expect(search.hit(chinese.id)).toHaveCount(0);
  await search.search(`三楼会议室${cn}`);
  await search.expectNone();

  // A click opens the message in its room.
  await search.search(`${tag}reconciliation is`);
  await expect(search.hits).toHaveCount(1);
  await search.hit(english.id).click();
  await expect(bob.chat.page).toHaveURL(new RegExp(`/rooms/${general.id}`));
  await expect(bob.chat.sidebar.room(general.id)).toHaveAttribute('data-active', 'true');
  await expect(bob.chat.message(english.body)).toBeVisible();

  // Back returns to the same results.
  await bob.chat.page.goBack();
  await expect(search.hit(english.id)).toBeVisible();
});

test('search never shows a private room to someone who is not in it', async ({ enterAs }) => {
  const tag = newTag();
  const cn = chineseTag(tag);
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const secret = await alice.api.createRoom({ name: `vault-${tag}`, kind: 'private' });
  const hidden = await alice.api.post(secret.id, `保险箱密码${cn} and the ${tag}combination`);

  // Alice, a member, finds it, with the keyboard shortcut from the message box.
  await alice.chat.composer.focus();
  await alice.chat.page.keyboard.press('Control+Shift+F');
  const aliceSearch = new SearchPage(alice.chat.page);
  await expect(aliceSearch.input).toBeFocused();
  await alice.chat.page.keyboard.type(`${tag}combin`);
  await expect(aliceSearch.hit(hidden.id)).toBeVisible();
  await aliceSearch.room.selectOption(secret.id);
  await expect(aliceSearch.hit(hidden.id)).toBeVisible();

  // Bob is not in the room: neither the English nor the Chinese words, short or long, find it.
  const bobSearch = new SearchPage(bob.chat.page);
  await bobSearch.open();
  for (const words of [`${tag}combin`, `密码${cn}`, `码${cn.slice(0, 1)}`, `${tag}combination 密码`]) {
    await bobSearch.search(words);
    await bobSearch.expectNone();
  }
  // Nor does asking for the room by id through the API.
  const reply = await bob.api.call('GET', `${API_PATHS.search}?q=${tag}&roomId=${secret.id}`);
  expect(reply.status).toBe(404);
  await expect(bobSearch.room.locator(`option[value="${secret.id}"]`)).toHaveCount(0);
});
