import type { Page } from '@playwright/test';
import { expect, newTag, test } from './fixtures/test.js';

/** Records every dialog (alert, confirm, prompt) a page opens, and dismisses it. */
function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

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
