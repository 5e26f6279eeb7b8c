import { describe, expect, it } from 'vitest';
import type { Message, Room } from '@parley/protocol';
import { notificationBody, shouldNotify, type NotificationCase } from './notificationRules';

const ME = 'me';
const room = (overrides: Partial<Room> = {}): Room => ({
  id: 'r',
  kind: 'public',
  name: 'design',
  topic: '',
  memberCount: 2,
  unread: { readSeq: 10, unreadCount: 0, mentionCount: 0, asOf: 20 },
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});
const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'm',
  roomId: 'r',
  seq: 21,
  author: { id: 'alice', username: 'alice', displayName: 'Alice', avatarColor: '#2f5fd0' },
  body: 'hello',
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
  ...overrides,
});
const notifies = (overrides: Partial<NotificationCase>) =>
  shouldNotify({
    room: room(),
    message: message({ mentions: [ME] }),
    readerId: ME,
    hidden: true,
    permission: 'granted',
    ...overrides,
  });

describe('desktop notifications', () => {
  it('notify of a mention while the tab is hidden and permission is granted', () => {
    expect(notifies({})).toBe(true);
    expect(notifies({ hidden: false })).toBe(false);
    expect(notifies({ permission: 'default' })).toBe(false);
    expect(notifies({ permission: 'denied' })).toBe(false);
    expect(notifies({ permission: 'unsupported' })).toBe(false);
  });

  it('in a room, by default only for mentions; "all" for every message; "none" never', () => {
    expect(notifies({ message: message() })).toBe(false);
    expect(notifies({ message: message(), room: room({ notifications: 'all' }) })).toBe(true);
    expect(notifies({ room: room({ notifications: 'none' }) })).toBe(false);
  });

  it('in a DM, for every message unless muted', () => {
    expect(notifies({ message: message(), room: room({ kind: 'dm' }) })).toBe(true);
    expect(notifies({ message: message(), room: room({ kind: 'dm', notifications: 'mentions' }) })).toBe(
      true,
    );
    expect(notifies({ message: message(), room: room({ kind: 'dm', notifications: 'none' }) })).toBe(false);
  });

  it("never for the reader's own messages, nor for what was read or counted already", () => {
    expect(notifies({ message: message({ mentions: [ME], author: { ...message().author, id: ME } }) })).toBe(
      false,
    );
    expect(notifies({ message: message({ mentions: [ME], seq: 9 }) })).toBe(false);
    expect(notifies({ message: message({ mentions: [ME], seq: 15 }) })).toBe(false);
    expect(notifies({ room: undefined })).toBe(false);
  });

  it('shows the message on one line, cut short', () => {
    expect(notificationBody('hi\n\n  there')).toBe('hi there');
    expect(notificationBody('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
