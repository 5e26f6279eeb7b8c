import { InfiniteQueryObserver, type QueryClient } from '@tanstack/react-query';
import type { QuotedMessage } from '@parley/protocol';
import { containsMessageId, type HistoryData } from '../../api/messageCache';
import { roomHistoryQuery } from '../../api/messages';
import { openTimeline } from '../messages/openTimelines';

/**
 * Brings a message of the open room into view: loads older pages of history until it is there (or
 * history has passed below its seq, so it is gone), has the timeline scroll its row to the middle,
 * focuses it and highlights it briefly. Resolves to whether the message was found.
 */
export async function jumpToMessage(
  queryClient: QueryClient,
  roomId: string,
  target: Pick<QuotedMessage, 'id' | 'seq'>,
): Promise<boolean> {
  if (!(await loadUntilCached(queryClient, roomId, target))) return false;
  const show = openTimeline(roomId);
  const row = show ? await show(target.id) : null;
  if (!row) return false;
  row.tabIndex = -1;
  row.focus({ preventScroll: true });
  row.dataset.highlight = 'true';
  row.addEventListener('animationend', () => delete row.dataset.highlight, { once: true });
  return true;
}

async function loadUntilCached(
  queryClient: QueryClient,
  roomId: string,
  target: Pick<QuotedMessage, 'id' | 'seq'>,
): Promise<boolean> {
  const options = roomHistoryQuery(roomId);
  // An observer of the room's history that is never subscribed: it fetches pages for the list
  // showing it, and fetches nothing by itself.
  const observer = new InfiniteQueryObserver(queryClient, options);
  try {
    for (;;) {
      const data = queryClient.getQueryData<HistoryData>(options.queryKey);
      if (containsMessageId(data, target.id)) return true;
      const oldest = data?.pages.at(-1);
      if (!oldest || oldest.nextBefore === null || oldest.nextBefore <= target.seq) return false;
      // Joins a page fetch the list may have started rather than cancelling it.
      const result = await observer.fetchNextPage({ cancelRefetch: false });
      if (result.isError) return false;
    }
  } finally {
    observer.destroy();
  }
}
