import { API_PATHS } from '@parley/protocol';
import {
  expect,
  expectRefused,
  expectStreamEnded,
  newTag,
  sharedServerTest as test,
  watchStreamEnd,
} from './fixtures/test.js';

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
