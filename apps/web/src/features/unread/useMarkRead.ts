import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Room } from '@parley/protocol';
import { roomHistoryQuery } from '../../api/messages';
import { markRoomRead, roomReadChanged } from '../../api/reads';
import { clearReadingRoom, setReadingRoom } from './readingRoom';

/** Within this many pixels of the end, the newest message is on screen (as the timeline counts it). */
const BOTTOM_SLACK_PX = 48;
/** Messages arriving in a burst are marked read once. */
export const MARK_READ_DELAY_MS = 400;

/** Whether the reader sees the room's newest messages: the tab is visible and the list is at its end. */
function isReading(conversation: HTMLElement | null): boolean {
  if (document.visibilityState !== 'visible' || !conversation) return false;
  const list = conversation.querySelector<HTMLElement>('[role="log"]');
  if (!list) return false;
  return list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK_PX;
}

/**
 * While the reader sees the newest messages of the open room, moves their read position up to the
 * newest one (debounced, and never backwards). `conversation` holds the message list; how the list is
 * built (virtualised or not) does not matter, only where it is scrolled.
 */
export function useMarkRead(room: Room, conversation: RefObject<HTMLElement | null>): void {
  const queryClient = useQueryClient();
  const history = useInfiniteQuery(roomHistoryQuery(room.id));
  const newestSeq = history.data?.pages[0]?.messages[0]?.seq ?? 0;
  const readSeq = room.unread?.readSeq ?? 0;
  const hasUnread = (room.unread?.unreadCount ?? 0) > 0;
  const [reading, setReading] = useState(false);
  // The furthest position asked for, so a slow answer never makes this tab ask again or go back.
  const requested = useRef(0);

  useEffect(() => {
    const element = conversation.current;
    const check = () => setReading(isReading(element));
    check();
    // Scroll events do not bubble, but they can be caught on the way down.
    element?.addEventListener('scroll', check, { capture: true, passive: true });
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      element?.removeEventListener('scroll', check, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
    // A new message may have moved the end out of view (or the timeline followed it): look again.
  }, [conversation, newestSeq]);

  useEffect(() => {
    if (!reading) return;
    setReadingRoom(room.id);
    return () => clearReadingRoom(room.id);
  }, [reading, room.id]);

  // The position the reader has seen but that waits for the burst to end; sent at once if the room
  // is left before then.
  const pending = useRef<number | null>(null);
  const send = useCallback(
    (seq: number) => {
      pending.current = null;
      const previous = requested.current;
      requested.current = seq;
      markRoomRead(room.id, seq).then(
        (unread) => roomReadChanged(queryClient, room.id, unread),
        // Not marked: let the next change ask again. The counts stay as they were meanwhile.
        () => {
          if (requested.current === seq) requested.current = previous;
        },
      );
    },
    [room.id, queryClient],
  );

  useEffect(() => {
    if (!reading || !hasUnread || newestSeq <= Math.max(readSeq, requested.current)) return;
    pending.current = newestSeq;
    const timer = setTimeout(() => send(newestSeq), MARK_READ_DELAY_MS);
    return () => clearTimeout(timer);
  }, [reading, hasUnread, newestSeq, readSeq, send]);

  useEffect(
    () => () => {
      if (pending.current !== null) send(pending.current);
    },
    [send],
  );
}
