import {
  API_PATHS,
  type AuditPage,
  SESSION_COOKIE,
  type Invite,
  type Person,
  type Room,
  type SessionInfo,
  type User,
  type UserUpdatedEvent,
} from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/services/accounts.js';
import {
  call,
  generalRoomId,
  listen,
  post,
  signUp,
  startApp,
  StreamReader,
  type TestUser,
} from './harness.js';
import type { App } from '../src/app.js';

async function signIn(app: App, username: string, password = 'correct horse'): Promise<TestUser> {
  const response = await app.inject({
    method: 'POST',
    url: API_PATHS.signIn,
    payload: { username, password },
  });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
  return { user: response.json<{ user: User }>().user, cookie: `${SESSION_COOKIE}=${cookie.value}` };
}

describe('invites and sign-up mode', () => {
  it('needs an invite once an admin exists; a valid one works until used up, expired or revoked', async () => {
    const app = await startApp({ SIGN_UP_MODE: 'invite_only' });
    const admin = await signUp(app, 'root');
    expect((await call(app, null, 'GET', API_PATHS.authOptions)).body).toEqual({ signUpMode: 'invite_only' });
    const noInvite = await call(app, null, 'POST', API_PATHS.signUp, {
      username: 'bob',
      password: 'correct horse',
    });
    expect(noInvite).toMatchObject({ status: 403, body: { error: { code: 'invite_required' } } });

    const created = await call<{ invite: Invite; token: string }>(
      app,
      admin,
      'POST',
      API_PATHS.adminInvites,
      {
        expiresInHours: 24,
        maxUses: 1,
      },
    );
    expect(created.status).toBe(201);
    const { token, invite } = created.body;
    expect((await call(app, null, 'GET', API_PATHS.invite(token))).status).toBe(200);
    const bob = await call(app, null, 'POST', API_PATHS.signUp, {
      username: 'bob',
      password: 'correct horse',
      inviteToken: token,
    });
    expect(bob.status).toBe(201);
    const usedUp = await call(app, null, 'POST', API_PATHS.signUp, {
      username: 'carl',
      password: 'correct horse',
      inviteToken: token,
    });
    expect(usedUp).toMatchObject({ status: 400, body: { error: { code: 'invite_invalid' } } });
    expect((await call(app, null, 'GET', API_PATHS.invite(token))).status).toBe(404);

    const second = await call<{ token: string; invite: Invite }>(app, admin, 'POST', API_PATHS.adminInvites, {
      expiresInHours: 1,
      maxUses: 5,
    });
    expect((await call(app, admin, 'DELETE', API_PATHS.adminInvite(second.body.invite.id))).status).toBe(204);
    const revoked = await call(app, null, 'POST', API_PATHS.signUp, {
      username: 'dan',
      password: 'correct horse',
      inviteToken: second.body.token,
    });
    expect(revoked.body).toMatchObject({ error: { code: 'invite_invalid' } });

    // An expired one, made directly in the store with an expiry in the past.
    const past = new Date(Date.now() - 60_000);
    await app.store.invites.create({
      id: '00000000-0000-4000-8000-00000000e001',
      tokenHash: hashToken('expired-token'),
      createdBy: admin.user.id,
      now: new Date(past.getTime() - 3_600_000),
      expiresAt: past,
      maxUses: 10,
    });
    expect((await call(app, null, 'GET', API_PATHS.invite('expired-token'))).status).toBe(404);
    const expired = await call(app, null, 'POST', API_PATHS.signUp, {
      username: 'erin',
      password: 'correct horse',
      inviteToken: 'expired-token',
    });
    expect(expired.body).toMatchObject({ error: { code: 'invite_invalid' } });

    const list = await call<{ invites: Invite[] }>(app, admin, 'GET', API_PATHS.adminInvites);
    expect(list.body.invites.map((i) => [i.id, i.uses, i.revoked])).toEqual([
      [second.body.invite.id, 0, true],
      [invite.id, 1, false],
      ['00000000-0000-4000-8000-00000000e001', 0, false],
    ]);
    // The token itself is never stored.
    const db = JSON.stringify(await app.store.invites.list());
    expect(db).not.toContain(token);
  });

  it('lets an admin open sign-up, and records it in the audit log', async () => {
    const app = await startApp({ SIGN_UP_MODE: 'invite_only' });
    const admin = await signUp(app, 'root');
    const changed = await call(app, admin, 'PATCH', API_PATHS.adminSettings, { signUpMode: 'open' });
    expect(changed.body).toEqual({ settings: { signUpMode: 'open' } });
    await signUp(app, 'walkin');
    const audit = await call<{ entries: { action: string; details: Record<string, string> }[] }>(
      app,
      admin,
      'GET',
      API_PATHS.adminAudit,
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'settings.changed',
      details: { from: 'invite_only', to: 'open' },
    });
  });
});

