import type { Room } from '@parley/protocol';
import { notificationLevelOf } from '../../api/readState';

export interface UnreadTotals {
  unread: number;
  mentions: number;
}

/**
 * What the tab title adds up: the unread and mention counts of every room and DM, except rooms set to
 * notify of nothing (the reader asked not to be called to them) and the room being read right now
 * (its messages are on screen; the read position catches up a moment later).
 */
export function unreadTotals(rooms: readonly Room[], readingRoomId: string | null): UnreadTotals {
  let unread = 0;
  let mentions = 0;
  for (const room of rooms) {
    if (room.id === readingRoomId || room.unread === undefined) continue;
    if (notificationLevelOf(room) === 'none') continue;
    unread += room.unread.unreadCount;
    mentions += room.unread.mentionCount;
  }
  return { unread, mentions };
}

/** "Parley", "(3) Parley", or with mentions "(3) @1 Parley": the mentions are what calls for attention. */
export function unreadTitle(appName: string, totals: UnreadTotals): string {
  if (totals.unread === 0) return appName;
  const mentions = totals.mentions > 0 ? ` @${totals.mentions}` : '';
  return `(${totals.unread})${mentions} ${appName}`;
}

/** The counts a room's sidebar item shows: none while it is being read. */
export function shownCounts(room: Room, readingRoomId: string | null): UnreadTotals {
  if (room.id === readingRoomId || room.unread === undefined) return { unread: 0, mentions: 0 };
  return { unread: room.unread.unreadCount, mentions: room.unread.mentionCount };
}
