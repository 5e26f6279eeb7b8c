import type { Message, Room } from '@parley/protocol';
import { mentionsReader, notificationLevelOf } from '../../api/readState';

export type Permission = NotificationPermission | 'unsupported';

export interface NotificationCase {
  /** The reader's copy of the message's room, as it was before the message arrived. */
  room: Room | undefined;
  message: Message;
  readerId: string;
  /** `document.visibilityState === 'hidden'`: a visible tab shows the message itself. */
  hidden: boolean;
  permission: Permission;
}

/**
 * Whether a new message calls for a desktop notification: someone else's message, new to the reader
 * (not read elsewhere, not older than the counts this tab holds), while the tab is hidden, in a room
 * whose level asks for it: every message, or only mentions (every DM message is one), or nothing.
 */
export function shouldNotify({ room, message, readerId, hidden, permission }: NotificationCase): boolean {
  if (!hidden || permission !== 'granted' || room === undefined) return false;
  if (message.author.id === readerId) return false;
  if (room.unread !== undefined && (message.seq <= room.unread.readSeq || message.seq <= room.unread.asOf)) {
    return false;
  }
  switch (notificationLevelOf(room)) {
    case 'all':
      return true;
    case 'mentions':
      return mentionsReader(room, message, readerId);
    case 'none':
      return false;
  }
}

/** A notification's text: the message on one line, cut short. */
export function notificationBody(body: string, max = 140): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