describe('profile, password and sessions', () => {
  it('updates the display name and avatar colour, and rejects a malformed colour', async () => {
    const app = await startApp();
    const alice = await signUp(app);
    const updated = await call<{ user: User }>(app, alice, 'PATCH', API_PATHS.me, {
      displayName: 'Alice Liddell',
      avatarColor: '#0f766e',
    });
    expect(updated.body.user).toMatchObject({ displayName: 'Alice Liddell', avatarColor: '#0f766e' });
    expect((await call(app, alice, 'PATCH', API_PATHS.me, { avatarColor: 'red' })).status).toBe(400);
    expect((await call(app, alice, 'PATCH', API_PATHS.me, { displayName: '   ' })).status).toBe(400);
    const people = await call<{ people: Person[] }>(app, alice, 'GET', `${API_PATHS.people}?q=liddell`);
    expect(people.body.people.map((p) => p.displayName)).toEqual(['Alice Liddell']);
  });

  it('tells everyone who shares a room of the new name, in each shared room, live and on resume', async () => {
    const app = await startApp();
    const base = await listen(app);
    const alice = await signUp(app);
    const bob = await signUp(app);
    const general = await generalRoomId(app, alice);
    const secret = await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, {
      name: 'secret',
      kind: 'private',
    });
    await call(app, alice, 'POST', API_PATHS.roomMembers(secret.body.room.id), { userId: bob.user.id });
    const hidden = await call<{ room: Room }>(app, alice, 'POST', API_PATHS.rooms, {
      name: 'alone',
      kind: 'private',
    });
    const { head: before } = await app.store.events.bounds();
    const live = await StreamReader.open(base, { cookie: bob.cookie });
    await live.until((r) => r.events().length > 0);

    await call(app, alice, 'PATCH', API_PATHS.me, { displayName: 'Alice Liddell', avatarColor: '#0f766e' });
    const changed = (reader: StreamReader) =>
      reader.events().filter((e): e is UserUpdatedEvent => e.type === 'user.updated');
    await live.until((r) => changed(r).length === 2);
    // Bob gets it in the two rooms he shares with her, never in the one only she is in.
    expect(
      changed(live)
        .map((e) => e.roomId)
        .sort(),
    ).toEqual([general, secret.body.room.id].sort());
    for (const event of changed(live)) {
      expect(event.user).toEqual({
        id: alice.user.id,
        username: alice.user.username,
        displayName: 'Alice Liddell',
        avatarColor: '#0f766e',
      });
    }
    expect(changed(live).some((e) => e.roomId === hidden.body.room.id)).toBe(false);

    // Saving the same name and colour again tells nobody anything.
    await call(app, alice, 'PATCH', API_PATHS.me, { displayName: 'Alice Liddell', avatarColor: '#0f766e' });
    const marker = await post(app, alice, general, 'after saving the same profile');
    await live.until((r) => r.messageSeqs().includes(marker.seq));
    expect(changed(live)).toHaveLength(2);

    // A stream resumed from before the change replays the same events.
    const resumed = await StreamReader.open(base, { cookie: bob.cookie, lastEventId: String(before) });
    await resumed.until((r) => changed(r).length === 2);
    expect(changed(resumed).map((e) => e.seq)).toEqual(changed(live).map((e) => e.seq));
  });

  it('changing the password signs out every other session and closes its streams at once', async () => {
    const app = await startApp();
    const base = await listen(app);
    const here = await signUp(app, 'alice');
    const there = await signIn(app, 'alice');
    const otherStream = await StreamReader.open(base, { cookie: there.cookie });
    const ownStream = await StreamReader.open(base, { cookie: here.cookie });
    await otherStream.until((r) => r.events().length > 0);
    await ownStream.until((r) => r.events().length > 0);

    const wrong = await call(app, here, 'POST', API_PATHS.mePassword, {
      currentPassword: 'nope',
      newPassword: 'new password!',
    });
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    const changed = await call(app, here, 'POST', API_PATHS.mePassword, {
      currentPassword: 'correct horse',
      newPassword: 'new password!',
    });
    expect(changed.status).toBe(204);
    await otherStream.until((r) => r.closed);
    expect((await call(app, there, 'GET', API_PATHS.me)).status).toBe(401);
    expect((await call(app, here, 'GET', API_PATHS.me)).status).toBe(200);
    expect(ownStream.closed).toBe(false);
    await signIn(app, 'alice', 'new password!');
  });

  it('lists the sessions, marks the current one, and revokes another', async () => {
    const app = await startApp();
    const here = await signUp(app, 'alice');
    const there = await signIn(app, 'alice');
    const sessions = await call<{ sessions: SessionInfo[] }>(app, here, 'GET', API_PATHS.meSessions);
    expect(sessions.body.sessions).toHaveLength(2);
    const other = sessions.body.sessions.find((s) => !s.current)!;
    const stranger = await signUp(app, 'mallory');
    expect((await call(app, stranger, 'DELETE', API_PATHS.meSession(other.id))).status).toBe(404);
    expect((await call(app, here, 'DELETE', API_PATHS.meSession(other.id))).status).toBe(204);
    expect((await call(app, there, 'GET', API_PATHS.me)).status).toBe(401);
    const after = await call<{ sessions: SessionInfo[] }>(app, here, 'GET', API_PATHS.meSessions);
    expect(after.body.sessions.map((s) => s.current)).toEqual([true]);
  });
});

