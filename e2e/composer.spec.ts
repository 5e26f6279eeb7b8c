import { API_PATHS, GENERAL_ROOM_NAME, type HistoryPage, type RoomsResponse } from '@parley/protocol';
import type { Page } from '@playwright/test';
import { expect, newTag, test } from './fixtures/test.js';

/** The stored body of a message, read through the API with the page's own session. */
async function storedBody(page: Page, messageId: string): Promise<string | undefined> {
  const rooms = (await (await page.request.get(API_PATHS.rooms)).json()) as RoomsResponse;
  const general = rooms.rooms.find((room) => room.name === GENERAL_ROOM_NAME);
  expect(general, '#general in GET /api/rooms').toBeDefined();
  const history = (await (await page.request.get(API_PATHS.roomMessages(general!.id))).json()) as HistoryPage;
  return history.messages.find((message) => message.id === messageId)?.body;
}

test('Enter sends the message and Shift+Enter inserts a newline', async ({ joinAs }) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const { composer } = alice.chat;
  const firstLine = `first line ${tag}`;
  const secondLine = `second line ${tag}`;

  await composer.click();
  await composer.pressSequentially(firstLine);
  await composer.press('Shift+Enter');
  await composer.pressSequentially(secondLine);
  await expect(composer).toHaveValue(`${firstLine}\n${secondLine}`);
  await expect(alice.chat.messages.filter({ hasText: firstLine })).toHaveCount(0);

  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const row = alice.chat.messages.filter({ hasText: firstLine });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'sent');
  await expect(row.getByTestId('message-body')).toContainText(firstLine);
  await expect(row.getByTestId('message-body')).toContainText(secondLine);
  const messageId = await row.getAttribute('data-message-id');
  expect(await storedBody(alice.chat.page, messageId!)).toBe(`${firstLine}\n${secondLine}`);

  const atBob = bob.chat.messages.filter({ hasText: firstLine });
  await expect(atBob).toHaveCount(1);
  await expect(atBob.getByTestId('message-body')).toContainText(secondLine);
});

test('a pending message becomes sent when the server accepts it', async ({ joinAs }) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');

  // Hold Alice's post on its way to the server, so that the pending state is there to be seen.
  let releasePost!: () => void;
  const postReleased = new Promise<void>((resolve) => (releasePost = resolve));
  const isMessages = (url: URL) => /^\/api\/rooms\/[^/]+\/messages$/.test(url.pathname);
  await alice.chat.page.route(isMessages, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await postReleased;
    return route.continue();
  });

  const text = `wait for it ${tag}`;
  await alice.chat.send(text);
  const row = alice.chat.message(text);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(row).not.toHaveAttribute('data-seq', /\d/);
  await expect(row.getByTestId('message-author')).toHaveText(alice.user.displayName);
  const clientId = await row.getAttribute('data-message-id');
  expect(clientId, 'the client chose the message id (a UUID)').toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  );
  await expect(bob.chat.message(text)).toHaveCount(0);

  releasePost();
  await expect(row).toHaveAttribute('data-status', 'sent');
  await expect(row).toHaveAttribute('data-seq', /^\d+$/);
  await expect(row).toHaveAttribute('data-message-id', clientId!);
  await expect(bob.chat.message(text)).toHaveCount(1);
  await expect(bob.chat.message(text)).toHaveAttribute('data-message-id', clientId!);
  await alice.chat.expectMessagesInOrder([text]);
  await bob.chat.expectMessagesInOrder([text]);
});
