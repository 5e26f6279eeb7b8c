import { randomUUID } from 'node:crypto';
import { API_PATHS, type MembersResponse, type PeopleResponse, type Room } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, signUp, startApp, type TestUser } from './harness.js';

async function person(app: App, username: string, displayName: string): Promise<TestUser> {
  const who = await signUp(app, username);
  expect((await call(app, who, 'PATCH', API_PATHS.me, { displayName })).status).toBe(200);
  return who;
}

async function members(app: App, who: TestUser, roomId: string, query = '') {
  const response = await call<MembersResponse>(app, who, 'GET', API_PATHS.roomMembers(roomId) + query);
  expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

const usernames = (page: MembersResponse) => page.members.map((member) => member.person.username);

/** A room of `owner` with these people in it. */
async function roomWith(app: App, owner: TestUser, people: TestUser[]): Promise<string> {
  const room = (
    await call<{ room: Room }>(app, owner, 'POST', API_PATHS.rooms, { name: 'team', kind: 'private' })
  ).body.room;
  for (const member of people) {
    expect(
      (await call(app, owner, 'POST', API_PATHS.roomMembers(room.id), { userId: member.user.id })).status,
    ).toBe(201);
  }
  return room.id;
}

describe('member lists', () => {
  it('pages through a room, owners first and then by display name, without repeating or skipping anyone', async () => {
    const app = await startApp();
    const owner = await person(app, 'zed', 'Zed Owner');
    const people = [
      await person(app, 'm1', 'bob'),
      await person(app, 'm2', 'Alice'),
      await person(app, 'm3', 'carol'),
      await person(app, 'm4', 'Bob'),
      await person(app, 'm5', 'dave'),
    ];
    const roomId = await roomWith(app, owner, people);

    const first = await members(app, owner, roomId, '?limit=2');
    expect(usernames(first)).toEqual(['zed', 'm2']);
    expect(first.nextAfter).not.toBeNull();
    // Someone who sorts before the cursor joins between pages: the next pages go on from where the
    // first stopped, neither repeating anyone nor skipping anyone who was there.
    const late = await person(app, 'm6', 'Aaron');
    await call(app, owner, 'POST', API_PATHS.roomMembers(roomId), { userId: late.user.id });
    const second = await members(app, owner, roomId, `?limit=2&after=${first.nextAfter}`);
    const third = await members(app, owner, roomId, `?limit=2&after=${second.nextAfter}`);
    // "bob" and "Bob" have the same sort name; their ids break the tie.
    const bobs = [people[0]!, people[3]!].sort((a, b) => (a.user.id < b.user.id ? -1 : 1));
    expect([...usernames(second), ...usernames(third)]).toEqual([
      ...bobs.map((b) => b.user.username),
      'm3',
      'm5',
    ]);
    expect(third.nextAfter).toBeNull();
    // Without a limit, the first page holds everyone in a room this small.
    const all = await members(app, people[0]!, roomId);
    expect(usernames(all)).toEqual(['zed', 'm6', 'm2', ...bobs.map((b) => b.user.username), 'm3', 'm5']);
    expect(all.nextAfter).toBeNull();
  });

  it('finds members by the start of their username or of a word of their display name, usernames first', async () => {
    const app = await startApp();
    const owner = await person(app, 'owner', 'The Owner');
    const people = [
      await person(app, 'alfred', 'Fred'),
      await person(app, 'sam', 'Sally Allen'),
      await person(app, 'al_b', 'Al B'),
      await person(app, 'alb', 'Albert'),
      await person(app, 'walter', 'Walt'),
    ];
    await person(app, 'alex', 'Not In The Room');
    const roomId = await roomWith(app, owner, people);

    // Username matches (by username), then display-name word matches; "walter" has "al" only inside.
    expect(usernames(await members(app, owner, roomId, '?q=AL'))).toEqual(['al_b', 'alb', 'alfred', 'sam']);
    // `_` is a character here, not LIKE's wildcard.
    expect(usernames(await members(app, owner, roomId, '?q=al_'))).toEqual(['al_b']);
    expect(usernames(await members(app, owner, roomId, '?q=allen'))).toEqual(['sam']);
    expect(usernames(await members(app, owner, roomId, '?q=al&limit=2'))).toEqual(['al_b', 'alb']);
    expect((await members(app, owner, roomId, '?q=al')).nextAfter).toBeNull();
    expect(usernames(await members(app, owner, roomId, '?q=nobody'))).toEqual([]);
  });

  it('answers a bad query with 400 validation_failed', async () => {
    const app = await startApp();
    const owner = await signUp(app);
    const roomId = await roomWith(app, owner, []);
    const cursor = Buffer.from(JSON.stringify([1, 'x', 'y'])).toString('base64url');
    for (const query of [
      '?after=bm90LWpzb24',
      `?after=${Buffer.from('[2,"x","y"]').toString('base64url')}`,
      '?after=a+b',
      `?q=al&after=${cursor}`,
      '?q=%20%20',
      '?q=',
      '?limit=0',
      '?limit=201',
      '?limit=ten',
    ]) {
      const response = await call(app, owner, 'GET', API_PATHS.roomMembers(roomId) + query);
      expect(response, query).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    }
    // A well-formed cursor past everyone is simply the end.
    expect(await members(app, owner, roomId, `?after=${cursor}`)).toEqual({ members: [], nextAfter: null });
  });
});

describe('adding a member', () => {
  it('answers 409 already_member for someone already in the room, and announces nothing', async () => {
    const app = await startApp();
    const owner = await signUp(app);
    const bob = await signUp(app);
    const roomId = await roomWith(app, owner, [bob]);
    const before = await app.store.events.head();
    const again = await call(app, owner, 'POST', API_PATHS.roomMembers(roomId), { userId: bob.user.id });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_member' } } });
    expect(await app.store.events.head()).toBe(before);
    expect(usernames(await members(app, owner, roomId))).toEqual([owner.user.username, bob.user.username]);
  });
});

describe('people by username', () => {
  it('looks up exactly the usernames asked for, deactivated people included, unknown ones left out', async () => {
    const app = await startApp();
    const admin = await signUp(app, 'root');
    const alice = await person(app, 'alice', 'Alice A');
    const gone = await signUp(app, 'gone_user');
    expect((await call(app, admin, 'POST', API_PATHS.adminDeactivateUser(gone.user.id))).status).toBe(204);

    const found = await call<PeopleResponse>(
      app,
      admin,
      'GET',
      `${API_PATHS.people}?usernames=alice,gone_user,nobody,alice`,
    );
    expect(found.status).toBe(200);
    expect(found.body.people.map((p) => [p.username, p.id, p.displayName]).sort()).toEqual([
      ['alice', alice.user.id, 'Alice A'],
      ['gone_user', gone.user.id, 'gone_user'],
    ]);

    const tooMany = Array.from({ length: 51 }, (_, i) => `u${i}`).join(',');
    for (const query of [
      'usernames=Alice',
      'usernames=a,,b',
      'usernames=',
      `usernames=${tooMany}`,
      'q=a&usernames=alice',
    ]) {
      const response = await call(app, admin, 'GET', `${API_PATHS.people}?${query}`);
      expect(response, query).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    }
  });

  it("leaves a room's members out of a search for people to add, for the room's members only", async () => {
    const app = await startApp();
    const owner = await signUp(app, 'owner');
    const bob = await signUp(app, 'bob');
    const carol = await signUp(app, 'carol');
    const roomId = await roomWith(app, owner, [bob]);
    const search = (who: TestUser, query: string) =>
      call<PeopleResponse>(app, who, 'GET', `${API_PATHS.people}?${query}`);

    const toAdd = await search(owner, `q=&notIn=${roomId}`);
    expect(toAdd.status).toBe(200);
    expect(toAdd.body.people.map((p) => p.username)).toEqual(['carol']);
    expect((await search(bob, `q=o&notIn=${roomId}`)).body.people.map((p) => p.username)).toEqual(['carol']);
    // Without notIn, everyone is found.
    expect((await search(owner, 'q=o')).body.people.map((p) => p.username)).toEqual([
      'bob',
      'carol',
      'owner',
    ]);
    // Who is in a private room is not for others to learn: the same 404 as a room that does not exist.
    for (const room of [roomId, randomUUID()]) {
      expect(await search(carol, `q=&notIn=${room}`)).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
    }
    expect(await search(owner, `usernames=bob&notIn=${roomId}`)).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed' } },
    });
  });

  it('searches names with LIKE wildcards in them literally', async () => {
    const app = await startApp();
    const admin = await signUp(app, 'root');
    await signUp(app, 'a_b');
    await signUp(app, 'axb');
    const search = async (q: string) =>
      (
        await call<PeopleResponse>(app, admin, 'GET', `${API_PATHS.people}?q=${encodeURIComponent(q)}`)
      ).body.people.map((p) => p.username);
    expect(await search('a_b')).toEqual(['a_b']);
    expect(await search('a%')).toEqual([]);
  });
});
