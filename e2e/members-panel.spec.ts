import { API_PATHS } from '@parley/protocol';
import { expect, newUser, test } from './fixtures/test.js';

/**
 * Everyone is in #general; enough people that their rows cannot all fit the panel, and that the list
 * comes in two pages (`LIMITS.membersPageDefault` is 100).
 */
const OTHERS = 120;
/**
 * The most rows the panel may mount: about 14 fit the 800-pixel window, and it keeps 8 more on each
 * side. Mounting all 121 would fail this.
 */
const MAX_MOUNTED_ROWS = 35;
const SIGN_UPS_AT_ONCE = 4;

test('a room with many members comes in pages, mounts only the rows in view, scrolls to any of them and finds them', async ({
  server,
  enterAs,
}) => {
  test.setTimeout(90_000);
  // Sign-ups through the API with plain `fetch`, a few at a time (each hashes a password).
  const people = Array.from({ length: OTHERS }, (_, n) => newUser(`member${String(n).padStart(3, '0')}`));
  for (let i = 0; i < people.length; i += SIGN_UPS_AT_ONCE) {
    await Promise.all(
      people.slice(i, i + SIGN_UPS_AT_ONCE).map(async (person) => {
        const reply = await fetch(server.url + API_PATHS.signUp, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(person),
        });
        if (reply.status !== 201) throw new Error(`sign-up: ${reply.status} ${await reply.text()}`);
      }),
    );
  }
  const alice = await enterAs('alice');
  await alice.chat.header.openMembers();

  const { membersPanel, members } = alice.chat.header;
  await expect(membersPanel.getByRole('heading')).toContainText(String(OTHERS + 1));
  await expect(members.first()).toBeVisible();
  const mounted = await members.count();
  expect(mounted).toBeGreaterThan(5);
  expect(mounted).toBeLessThanOrEqual(MAX_MOUNTED_ROWS);

  // Sorted by display name: "Alice …" first, then "member000 …" to "member119 …". The last 21 are on
  // the second page, which comes as the end of the first scrolls into view.
  const last = people.at(-1)!;
  await expect(alice.chat.header.member(last.username)).toHaveCount(0);
  const list = membersPanel.getByTestId('members-list');
  await expect(async () => {
    await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(alice.chat.header.member(last.username)).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(members.last()).toHaveAttribute('aria-setsize', String(OTHERS + 1));
  await expect(alice.chat.header.member(alice.user.username)).toHaveCount(0);
  expect(await members.count()).toBeLessThanOrEqual(MAX_MOUNTED_ROWS);

  // The list takes focus, so that it scrolls from the keyboard even where no row has a button.
  await list.focus();
  await expect(list).toBeFocused();
  await list.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(alice.chat.header.member(alice.user.username)).toBeVisible();

  // The search field asks the server, which knows every member, loaded or not.
  const search = membersPanel.getByTestId('members-search');
  await search.fill(people[57]!.username);
  await expect(members).toHaveCount(1);
  await expect(alice.chat.header.member(people[57]!.username)).toBeVisible();
  await search.fill('nobody-here');
  await expect(membersPanel.getByRole('status')).toBeVisible();
  await expect(members).toHaveCount(0);
  await search.fill('');
  await expect(alice.chat.header.member(alice.user.username)).toBeVisible();
});
