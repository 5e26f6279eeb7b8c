import { useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import type { TimelineItem } from '../../api/messageCache';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel zoom, rounding). */
const BOTTOM_SLACK_PX = 48;
/** Start fetching older history this far before the reader actually reaches the top. */
const LOAD_OLDER_WITHIN_PX = 400;

interface Options {
  items: readonly TimelineItem[];
  canLoadOlder: boolean;
  loadOlder: () => void;
}

interface Rendered {
  firstId: string | undefined;
  lastId: string | undefined;
  scrollHeight: number;
}

/**
 * Keeps a chat log where the reader expects it: starts at the newest message, follows new messages
 * only while the reader is at the bottom (otherwise offers a jump), loads older pages near the top,
 * and keeps the visible messages still when older ones are added above them.
 */
export function useTimelineScroll({ items, canLoadOlder, loadOlder }: Options) {
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const rendered = useRef<Rendered | null>(null);
  const [hasUnseen, setHasUnseen] = useState(false);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const first = items[0];
    const last = items[items.length - 1];
    const before = rendered.current;
    if (before?.lastId === undefined) {
      list.scrollTop = list.scrollHeight; // First content: start at the newest message.
    } else if (last?.message.id !== before.lastId) {
      // A message this reader just wrote always comes into view; others only if they were following.
      const ownNew = last?.kind === 'unconfirmed' && last.message.status === 'pending';
      if (atBottom.current || ownNew) list.scrollTop = list.scrollHeight;
      else setHasUnseen(true);
    } else if (first?.message.id !== before.firstId) {
      // Older messages went in above: shift by their height so what was on screen stays put.
      list.scrollTop += list.scrollHeight - before.scrollHeight;
    }
    rendered.current = {
      firstId: first?.message.id,
      lastId: last?.message.id,
      scrollHeight: list.scrollHeight,
    };
    // A short history that does not fill the screen cannot be scrolled up to ask for more.
    if (canLoadOlder && list.scrollHeight <= list.clientHeight) loadOlder();
  }, [items, canLoadOlder, loadOlder]);

  // The list shrinks when the composer grows, a phone's keyboard opens or the window turns: a
  // reader at the bottom stays there.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const list = event.currentTarget;
      atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK_PX;
      if (atBottom.current) setHasUnseen(false);
      if (rendered.current) rendered.current.scrollHeight = list.scrollHeight;
      if (canLoadOlder && list.scrollTop <= LOAD_OLDER_WITHIN_PX) loadOlder();
    },
    [canLoadOlder, loadOlder],
  );

  const jumpToNewest = useCallback(() => {
    const list = listRef.current;
    if (list) list.scrollTo({ top: list.scrollHeight, behavior: 'smooth' });
    setHasUnseen(false);
  }, []);

  return { listRef, onScroll, hasUnseen, jumpToNewest };
}
