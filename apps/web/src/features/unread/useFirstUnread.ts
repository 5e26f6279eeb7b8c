import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Room, RoomUnread } from '@parley/protocol';
import { roomHistoryQuery } from '../../api/messages';
import { firstUnreadSeq } from './firstUnread';

/**
 * Where the "new messages" divider goes: above the first message that was unread when the room was
 * opened. It stays there while the room is open, though reading it moves the read position on.
 */
export function useFirstUnread(roomId: string, room: Room | undefined, readerId: string): number | null {
  // What the reader had not read when the room came on screen (null: nothing, or not known).
  const [openedWith, setOpenedWith] = useState<RoomUnread | null | undefined>(undefined);
  if (room !== undefined && openedWith === undefined) setOpenedWith(room.unread ?? null);
  const history = useInfiniteQuery({ ...roomHistoryQuery(roomId), enabled: room !== undefined });
  return useMemo(() => {
    if (!openedWith || openedWith.unreadCount === 0) return null;
    return firstUnreadSeq(history.data, openedWith.readSeq, readerId);
  }, [history.data, openedWith, readerId]);
}
