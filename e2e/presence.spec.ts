import { expect, newTag, test } from './fixtures/test.js';
import { setPageHidden } from './fixtures/page-visibility.js';

// A short grace before offline, so that closing a tab shows within the test.
test.use({ serverEnv: { PRESENCE_OFFLINE_GRACE_MS: '500' } });

test('typing shows live to the others in the room, ends with the message, and lapses when typing stops', async ({
  enterAs,
}) => {
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const aliceSees = alice.chat.page.getByTestId('typing-indicator');
  const bobSees = bob.chat.page.getByTestId('typing-indicator');

  await bob.chat.composer.fill('hel');
  await expect(aliceSees).toHaveText(`${bob.user.displayName} is typing…`);
  await expect(bobSees).toHaveText('');

  await bob.chat.composer.fill(`hello ${newTag()}`);
  await bob.chat.composer.press('Enter');
  await expect(aliceSees).toHaveText('');

  // Typing again right after sending is announced at once; giving up lets it lapse by itself.
  await bob.chat.composer.fill('one more');
  await expect(aliceSees).toHaveText(`${bob.user.displayName} is typing…`);
  await bob.chat.composer.fill('');
  await expect(aliceSees).toHaveText('', { timeout: 15_000 });
});

test('presence follows the other person: online, away when their tab is in the background, offline when it closes', async ({
  enterAs,
}) => {
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  await alice.chat.header.openMembers();
  const bobsDot = alice.chat.header.member(bob.user.username).getByTestId('presence');
  await expect(bobsDot).toHaveAttribute('data-status', 'online');
  await expect(bobsDot).toHaveAccessibleName('Online');

  // A DM with him shows the same in the sidebar.
  const dmId = await alice.chat.sidebar.startDm([bob.user]);
  const dmDot = alice.chat.sidebar.room(dmId).getByTestId('presence');
  await expect(dmDot).toHaveAttribute('data-status', 'online');

  await setPageHidden(bob.chat.page, true);
  await expect(dmDot).toHaveAttribute('data-status', 'away');
  await setPageHidden(bob.chat.page, false);
  await expect(dmDot).toHaveAttribute('data-status', 'online');

  await bob.chat.page.close();
  await expect(dmDot).toHaveAttribute('data-status', 'offline');
});
