import type { Message, NotificationLevel, Room, RoomUnread } from '@parley/protocol';

/**
 * Pure updates of the reader's unread state in their cached room list. The server's counts are exact
 * as of `unread.asOf` (a log seq); the client counts what arrives after that itself. Each update is
 * idempotent (a replayed event, or one applied again after a fetch, changes nothing more) and returns
 * the same array when nothing changes.
 */

/** Whether the message is one the reader has not read: someone else's, after their read position. */
export function isUnreadFor(room: Room, message: Message, readerId: string): boolean {
  return message.author.id !== readerId && message.seq > (room.unread?.readSeq ?? 0);
}

/** Whether the message counts as a mention of the reader (every message of a DM does). */
export function mentionsReader(room: Room, message: Message, readerId: string): boolean {
  return room.kind === 'dm' || message.mentions.includes(readerId);
}

/** Counts a new message of the room, unless it is the reader's own or already counted. */
export function countNewMessage(
  rooms: Room[] | undefined,
  message: Message,
  readerId: string,
): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((room) => room.id === message.roomId);
  const room = rooms[index];
  const unread = room?.unread;
  // Without a known state there is nothing to add to: the next fetch of the list brings it whole.
  if (room === undefined || unread === undefined || message.seq <= unread.asOf) return rooms;
  const counts = isUnreadFor(room, message, readerId);
  const next: RoomUnread = {
    ...unread,
    unreadCount: unread.unreadCount + (counts ? 1 : 0),
    mentionCount: unread.mentionCount + (counts && mentionsReader(room, message, readerId) ? 1 : 0),
    asOf: message.seq,
  };
  return rooms.with(index, { ...room, unread: next });
}

/**
 * Takes the reader's state from a `room.read` event or a mark-read answer, unless what is cached is
 * as new or newer (a replayed event, or an answer that lost the race with the stream).
 */
export function applyReadState(
  rooms: Room[] | undefined,
  roomId: string,
  unread: RoomUnread,
): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((room) => room.id === roomId);
  const room = rooms[index];
  if (room === undefined) return rooms;
  if (room.unread !== undefined && room.unread.asOf >= unread.asOf) return rooms;
  return rooms.with(index, { ...room, unread });
}

export function applyNotificationLevel(
  rooms: Room[] | undefined,
  roomId: string,
  level: NotificationLevel,
): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((room) => room.id === roomId);
  const room = rooms[index];
  if (room === undefined || room.notifications === level) return rooms;
  return rooms.with(index, { ...room, notifications: level });
}

/** The reader's level for a room; unset, a DM notifies on every message and a room on mentions. */
export function notificationLevelOf(room: Room): NotificationLevel {
  return room.notifications ?? (room.kind === 'dm' ? 'all' : 'mentions');
}

/**
 * A room the reader joined, from an answer or `room.added` (`addedSeq`: that event's seq), neither of
 * which carries the reader's state in it. Keeps the state already known; else, from `room.added`,
 * starts it where the server starts a newcomer: everything before is read.
 */
export function withReaderState(room: Room, known: Room | undefined, addedSeq?: number): Room {
  const unread =
    room.unread ??
    known?.unread ??
    (addedSeq === undefined
      ? undefined
      : { readSeq: addedSeq, unreadCount: 0, mentionCount: 0, asOf: addedSeq });
  const notifications = room.notifications ?? known?.notifications;
  if (unread === room.unread && notifications === room.notifications) return room;
  return {
    ...room,
    ...(unread === undefined ? {} : { unread }),
    ...(notifications === undefined ? {} : { notifications }),
  };
}
