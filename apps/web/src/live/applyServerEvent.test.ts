import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryPage, Member, Message, Person, Room, ServerEvent, User } from '@parley/protocol';
import { queryKeys } from '../api/keys';
import type { HistoryData } from '../api/messageCache';
import { memberRemoved, type MemberPages } from '../api/rooms';
import { applyServerEvent } from './applyServerEvent';

const createdAt = '2025-01-01T00:00:00.000Z';
const user: User = {
  id: 'u1',
  username: 'ada',
  displayName: 'Ada',
  avatarColor: '#2f5fd0',
  role: 'member',
  createdAt,
};
const ada: Person = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
const bo: Person = { id: 'u2', username: 'bo', displayName: 'Bo', avatarColor: '#1e7d3c' };
const cy: Person = { id: 'u3', username: 'cy', displayName: 'Cy', avatarColor: '#9a6700' };

const room = (id: string, overrides: Partial<Room> = {}): Room => ({
  id,
  kind: 'public',
  name: id,
  topic: '',
  memberCount: 2,
  myRole: 'member',
  createdAt,
  ...overrides,
});
const message = (seq: number, roomId = 'r1'): Message => ({
  id: `m${seq}`,
  roomId,
  seq,
  author: ada,
  body: `hi ${seq}`,
  createdAt,
  mentions: [],
});
const page = (...messages: Message[]): HistoryPage => ({ messages, nextBefore: null });
const member = (person: Person, role: Member['role'] = 'member'): Member => ({
  person,
  role,
  joinedAt: createdAt,
});
const hello = (resumed: boolean, protocolVersion = 1) =>
  ({ type: 'hello', protocolVersion, user, seq: 1, connectionId: 'c1', resumed }) as ServerEvent;

/** A page that has loaded #r1 (its history and members) and knows room r2 only by its sidebar entry. */
function loadedClient() {
  const client = new QueryClient();
  client.setQueryData(queryKeys.me(), user);
  client.setQueryData<HistoryData>(queryKeys.messages.room('r1'), {
    pages: [page(message(2), message(1))],
    pageParams: [null],
  });
  client.setQueryData<MemberPages>(queryKeys.members.list('r1'), {
    pages: [{ members: [member(ada, 'owner'), member(bo)], nextAfter: null }],
    pageParams: [null],
  });
  client.setQueryData<Room[]>(queryKeys.rooms(), [room('r1', { myRole: 'owner' }), room('r2')]);
  return client;
}

const apply = (client: QueryClient, event: ServerEvent) => applyServerEvent(client, event, vi.fn());
const historyOf = (client: QueryClient, roomId: string) =>
  client
    .getQueryData<HistoryData>(queryKeys.messages.room(roomId))
    ?.pages.flatMap((p) => p.messages.map((m) => m.id));
const roomsOf = (client: QueryClient) => client.getQueryData<Room[]>(queryKeys.rooms());
const membersOf = (client: QueryClient, roomId: string) =>
  client
    .getQueryData<MemberPages>(queryKeys.members.list(roomId))
    ?.pages.flatMap((p) => p.members.map((m) => m.person.username));
const listStale = (client: QueryClient, roomId: string) =>
  client.getQueryState(queryKeys.members.list(roomId))?.isInvalidated;

describe('applyServerEvent: messages', () => {
  it('writes a created message into its room history', () => {
    const client = loadedClient();
    apply(client, { type: 'message.created', seq: 3, roomId: 'r1', message: message(3) });
    expect(historyOf(client, 'r1')).toEqual(['m3', 'm2', 'm1']);
  });

  it('leaves a room whose history was never loaded unloaded, instead of a history of one message', () => {
    const client = loadedClient();
    apply(client, { type: 'message.created', seq: 3, roomId: 'r2', message: message(3, 'r2') });
    expect(historyOf(client, 'r2')).toBeUndefined();
  });

  it('replaces an edited message in place, keeping its position', () => {
    const client = loadedClient();
    const edited = { ...message(1), body: 'fixed', editedAt: '2025-01-01T00:05:00.000Z' };
    apply(client, { type: 'message.updated', seq: 1, roomId: 'r1', message: edited });
    expect(historyOf(client, 'r1')).toEqual(['m2', 'm1']);
    const messages = client.getQueryData<HistoryData>(queryKeys.messages.room('r1'))?.pages[0]?.messages;
    expect(messages?.[1]).toEqual(edited);
  });

  it('keeps the newer text when an older edit arrives after a newer one', () => {
    const client = loadedClient();
    const first = { ...message(1), body: 'first', editedAt: '2025-01-01T00:05:00.000Z' };
    const second = { ...message(1), body: 'second', editedAt: '2025-01-01T00:06:00.000Z' };
    apply(client, { type: 'message.updated', seq: 1, roomId: 'r1', message: second });
    apply(client, { type: 'message.updated', seq: 1, roomId: 'r1', message: first });
    const messages = client.getQueryData<HistoryData>(queryKeys.messages.room('r1'))?.pages[0]?.messages;
    expect(messages?.[1]?.body).toBe('second');
  });

  it('does not bring back a deleted message when its edit is replayed', () => {
    const client = loadedClient();
    apply(client, { type: 'message.deleted', seq: 3, roomId: 'r1', messageId: 'm1' });
    const edited = { ...message(1), body: 'fixed', editedAt: '2025-01-01T00:05:00.000Z' };
    apply(client, { type: 'message.updated', seq: 1, roomId: 'r1', message: edited });
    expect(historyOf(client, 'r1')).toEqual(['m2']);
  });

  it('leaves an unloaded room unloaded when one of its messages is edited', () => {
    const client = loadedClient();
    const edited = { ...message(5, 'r2'), editedAt: '2025-01-01T00:05:00.000Z' };
    apply(client, { type: 'message.updated', seq: 5, roomId: 'r2', message: edited });
    expect(historyOf(client, 'r2')).toBeUndefined();
  });

  it('takes a deleted message out of its room history', () => {
    const client = loadedClient();
    apply(client, { type: 'message.deleted', seq: 3, roomId: 'r1', messageId: 'm1' });
    expect(historyOf(client, 'r1')).toEqual(['m2']);
  });
});

