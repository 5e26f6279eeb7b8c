import type { HistoryData } from '../../api/messageCache';

/**
 * The seq of the oldest loaded message the reader had not read when they opened the room: someone
 * else's message after their read position. Null when there is none (or it is not loaded yet).
 */
export function firstUnreadSeq(
  history: HistoryData | undefined,
  readSeq: number,
  readerId: string,
): number | null {
  let first: number | null = null;
  // Pages and their messages are newest first: the last match is the oldest.
  for (const page of history?.pages ?? []) {
    for (const message of page.messages) {
      if (message.seq <= readSeq) return first;
      if (message.author.id !== readerId) first = message.seq;
    }
  }
  return first;
}