describe('deactivation', () => {
  it('ends the sessions and closes the streams of a deactivated user at once; they cannot sign in again', async () => {
    const app = await startApp();
    const base = await listen(app);
    const admin = await signUp(app, 'root');
    const bob = await signUp(app, 'bob');
    const stream = await StreamReader.open(base, { cookie: bob.cookie });
    await stream.until((r) => r.events().length > 0);

    expect((await call(app, bob, 'POST', API_PATHS.adminDeactivateUser(admin.user.id))).status).toBe(403);
    expect((await call(app, admin, 'POST', API_PATHS.adminDeactivateUser(bob.user.id))).status).toBe(204);
    await stream.until((r) => r.closed);
    expect((await call(app, bob, 'GET', API_PATHS.me)).status).toBe(401);
    const again = await call(app, null, 'POST', API_PATHS.signIn, {
      username: 'bob',
      password: 'correct horse',
    });
    expect(again).toMatchObject({ status: 403, body: { error: { code: 'account_deactivated' } } });
    const people = await call<{ people: Person[] }>(app, admin, 'GET', `${API_PATHS.people}?q=bob`);
    expect(people.body.people).toEqual([]);
    const users = await call<{ users: { person: Person; deactivated: boolean }[] }>(
      app,
      admin,
      'GET',
      API_PATHS.adminUsers,
    );
    expect(users.body.users.find((u) => u.person.id === bob.user.id)?.deactivated).toBe(true);
    const audit = await call<{ entries: { action: string; target: string }[] }>(
      app,
      admin,
      'GET',
      API_PATHS.adminAudit,
    );
    expect(audit.body.entries[0]).toMatchObject({ action: 'user.deactivated', target: bob.user.id });
  });

  it('pages the audit log by an opaque cursor, and refuses a malformed one', async () => {
    const app = await startApp();
    const admin = await signUp(app);
    const targets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await signUp(app);
      targets.unshift(user.user.id);
      await call(app, admin, 'POST', API_PATHS.adminDeactivateUser(user.user.id));
    }
    const seen: string[] = [];
    let url: string = `${API_PATHS.adminAudit}?limit=1`;
    for (let page = 0; page < 5; page++) {
      const res = await call<AuditPage>(app, admin, 'GET', url);
      expect(res.status).toBe(200);
      seen.push(...res.body.entries.map((e) => e.target));
      if (res.body.nextBefore === null) break;
      url = `${API_PATHS.adminAudit}?limit=1&before=${encodeURIComponent(res.body.nextBefore)}`;
    }
    expect(seen).toEqual(targets);
    const bad = await call(app, admin, 'GET', `${API_PATHS.adminAudit}?before=yesterday`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
  });
});
