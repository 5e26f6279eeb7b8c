import { recordDialogs } from './fixtures/dialogs.js';
import { expect, newTag, test } from './fixtures/test.js';

test('a message containing HTML is shown as literal text and never runs', async ({ joinAs }) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const dialogs = { alice: recordDialogs(alice.chat.page), bob: recordDialogs(bob.chat.page) };

  const image = `<img src=x onerror=alert(1)> ${tag}`;
  const script = `<script>alert(2)</script> ${tag}`;
  const bold = `<b>not bold</b> ${tag}`;
  for (const text of [image, script, bold]) await alice.chat.sendAndConfirm(text);

  // Bob gets them over the stream and Alice from her own post: both render paths are checked.
  for (const { chat } of [alice, bob]) {
    await chat.expectMessagesInOrder([image, script, bold]);
    for (const text of [image, script, bold]) {
      await expect(chat.message(text).getByTestId('message-body')).toBeVisible();
      await expect(chat.message(text).getByTestId('message-body')).toHaveText(text);
    }
    const bodies = chat.messages.getByTestId('message-body');
    await expect(bodies.locator('img')).toHaveCount(0);
    await expect(bodies.locator('script')).toHaveCount(0);
    await expect(bodies.locator('b')).toHaveCount(0);
    await expect(chat.page.locator('img[src="x"]')).toHaveCount(0);
  }

  // With no <img> in the page, no onerror can fire later; a dialog would have been recorded by now
  // if any handler had run while the rows rendered.
  expect(dialogs).toEqual({ alice: [], bob: [] });
});

test('Markdown links with script or data URLs stay plain text; real links cannot reach the opener', async ({
  joinAs,
}) => {
  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  const dialogs = recordDialogs(bob.chat.page);

  const traps = [
    `[a](javascript:alert(1)) ${tag}`,
    `[b](JaVaScRiPt:alert(2)) ${tag}`,
    `[c](data:text/html,<script>alert(3)</script>) ${tag}`,
    `[d](vbscript:msgbox(4)) ${tag}`,
    `[e](javascript&#58;alert(5)) ${tag}`,
  ];
  for (const text of traps) await alice.chat.send(text);
  await alice.chat.send(`[safe ${tag}](https://example.com/${tag})`);

  const bodies = bob.chat.messages.getByTestId('message-body').filter({ hasText: tag });
  await expect(bodies).toHaveCount(traps.length + 1);
  // Each trap reads exactly as typed; only the safe one is a link, and it cannot reach this page.
  for (const text of traps) await expect(bob.chat.message(text)).toHaveCount(1);
  await expect(bodies.locator('a')).toHaveCount(1);
  await expect(bodies.locator('a')).toHaveAttribute('href', `https://example.com/${tag}`);
  await expect(bodies.locator('a')).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(bodies.locator('a')).toHaveAttribute('target', '_blank');
  await expect(
    bob.chat.page.locator('[href^="javascript" i], [href^="data" i], [href^="vbscript" i]'),
  ).toHaveCount(0);
  for (const text of traps) await bob.chat.message(text).getByTestId('message-body').click();
  expect(dialogs).toEqual([]);
});