describe('applyServerEvent: rooms', () => {
  it('adds a room the reader joined or was added to, and drops any history left from before', () => {
    const client = loadedClient();
    // r3 was left earlier; a stale history of it is still cached.
    client.setQueryData<HistoryData>(queryKeys.messages.room('r3'), {
      pages: [page(message(1, 'r3'))],
      pageParams: [null],
    });
    const added = room('r3', { kind: 'private', myRole: 'member' });
    apply(client, { type: 'room.added', seq: 5, roomId: 'r3', room: added });
    expect(roomsOf(client)?.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    // Nothing of it is unread yet: a newcomer starts at the log's head.
    expect(roomsOf(client)?.[2]).toEqual({
      ...added,
      unread: { readSeq: 5, unreadCount: 0, mentionCount: 0, asOf: 5 },
    });
    expect(historyOf(client, 'r3')).toBeUndefined();
  });

  it('keeps a room added while the room list is being fetched, though the fetched list lacks it', async () => {
    const client = new QueryClient();
    let answer: (rooms: Room[]) => void = () => undefined;
    const fetching = client.query({
      queryKey: queryKeys.rooms(),
      queryFn: () => new Promise<Room[]>((resolve) => (answer = resolve)),
    });
    apply(client, { type: 'room.added', seq: 5, roomId: 'r3', room: room('r3') });
    answer([room('r1')]);
    await fetching;
    expect(roomsOf(client)?.map((r) => r.id)).toEqual(['r1', 'r3']);
  });

  it('adds a room once, whether its POST answer or its event came first', () => {
    const client = loadedClient();
    const added = room('r3');
    apply(client, { type: 'room.added', seq: 5, roomId: 'r3', room: added });
    apply(client, { type: 'room.added', seq: 5, roomId: 'r3', room: added });
    expect(roomsOf(client)?.filter((r) => r.id === 'r3')).toHaveLength(1);
  });

  it('removes a room the reader left or was removed from, with its history and members', () => {
    const client = loadedClient();
    apply(client, { type: 'room.removed', seq: 6, roomId: 'r1', reason: 'removed' });
    expect(roomsOf(client)?.map((r) => r.id)).toEqual(['r2']);
    expect(historyOf(client, 'r1')).toBeUndefined();
    expect(membersOf(client, 'r1')).toBeUndefined();
  });

  it('renames a room and changes its topic, keeping the reader’s own role in it', () => {
    const client = loadedClient();
    const renamed = room('r1', { name: 'plans', topic: 'cake', myRole: undefined });
    apply(client, { type: 'room.updated', seq: 7, roomId: 'r1', room: renamed });
    expect(roomsOf(client)?.[0]).toMatchObject({ name: 'plans', topic: 'cake', myRole: 'owner' });
  });

  it('keeps a DM named after the reader’s view of it when the DM is updated', () => {
    const client = loadedClient();
    const dm = room('d1', { kind: 'dm', name: '', dmMembers: [bo] });
    client.setQueryData<Room[]>(queryKeys.rooms(), [dm]);
    const seenByBo = { ...dm, dmMembers: [ada], memberCount: 2 };
    apply(client, { type: 'room.updated', seq: 8, roomId: 'd1', room: seenByBo });
    expect(roomsOf(client)?.[0]?.dmMembers).toEqual([bo]);
  });

  it('ignores an update of a room the reader is not in', () => {
    const client = loadedClient();
    const before = roomsOf(client);
    apply(client, { type: 'room.updated', seq: 7, roomId: 'r9', room: room('r9') });
    expect(roomsOf(client)).toBe(before);
  });
});

describe('applyServerEvent: members', () => {
  it('counts someone who joined once however often the event comes, and refetches the list for them', () => {
    const client = loadedClient();
    const joined: ServerEvent = { type: 'member.joined', seq: 9, roomId: 'r1', member: member(cy) };
    apply(client, joined);
    apply(client, joined);
    expect(listStale(client, 'r1')).toBe(true);
    expect(roomsOf(client)?.[0]?.memberCount).toBe(3);
  });

  it('marks stale the searches a joiner changes: member searches of the room, people to add to it', () => {
    const client = loadedClient();
    const keys = [
      queryKeys.members.search('r1', 'c', 9),
      queryKeys.people('c', 'r1'),
      queryKeys.people('c', 'r2'),
      queryKeys.people('c'),
    ];
    for (const key of keys) client.setQueryData(key, []);
    apply(client, { type: 'member.joined', seq: 9, roomId: 'r1', member: member(cy) });
    expect(keys.map((key) => client.getQueryState(key)?.isInvalidated)).toEqual([true, true, false, false]);
  });

  it('renames a listed member in place and marks the member searches of the room stale', () => {
    const client = loadedClient();
    const search = queryKeys.members.search('r1', 'b', 9);
    client.setQueryData(search, [member(bo)]);
    apply(client, { type: 'user.updated', seq: 9, roomId: 'r1', user: { ...bo, displayName: 'Bo Renamed' } });
    expect(
      client
        .getQueryData<MemberPages>(queryKeys.members.list('r1'))
        ?.pages[0]?.members.map((m) => m.person.displayName),
    ).toEqual([ada.displayName, 'Bo Renamed']);
    expect(client.getQueryState(search)?.isInvalidated).toBe(true);
  });

  it('replaces a listed member whose role changed, in place', () => {
    const client = loadedClient();
    apply(client, { type: 'member.joined', seq: 9, roomId: 'r1', member: member(bo, 'owner') });
    expect(
      client.getQueryData<MemberPages>(queryKeys.members.list('r1'))?.pages[0]?.members.map((m) => m.role),
    ).toEqual(['owner', 'owner']);
    expect(listStale(client, 'r1')).toBe(false);
    expect(roomsOf(client)?.[0]?.memberCount).toBe(3);
  });

  it('lets our own add and remove answers change the list but not the count (the events count)', () => {
    const client = loadedClient();
    memberRemoved(client, 'r1', 'u2');
    expect(membersOf(client, 'r1')).toEqual(['ada']);
    expect(roomsOf(client)?.[0]?.memberCount).toBe(2);
    apply(client, { type: 'member.left', seq: 9, roomId: 'r1', userId: 'u2' });
    expect(roomsOf(client)?.[0]?.memberCount).toBe(1);
  });

  it('takes someone who left out of the member list, counting them once', () => {
    const client = loadedClient();
    const left: ServerEvent = { type: 'member.left', seq: 9, roomId: 'r1', userId: 'u2' };
    apply(client, left);
    apply(client, left);
    expect(membersOf(client, 'r1')).toEqual(['ada']);
    expect(roomsOf(client)?.[0]?.memberCount).toBe(1);
  });

  it('only counts a joiner in a room whose member list was never loaded', () => {
    const client = loadedClient();
    apply(client, { type: 'member.joined', seq: 9, roomId: 'r2', member: member(cy) });
    expect(membersOf(client, 'r2')).toBeUndefined();
    expect(roomsOf(client)?.[1]?.memberCount).toBe(3);
  });
});

describe('applyServerEvent: the stream itself', () => {
  it('marks rooms, histories and members stale after a hello without replay, not after a resumed one', () => {
    const client = loadedClient();
    const stale = () =>
      [queryKeys.rooms(), queryKeys.messages.room('r1'), queryKeys.members.list('r1')].map(
        (key) => client.getQueryState(key)?.isInvalidated,
      );
    apply(client, hello(true));
    expect(stale()).toEqual([false, false, false]);
    apply(client, hello(false));
    expect(stale()).toEqual([true, true, true]);
  });

  it('marks everything stale on resync', () => {
    const client = loadedClient();
    apply(client, { type: 'resync', seq: 9, reason: 'gap_too_old' });
    expect(client.getQueryState(queryKeys.rooms())?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.messages.room('r1'))?.isInvalidated).toBe(true);
  });

  it('reloads the page when the server speaks another protocol version', () => {
    const reload = vi.fn();
    applyServerEvent(loadedClient(), hello(true, 2), reload);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('takes the signed-in user from hello', () => {
    const client = loadedClient();
    apply(client, hello(true));
    expect(client.getQueryData(queryKeys.me())).toEqual(user);
  });

  it('applies presence changes to the cached picture, and keeps it across a new stream', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.presence(), { u2: 'online', u3: 'away' });
    applyServerEvent(
      client,
      {
        type: 'presence',
        changes: [
          { userId: 'u2', status: 'away' },
          { userId: 'u3', status: 'offline' },
        ],
      },
      vi.fn(),
    );
    expect(client.getQueryData(queryKeys.presence())).toEqual({ u2: 'away' });
    // The new stream's watch brings fresh statuses; until then the dots keep what they showed.
    applyServerEvent(client, hello(true), vi.fn());
    expect(client.getQueryData(queryKeys.presence())).toEqual({ u2: 'away' });
  });

  it('shows who is typing until their message arrives', () => {
    const client = new QueryClient();
    applyServerEvent(client, { type: 'typing', roomId: 'r1', user: ada, expiresInMs: 6000 }, vi.fn());
    applyServerEvent(client, { type: 'typing', roomId: 'r1', user: bo, expiresInMs: 6000 }, vi.fn());
    applyServerEvent(client, { type: 'typing', roomId: 'r1', user: ada, expiresInMs: 6000 }, vi.fn());
    const typists = () =>
      (client.getQueryData(queryKeys.typing('r1')) as { person: Person }[]).map((t) => t.person.id);
    expect(typists()).toEqual(['u2', 'u1']);
    applyServerEvent(client, { type: 'message.created', seq: 5, roomId: 'r1', message: message(5) }, vi.fn());
    expect(typists()).toEqual(['u2']);
  });
});

