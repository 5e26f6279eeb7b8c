import { describe, expect, it } from 'vitest';
import type { Message, Room, RoomUnread } from '@parley/protocol';
import {
  applyNotificationLevel,
  applyReadState,
  countNewMessage,
  notificationLevelOf,
  withReaderState,
} from './readState';

const ME = 'me';
const unread = (overrides: Partial<RoomUnread> = {}): RoomUnread => ({
  readSeq: 10,
  unreadCount: 0,
  mentionCount: 0,
  asOf: 20,
  ...overrides,
});
const room = (id: string, overrides: Partial<Room> = {}): Room => ({
  id,
  kind: 'public',
  name: id,
  topic: '',
  memberCount: 2,
  myRole: 'member',
  unread: unread(),
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});
const message = (seq: number, overrides: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  roomId: 'a',
  seq,
  author: { id: 'alice', username: 'alice', displayName: 'Alice', avatarColor: '#2f5fd0' },
  body: 'hello',
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
  ...overrides,
});

describe('counting new messages', () => {
  it("counts someone else's message once, and a mention of the reader as a mention too", () => {
    const rooms = [room('a'), room('b')];
    const once = countNewMessage(rooms, message(21), ME);
    expect(once?.[0]?.unread).toEqual(unread({ unreadCount: 1, mentionCount: 0, asOf: 21 }));
    const mentioned = countNewMessage(once, message(22, { mentions: ['bob', ME] }), ME);
    expect(mentioned?.[0]?.unread).toMatchObject({ unreadCount: 2, mentionCount: 1, asOf: 22 });
    expect(mentioned?.[1]).toBe(rooms[1]);
  });

  it('never counts the same message twice (a replay, or an update applied again after a fetch)', () => {
    const rooms = countNewMessage([room('a')], message(21), ME);
    expect(countNewMessage(rooms, message(21), ME)).toBe(rooms);
    // Already in the counts the server gave as of seq 20.
    const fetched = [room('a', { unread: unread({ unreadCount: 3 }) })];
    expect(countNewMessage(fetched, message(19), ME)).toBe(fetched);
  });

  it("never counts the reader's own messages, but moves past them", () => {
    const rooms = countNewMessage([room('a')], message(21, { author: { ...message(0).author, id: ME } }), ME);
    expect(rooms?.[0]?.unread).toEqual(unread({ asOf: 21 }));
  });

  it('counts every DM message as a mention', () => {
    const rooms = countNewMessage([room('a', { kind: 'dm', name: '' })], message(21), ME);
    expect(rooms?.[0]?.unread).toMatchObject({ unreadCount: 1, mentionCount: 1 });
  });

  it('leaves rooms alone that are not listed or whose state is not known', () => {
    expect(countNewMessage(undefined, message(21), ME)).toBeUndefined();
    const rooms = [room('a', { unread: undefined }), room('b')];
    expect(countNewMessage(rooms, message(21), ME)).toBe(rooms);
  });
});

describe('read positions', () => {
  it('takes a newer state (another tab read the room) and ignores an older one', () => {
    const rooms = [room('a', { unread: unread({ unreadCount: 4, mentionCount: 1, asOf: 30 }) })];
    const read = unread({ readSeq: 30, asOf: 31 });
    const after = applyReadState(rooms, 'a', read);
    expect(after?.[0]?.unread).toBe(read);
    expect(applyReadState(after, 'a', read)).toBe(after);
    expect(applyReadState(after, 'a', unread({ readSeq: 25, asOf: 26, unreadCount: 2 }))).toBe(after);
  });

  it('then counts only what arrives after it', () => {
    const read = applyReadState([room('a')], 'a', unread({ readSeq: 30, asOf: 31 }));
    expect(countNewMessage(read, message(31), ME)).toBe(read);
    expect(countNewMessage(read, message(32), ME)?.[0]?.unread?.unreadCount).toBe(1);
  });
});

describe('notification levels', () => {
  it('defaults to mentions in rooms and every message in DMs, and follows the choice', () => {
    expect(notificationLevelOf(room('a'))).toBe('mentions');
    expect(notificationLevelOf(room('a', { kind: 'dm' }))).toBe('all');
    const rooms = applyNotificationLevel([room('a')], 'a', 'none');
    expect(rooms?.[0] && notificationLevelOf(rooms[0])).toBe('none');
    expect(applyNotificationLevel(rooms, 'a', 'none')).toBe(rooms);
  });
});

describe('joining a room', () => {
  it('starts a newcomer with nothing unread as of room.added, and keeps a state already known', () => {
    const joined = room('a', { unread: undefined });
    expect(withReaderState(joined, undefined, 40).unread).toEqual({
      readSeq: 40,
      unreadCount: 0,
      mentionCount: 0,
      asOf: 40,
    });
    const known = room('a', { unread: unread({ unreadCount: 2 }), notifications: 'none' });
    expect(withReaderState(joined, known, 40)).toMatchObject({ unread: known.unread, notifications: 'none' });
    // From an answer alone (no event seq), nothing is made up.
    expect(withReaderState(joined, undefined).unread).toBeUndefined();
    const full = room('a', { notifications: 'all' });
    expect(withReaderState(full, known, 40)).toBe(full);
  });
});
