import { API_PATHS } from '@parley/protocol';
import { expectNoAxeViolations } from './fixtures/axe.js';
import { recordDialogs } from './fixtures/dialogs.js';
import { expect, newTag, test, type Person } from './fixtures/test.js';

/** The one row whose body contains `tag` (formatted bodies are not their typed text). */
function rowWith(person: Person, tag: string) {
  return person.chat.messages.filter({
    has: person.chat.page.getByTestId('message-body').filter({ hasText: tag }),
  });
}

test('Markdown is shown formatted to the other reader, with safe links and nothing active', async ({
  joinAs,
}) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const dialogs = recordDialogs(bob.chat.page);

  const text = [
    `**release ${tag}** is _out_, see https://example.com/notes-${tag}.`,
    '```',
    'const answer = <b>42</b>;',
    '```',
    '- [docs](https://example.com/docs) and [trap](javascript:alert(1))',
  ].join('\n');
  await alice.chat.send(text);

  for (const person of [alice, bob]) {
    const body = rowWith(person, tag).getByTestId('message-body');
    await expect(rowWith(person, tag)).toHaveAttribute('data-status', 'sent');
    await expect(body.locator('strong')).toHaveText(`release ${tag}`);
    await expect(body.locator('em')).toHaveText('out');
    await expect(body.locator('pre code')).toHaveText('const answer = <b>42</b>;');
    await expect(body.locator('b')).toHaveCount(0);
    await expect(body.locator('li')).toContainText('[trap](javascript:alert(1))');

    const links = body.locator('a');
    await expect(links).toHaveCount(2);
    await expect(links.nth(0)).toHaveAttribute('href', `https://example.com/notes-${tag}`);
    await expect(links.nth(1)).toHaveAttribute('href', 'https://example.com/docs');
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
  }
  expect(dialogs).toEqual([]);
});

test('@ in the composer offers members; the mention picked by keyboard reaches Bob as "mentions you"', async ({
  joinAs,
}, testInfo) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const { page, composer } = alice.chat;
  const suggestions = page.getByTestId('mention-suggestions');
  // What Alice's page asks about members and people: #general holds everyone, so never all of them.
  const asked: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/members') || url.pathname === API_PATHS.people) asked.push(url);
  });

  await composer.pressSequentially('hi @b');
  await expect(suggestions).toBeVisible();
  await expect(composer).toHaveAttribute('aria-expanded', 'true');
  const options = suggestions.getByTestId('mention-option');
  const bobOption = options.and(page.locator(`[data-username="${bob.user.username}"]`));
  await expect(bobOption).toHaveCount(1);
  // Other Bobs may share the server: walk down to this one with the arrow keys.
  const usernames = await options.evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-username')),
  );
  for (let i = 0; i < usernames.indexOf(bob.user.username); i += 1) await composer.press('ArrowDown');
  await expect(bobOption).toHaveAttribute('aria-selected', 'true');
  await expect(composer).toHaveAttribute('aria-activedescendant', (await bobOption.getAttribute('id')) ?? '');
  await expectNoAxeViolations(page, testInfo, 'mention-suggestions');

  await composer.press('Enter');
  await expect(suggestions).toBeHidden();
  await expect(composer).toHaveValue(`hi @${bob.user.username} `);
  await composer.pressSequentially(`ready? ${tag}`);
  await composer.press('Enter');
  const sent = `hi @${bob.user.username} ready? ${tag}`;
  await expect(alice.chat.message(sent)).toHaveAttribute('data-status', 'sent');

  // Bob's copy says it is about him; Alice's shows an ordinary mention.
  const bobsMention = rowWith(bob, tag).getByTestId('mention');
  await expect(bobsMention).toHaveAttribute('data-mentions-you', 'true');
  await expect(bobsMention).toHaveText(`@${bob.user.username} (mentions you)`);
  const alicesMention = alice.chat.message(sent).getByTestId('mention');
  await expect(alicesMention).toHaveAttribute('data-mentions-you', 'false');
  await expect(alicesMention).toHaveText(`@${bob.user.username}`);
  // The suggestions came from searches of a few members each, and @bob was looked up by name.
  const memberSearches = asked.filter((url) => url.pathname.endsWith('/members'));
  expect(memberSearches.length).toBeGreaterThan(0);
  for (const url of memberSearches) {
    expect(Number(url.searchParams.get('limit') ?? Infinity), url.search).toBeLessThanOrEqual(9);
  }
  const lookups = asked.flatMap((url) => url.searchParams.get('usernames')?.split(',') ?? []);
  expect(lookups).toContain(bob.user.username);

  // Escape closes the list, and Enter then sends as usual; a click picks too.
  await composer.pressSequentially('@b');
  await expect(suggestions).toBeVisible();
  await composer.press('Escape');
  await expect(suggestions).toBeHidden();
  await composer.pressSequentially(` closed ${tag}`);
  await composer.press('Enter');
  await expect(alice.chat.message(`@b closed ${tag}`)).toHaveAttribute('data-status', 'sent');

  await composer.pressSequentially('@b');
  await bobOption.click();
  await expect(composer).toHaveValue(`@${bob.user.username} `);
  await expect(composer).toBeFocused();
});

test('@ in the message editor offers members too, and the mention added by the edit reaches Bob', async ({
  joinAs,
}) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const { page } = alice.chat;
  const text = `can you look at this ${tag}`;
  await alice.chat.sendAndConfirm(text);
  const id = await alice.chat.message(text).getAttribute('data-message-id');
  // By id: while it is edited, the row shows an editor in place of its text.
  const row = alice.chat.messageById(id!);
  await alice.chat.pointAt(row);
  await row.getByTestId('message-edit').click();
  const input = row.getByTestId('message-edit-input');
  await expect(input).toBeFocused();

  // All of Bob's username but its last letter: he is the only match, chosen at once.
  await input.pressSequentially(` @${bob.user.username.slice(0, -1)}`);
  const suggestions = row.getByTestId('mention-suggestions');
  await expect(suggestions).toBeVisible();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  const bobOption = suggestions
    .getByTestId('mention-option')
    .and(page.locator(`[data-username="${bob.user.username}"]`));
  await expect(bobOption).toHaveAttribute('aria-selected', 'true');
  // Enter picks the name (it does not save yet), and the suggestions are drawn over the neighbours.
  await bobOption.hover();
  await input.press('Enter');
  await expect(suggestions).toBeHidden();
  await expect(input).toHaveValue(`${text} @${bob.user.username} `);
  // Esc closes an open list without leaving the editor; then Enter saves.
  await input.pressSequentially('@b');
  await expect(suggestions).toBeVisible();
  await input.press('Escape');
  await expect(suggestions).toBeHidden();
  await expect(input).toBeFocused();
  await input.press('Backspace');
  await input.press('Backspace');
  await input.press('Enter');
  await expect(input).toBeHidden();

  const edited = `${text} @${bob.user.username}`;
  await expect(row.getByTestId('message-body')).toHaveText(edited);
  await expect(row.getByTestId('message-edited')).toBeVisible();
  const bobsMention = rowWith(bob, tag).getByTestId('mention');
  await expect(bobsMention).toHaveAttribute('data-mentions-you', 'true');
});
