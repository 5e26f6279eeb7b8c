import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type UIEvent,
} from 'react';
import type { TimelineItem } from '../../api/messageCache';
import { registerTimeline, untilFound } from './openTimelines';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel zoom, rounding). */
const BOTTOM_SLACK_PX = 48;
/** Start fetching older history this far before the reader actually reaches the top. */
const LOAD_OLDER_WITHIN_PX = 400;
/** A one-line message; rows are measured once mounted, so this only shapes the first layout. */
const ESTIMATED_ROW_PX = 60;
/** Rows kept mounted beyond each edge of the screen, so a quick scroll does not show blanks. */
const OVERSCAN_ROWS = 8;

interface Options {
  roomId: string;
  items: readonly TimelineItem[];
  canLoadOlder: boolean;
  loadOlder: () => void;
  /** The message being edited: its row stays mounted while scrolled away, so the draft survives. */
  editingId: string | null;
}

/**
 * Keeps a chat log where the reader expects it, with only the rows near the screen mounted (a room
 * may hold years of messages): starts at the newest message, follows new messages only while the
 * reader is at the bottom (otherwise offers a jump), loads older pages near the top and keeps the
 * visible messages still when they are added above (the virtualiser's end anchoring), and scrolls
 * to any loaded message on request (`openTimeline(roomId)`).
 */
export function useTimelineScroll({ roomId, items, canLoadOlder, loadOlder, editingId }: Options) {
  const listRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // The newest message as last rendered; null while there was none.
  const renderedLastId = useRef<string | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const [hasUnseen, setHasUnseen] = useState(false);
  // Where the rows begin inside the scrolling list: below the "beginning of the room" notice.
  const [scrollMargin, setScrollMargin] = useState(0);
  // The row holding keyboard focus stays mounted, so focus is not dropped when it scrolls away.
  const [focusedId, setFocusedId] = useState<string | null>(null);

  // Looked up when the items or the pinned rows change, not on every scroll frame.
  const pinned = useMemo(
    () =>
      [focusedId, editingId].flatMap((id) => {
        if (id === null) return [];
        const index = items.findIndex((item) => item.message.id === id);
        return index === -1 ? [] : [index];
      }),
    [items, focusedId, editingId],
  );
  const pinnedIndexes = useRef(pinned);
  pinnedIndexes.current = pinned;
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const extra = pinnedIndexes.current.filter((index) => !indexes.includes(index));
    return extra.length === 0 ? indexes : [...indexes, ...extra].sort((a, b) => a - b);
  }, []);

  // No React Compiler here: the virtualiser re-renders this hook itself when rows move.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => items[index]?.message.id ?? index,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    rangeExtractor,
    // Prepended history keeps the row on screen where it was; a reader at the end follows new rows.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: BOTTOM_SLACK_PX,
  });

  useLayoutEffect(() => {
    const start = startRef.current;
    if (!start) return;
    const measure = () => setScrollMargin(start.offsetTop + start.offsetHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(start);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const last = items[items.length - 1];
    const lastId = renderedLastId.current;
    if (lastId === null) {
      if (last) virtualizer.scrollToEnd(); // First content: start at the newest message.
    } else if (last?.message.id !== lastId) {
      // A message this reader just wrote always comes into view; others only if they were following
      // (followOnAppend does that).
      const ownNew = last?.kind === 'unconfirmed' && last.message.status === 'pending';
      if (ownNew) virtualizer.scrollToEnd();
      else if (!atBottom.current) setHasUnseen(true);
    }
    renderedLastId.current = last?.message.id ?? null;
    // A short history that does not fill the screen cannot be scrolled up to ask for more.
    if (canLoadOlder && list.scrollHeight <= list.clientHeight) loadOlder();
  }, [items, canLoadOlder, loadOlder, virtualizer]);

  // The list shrinks when the composer grows, a phone's keyboard opens or the window turns: a
  // reader at the bottom stays there.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) virtualizer.scrollToEnd();
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [virtualizer]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const list = event.currentTarget;
      atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK_PX;
      if (atBottom.current) setHasUnseen(false);
      if (canLoadOlder && list.scrollTop <= LOAD_OLDER_WITHIN_PX) loadOlder();
    },
    [canLoadOlder, loadOlder],
  );

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const row = event.target.closest<HTMLElement>('[data-message-id]');
    setFocusedId(row?.dataset.messageId ?? null);
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setFocusedId(null);
  }, []);

  const jumpToNewest = useCallback(() => {
    virtualizer.scrollToEnd({ behavior: 'smooth' });
    setHasUnseen(false);
  }, [virtualizer]);

  useEffect(
    () =>
      registerTimeline(roomId, async (messageId) => {
        // The message may be in the cache a render before it is in the list's items.
        const index = await untilFound(() => {
          const found = itemsRef.current.findIndex((item) => item.message.id === messageId);
          return found === -1 ? null : found;
        });
        if (index === null) return null;
        virtualizer.scrollToIndex(index, { align: 'center' });
        return untilFound(() =>
          listRef.current
            ? listRef.current.querySelector<HTMLElement>(
                `[data-testid="message"][data-message-id="${CSS.escape(messageId)}"]`,
              )
            : null,
        );
      }),
    [roomId, virtualizer],
  );

  return { listRef, startRef, virtualizer, onScroll, onFocus, onBlur, hasUnseen, jumpToNewest };
}