describe('applyServerEvent: unread state', () => {
  const unread = { readSeq: 2, unreadCount: 0, mentionCount: 0, asOf: 2 };
  function clientWithCounts() {
    const client = loadedClient();
    client.setQueryData<Room[]>(queryKeys.rooms(), [room('r1', { unread }), room('r2', { unread })]);
    return client;
  }
  const unreadOf = (client: QueryClient, roomId: string) =>
    client.getQueryData<Room[]>(queryKeys.rooms())?.find((r) => r.id === roomId)?.unread;
  const fromBo = (seq: number, roomId: string, mentions: string[] = []): Message => ({
    ...message(seq, roomId),
    author: bo,
    mentions,
  });

  it("counts others' new messages (mentions apart), once, and never the reader's own", () => {
    const client = clientWithCounts();
    apply(client, { type: 'message.created', seq: 3, roomId: 'r2', message: fromBo(3, 'r2') });
    apply(client, { type: 'message.created', seq: 4, roomId: 'r2', message: fromBo(4, 'r2', ['u1']) });
    apply(client, { type: 'message.created', seq: 4, roomId: 'r2', message: fromBo(4, 'r2', ['u1']) });
    apply(client, { type: 'message.created', seq: 5, roomId: 'r2', message: message(5, 'r2') });
    expect(unreadOf(client, 'r2')).toEqual({ readSeq: 2, unreadCount: 2, mentionCount: 1, asOf: 5 });
    expect(unreadOf(client, 'r1')).toEqual(unread);
  });

  it('takes the state of room.read (read in another tab) and the level of room.notifications', () => {
    const client = clientWithCounts();
    apply(client, { type: 'message.created', seq: 3, roomId: 'r2', message: fromBo(3, 'r2') });
    const read = { readSeq: 3, unreadCount: 0, mentionCount: 0, asOf: 6 };
    apply(client, { type: 'room.read', seq: 6, roomId: 'r2', unread: read });
    expect(unreadOf(client, 'r2')).toEqual(read);
    apply(client, { type: 'room.notifications', seq: 7, roomId: 'r2', level: 'none' });
    expect(client.getQueryData<Room[]>(queryKeys.rooms())?.[1]?.notifications).toBe('none');
  });

  it('asks the server again when an unread message is deleted or edited, not when a read one is', () => {
    const client = clientWithCounts();
    apply(client, { type: 'message.updated', seq: 3, roomId: 'r2', message: fromBo(2, 'r2') });
    expect(client.getQueryState(queryKeys.rooms())?.isInvalidated).toBe(false);
    apply(client, { type: 'message.created', seq: 4, roomId: 'r2', message: fromBo(4, 'r2') });
    apply(client, { type: 'message.updated', seq: 5, roomId: 'r2', message: fromBo(4, 'r2', ['u1']) });
    expect(client.getQueryState(queryKeys.rooms())?.isInvalidated).toBe(true);
  });
});
