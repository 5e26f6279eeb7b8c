import { API_PATHS } from '@parley/protocol';
import {
  expect,
  expectRefused,
  expectStreamEnded,
  newTag,
  sharedServerTest as test,
  watchStreamEnd,
} from './fixtures/test.js';
import { SettingsPage } from './fixtures/settings-ui.js';

test('changing the password signs out the other sessions; revoking one signs that one out', async ({
  enterAs,
}) => {
  const tag = newTag();
  const dana = await enterAs('dana');
  // The same person in a second browser.
  const other = await enterAs('dana-2nd', dana.user);
  const { settings } = dana.chat;

  await settings.open();
  await expect(settings.sessions).toHaveCount(2);
  await expect(settings.currentSession).toHaveCount(1);
  expectRefused(
    await dana.api.call('POST', API_PATHS.mePassword, {
      currentPassword: 'not-my-password',
      newPassword: 'whatever-else',
    }),
    401,
    'invalid_credentials',
  );
  await other.chat.expectLive();

  const newPassword = `${dana.user.password}-changed`;
  const othersStream = watchStreamEnd(other.chat.page);
  await settings.changePassword(dana.user.password, newPassword);
  // The other browser is signed out without doing anything: the server closed its stream.
  await expectStreamEnded(othersStream);
  await other.chat.expectSignedOut();
  await expect.poll(async () => (await dana.api.sessions()).length, { message: 'Dana’s sessions' }).toBe(1);
  await settings.close();
  await dana.chat.expectLive();
  await dana.chat.sendAndConfirm(`still signed in here ${tag}`);

  // There, the old password no longer works and the new one does.
  await other.chat.submitSignIn(dana.user);
  await other.chat.expectAuthRefused();
  await other.chat.signIn({ ...dana.user, password: newPassword }, null);
  await other.chat.expectLive();

  // Revoking that session from the list signs it out again.
  await settings.open();
  await expect(settings.sessions).toHaveCount(2);
  await expect(settings.otherSessions).toHaveCount(1);
  const againStream = watchStreamEnd(other.chat.page);
  await settings.revoke(settings.otherSessions);
  await expectStreamEnded(againStream);
  await other.chat.expectSignedOut();
  await expect(settings.sessions).toHaveCount(1);
  await settings.close();
  await dana.chat.expectLive();
});

test('a new display name shows at once on the old messages, quotes and members the others see', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const general = await alice.api.general();
  const said = `said before the rename ${tag}`;
  await alice.api.post(general.id, said);
  await expect(bob.chat.message(said)).toHaveCount(1);
  const authorOnBobsScreen = bob.chat.message(said).getByTestId('message-author');
  await expect(authorOnBobsScreen).toHaveText(alice.user.displayName);

  const settings = new SettingsPage(alice.chat.page);
  await settings.open();
  const newName = `Alice Liddell ${tag}`;
  await settings.rename(newName);

  // Bob did nothing: the old message shows the new name, live, and so do his other views of her.
  await expect(authorOnBobsScreen).toHaveText(newName);
  await bob.chat.page.getByTestId('room-members-button').click();
  await expect(bob.chat.page.getByTestId('member').filter({ hasText: newName })).toHaveCount(1);
  // Alice's own header shows it too.
  await settings.close();
  await expect(alice.chat.page.getByTestId('current-user')).toHaveText(newName);
});
