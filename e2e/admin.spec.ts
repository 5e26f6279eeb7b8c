import { API_PATHS, type AuditPage, type PeopleResponse } from '@parley/protocol';
import {
  expect,
  expectRefused,
  expectStreamEnded,
  newTag,
  sharedServerTest as test,
  watchStreamEnd,
} from './fixtures/test.js';

test('an admin deactivates someone who is signed in: their stream closes at once, and they cannot sign in again', async ({
  admin,
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice', admin);
  const bob = await enterAs('bob');
  const carol = await enterAs('carol');
  // Non-admins have no way in.
  await expect(bob.chat.admin.openButton).toHaveCount(0);
  expectRefused(await bob.api.call('POST', API_PATHS.adminDeactivateUser(carol.user.id)), 403, 'forbidden');

  await alice.chat.admin.open();
  const bobsStream = watchStreamEnd(bob.chat.page);
  await alice.chat.admin.deactivate(bob.user.username);

  // Bob's open page: the server closed his stream (he did nothing), and the app signed him out.
  await expectStreamEnded(bobsStream);
  await bob.chat.expectSignedOut();
  expectRefused(await bob.api.call('GET', API_PATHS.me), 401, 'unauthenticated');

  // He cannot sign in again, with the right password.
  await bob.chat.submitSignIn(bob.user);
  await bob.chat.expectAuthRefused();
  expectRefused(
    await bob.api.call('POST', API_PATHS.signIn, {
      username: bob.user.username,
      password: bob.user.password,
    }),
    403,
    'account_deactivated',
  );

  // Nobody else is touched; Bob is no longer found among people; the act is audited.
  await carol.chat.expectLive();
  const stillHere = `carol is still here ${tag}`;
  await carol.chat.sendAndConfirm(stillHere);
  await expect(alice.chat.admin.user(carol.user.username)).toHaveAttribute('data-deactivated', 'false');
  const people = await carol.api.ok<PeopleResponse>(
    'GET',
    `${API_PATHS.people}?q=${encodeURIComponent(bob.user.username)}`,
  );
  expect(people.people.map((person) => person.username)).not.toContain(bob.user.username);
  const audit = await alice.api.ok<AuditPage>('GET', API_PATHS.adminAudit);
  expect(audit.entries).toContainEqual(
    expect.objectContaining({ action: 'user.deactivated', target: bob.user.id }),
  );
});
