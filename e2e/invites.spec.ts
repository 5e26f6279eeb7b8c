import { API_PATHS, type AuditPage } from '@parley/protocol';
import { escapeRegExp, expect, expectRefused, newTag, newUser, ParleyApi, test } from './fixtures/test.js';

// The server's own default once an admin exists, set explicitly: the fixture defaults to `open`.
test.use({ serverEnv: { SIGN_UP_MODE: 'invite_only' } });

test('invite-only sign-up: an invite link lets one in, nothing else does, and a revoked link stops working', async ({
  server,
  joinAs,
  openChat,
}) => {
  const tag = newTag();
  // The very first person needs no invite, and becomes the admin.
  const alice = await joinAs('alice');
  const aliceApi = ParleyApi.of(alice.chat.page);
  expect(await aliceApi.authOptions()).toEqual({ signUpMode: 'invite_only' });
  expect((await aliceApi.me()).role).toBe('admin');

  await alice.chat.admin.open();
  const link = await alice.chat.admin.createInvite({ expiresInHours: 24, maxUses: 2 });
  expect(link, 'the invite link: the web app’s origin and /invite/<token>').toMatch(
    new RegExp(`^${escapeRegExp(server.url)}/invite/[^/?#]+$`),
  );
  const token = decodeURIComponent(new URL(link).pathname.split('/').pop()!);
  await expect(alice.chat.admin.invites).toHaveCount(1);

  // Nina opens the link: the app offers sign-up, and she gets in.
  const nina = newUser('nina');
  const ninasChat = await openChat('nina');
  await ninasChat.page.goto(link);
  await expect(ninasChat.authForm).toHaveAttribute('data-mode', 'sign-up');
  await ninasChat.signUp(nina);
  await ninasChat.expectLive();
  const ninasApi = ParleyApi.of(ninasChat.page);
  expect((await ninasApi.me()).role).toBe('member');
  await expect(ninasChat.admin.openButton).toHaveCount(0);
  expectRefused(await ninasApi.call('GET', API_PATHS.adminUsers), 403, 'forbidden');
  const hello = `thanks for the invite ${tag}`;
  await ninasChat.sendAndConfirm(hello);

  // Someone without an invite cannot sign up, from the form or through the API.
  const stranger = newUser('stranger');
  const strangersChat = await openChat('stranger');
  const strangersApi = ParleyApi.of(strangersChat.page);
  await strangersChat.submitSignUp(stranger);
  await strangersChat.expectAuthRefused();
  expectRefused(await strangersApi.call('POST', API_PATHS.signUp, stranger), 403, 'invite_required');
  expectRefused(
    await strangersApi.call('POST', API_PATHS.signUp, { ...stranger, inviteToken: `${token}x` }),
    400,
    'invite_invalid',
  );

  // The invite has a use left, until Alice revokes it; then its link no longer works.
  expect((await strangersApi.call('GET', API_PATHS.invite(token))).status).toBe(200);
  await alice.chat.admin.revoke(alice.chat.admin.invites.first());
  await expect
    .poll(async () => (await strangersApi.call('GET', API_PATHS.invite(token))).status, {
      message: 'GET of the revoked invite',
    })
    .toBe(404);
  expectRefused(await strangersApi.call('GET', API_PATHS.invite(token)), 404, 'invite_invalid');
  const late = newUser('late');
  const latesChat = await openChat('late');
  await latesChat.page.goto(link);
  await latesChat.submitSignUp(late);
  await latesChat.expectAuthRefused();
  expectRefused(
    await ParleyApi.of(latesChat.page).call('POST', API_PATHS.signUp, { ...late, inviteToken: token }),
    400,
    'invite_invalid',
  );

  // Alice opens sign-up to everyone: now the stranger gets in without an invite.
  await alice.chat.admin.setSignUpMode('open');
  await expect
    .poll(async () => (await strangersApi.authOptions()).signUpMode, { message: 'the sign-up mode' })
    .toBe('open');
  await strangersChat.signUp(stranger);
  await strangersChat.expectLive();

  // Each of Alice's acts is in the audit log.
  const audit = await aliceApi.ok<AuditPage>('GET', API_PATHS.adminAudit);
  const actions = audit.entries.map((entry) => entry.action);
  for (const action of ['invite.created', 'invite.revoked', 'settings.changed'] as const) {
    expect(actions, `audit actions (newest first)`).toContain(action);
  }
  expect(new Set(audit.entries.map((entry) => entry.actor.username))).toEqual(new Set([alice.user.username]));
});
