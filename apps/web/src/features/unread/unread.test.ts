import { describe, expect, it } from 'vitest';
import type { HistoryPage, Message, Room } from '@parley/protocol';
import type { HistoryData } from '../../api/messageCache';
import { firstUnreadSeq } from './firstUnread';
import { shownCounts, unreadTitle, unreadTotals } from './unreadTotals';

const room = (
  id: string,
  unreadCount: number,
  mentionCount: number,
  overrides: Partial<Room> = {},
): Room => ({
  id,
  kind: 'public',
  name: id,
  topic: '',
  memberCount: 2,
  unread: { readSeq: 1, unreadCount, mentionCount, asOf: 9 },
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

describe('the tab title', () => {
  it('adds up the rooms and DMs, leaving out muted rooms and the room being read', () => {
    const rooms = [
      room('a', 2, 0),
      room('b', 1, 1),
      room('dm', 3, 3, { kind: 'dm' }),
      room('muted', 5, 1, { notifications: 'none' }),
    ];
    expect(unreadTotals(rooms, null)).toEqual({ unread: 6, mentions: 4 });
    expect(unreadTotals(rooms, 'dm')).toEqual({ unread: 3, mentions: 1 });
  });

  it('reads "Parley", "(3) Parley", or "(3) @1 Parley" with mentions', () => {
    expect(unreadTitle('Parley', { unread: 0, mentions: 0 })).toBe('Parley');
    expect(unreadTitle('Parley', { unread: 3, mentions: 0 })).toBe('(3) Parley');
    expect(unreadTitle('Parley', { unread: 3, mentions: 1 })).toBe('(3) @1 Parley');
  });

  it('shows no count on the item of the room being read', () => {
    expect(shownCounts(room('a', 2, 1), null)).toEqual({ unread: 2, mentions: 1 });
    expect(shownCounts(room('a', 2, 1), 'a')).toEqual({ unread: 0, mentions: 0 });
  });
});

const message = (seq: number, authorId = 'alice'): Message => ({
  id: `m${seq}`,
  roomId: 'a',
  seq,
  author: { id: authorId, username: authorId, displayName: authorId, avatarColor: '#2f5fd0' },
  body: 'hi',
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
});
/** Pages newest first, each newest first, as the history query holds them. */
const history = (...pages: Message[][]): HistoryData => ({
  pages: pages.map((messages): HistoryPage => ({ messages, nextBefore: null })),
  pageParams: pages.map(() => null),
});

describe('where the "new messages" divider goes', () => {
  it("above the oldest message after the read position that is someone else's", () => {
    const data = history([message(9), message(8, 'me'), message(7)], [message(6), message(5)]);
    expect(firstUnreadSeq(data, 6, 'me')).toBe(7);
    expect(firstUnreadSeq(data, 4, 'me')).toBe(5);
    // Only the reader's own messages since: nothing new to them.
    expect(firstUnreadSeq(history([message(8, 'me')]), 7, 'me')).toBeNull();
    expect(firstUnreadSeq(data, 9, 'me')).toBeNull();
    expect(firstUnreadSeq(undefined, 0, 'me')).toBeNull();
  });
});
