import type { MarkReadBody, NotificationLevel, Room, RoomKind, RoomUnread, User } from '@parley/protocol';
import { AppError } from '../errors.js';
import { userChannel } from '../store/event-log.js';
import type { UnreadRow } from '../store/read-positions.js';
import type { Store } from '../store/store.js';
import type { Writer } from './writer.js';

/** Unset, a room notifies on mentions and a DM (where every message is addressed to you) on all. */
export function defaultNotificationLevel(kind: RoomKind): NotificationLevel {
  return kind === 'dm' ? 'all' : 'mentions';
}

function unreadOf(row: UnreadRow): RoomUnread {
  return {
    readSeq: row.readSeq,
    unreadCount: row.unreadCount,
    mentionCount: row.mentionCount,
    asOf: row.asOf,
  };
}

/**
 * Read positions, unread and mention counts, and notification levels: the reader's own state in
 * their rooms. Every change is an event on the reader's own channel, so their other tabs and devices
 * follow at once and catch up on resume. Routes have checked membership.
 */
export class ReadsService {
  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
  ) {}

  /** The reader's rooms with their unread state and notification level; two statements in all. */
  async withReaderState(user: User, rooms: Room[]): Promise<Room[]> {
    const rows = new Map((await this.store.reads.unreadFor(user.id)).map((row) => [row.roomId, row]));
    return rooms.map((room) => {
      const row = rows.get(room.id);
      if (!row) return room;
      return {
        ...room,
        unread: unreadOf(row),
        notifications: row.level ?? defaultNotificationLevel(row.kind),
      };
    });
  }

  /**
   * Moves the reader's position forward to a message (by seq, clamped to the room's newest message,
   * or by id). It never moves back: an older position changes nothing and publishes nothing.
   */
  markRead(user: User, roomId: string, input: MarkReadBody): Promise<RoomUnread> {
    if ((input.seq === undefined) === (input.messageId === undefined)) {
      throw new AppError('validation_failed', 'Give either seq or messageId');
    }
    return this.writer.write(async (t) => {
      let target: number;
      if (input.messageId !== undefined) {
        const message = await t.messages.find(input.messageId);
        if (message?.roomId !== roomId) throw new AppError('not_found', 'No such message');
        target = message.seq;
      } else {
        target = Math.min(input.seq ?? 0, await t.reads.newestMessageSeq(roomId));
      }
      // Counted under the append lock, so the counts are exact as of the event's seq.
      await t.events.lock();
      const before = await t.reads.unreadIn(user.id, roomId);
      if (!before) throw new AppError('not_found', 'No such room');
      if (target <= before.readSeq) return { value: unreadOf(before), events: [] };
      await t.reads.advance(user.id, roomId, target);
      const after = await t.reads.unreadIn(user.id, roomId);
      if (!after) throw new AppError('not_found', 'No such room');
      const event = await t.events.append(
        userChannel(user.id),
        (seq) => ({ type: 'room.read', seq, roomId, unread: { ...unreadOf(after), asOf: seq } }),
        new Date(),
      );
      return { value: { ...unreadOf(after), asOf: event.seq }, events: [event] };
    });
  }

  setNotificationLevel(user: User, roomId: string, level: NotificationLevel): Promise<NotificationLevel> {
    return this.writer.write(async (t) => {
      await t.reads.setLevel(user.id, roomId, level);
      const event = await t.events.append(
        userChannel(user.id),
        (seq) => ({ type: 'room.notifications', seq, roomId, level }),
        new Date(),
      );
      return { value: level, events: [event] };
    });
  }
}
