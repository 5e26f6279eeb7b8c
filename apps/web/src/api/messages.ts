import { infiniteQueryOptions } from '@tanstack/react-query';
import {
  API_PATHS,
  type EditMessageBody,
  type HistoryPage,
  type Message,
  type PostMessageBody,
  type PostMessageResponse,
} from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';
import type { HistoryData } from './messageCache';

type RoomHistoryKey = ReturnType<typeof queryKeys.messages.room>;

/** `before` is the seq cursor of the older page; null asks for the newest page. */
export async function fetchHistory(
  roomId: string,
  before: number | null,
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const path = API_PATHS.roomMessages(roomId);
  const query = before === null ? '' : `?before=${before}`;
  return (await request(path + query, { signal })) as HistoryPage;
}

/**
 * History of one room, newest page first (pages[0] holds the newest messages, each page is newest
 * first). The live stream keeps it current, so it never goes stale by time; it is refetched when
 * the stream says it could not replay what we missed.
 */
export function roomHistoryQuery(roomId: string) {
  return infiniteQueryOptions<HistoryPage, Error, HistoryData, RoomHistoryKey, number | null>({
    queryKey: queryKeys.messages.room(roomId),
    queryFn: ({ pageParam, signal }) => fetchHistory(roomId, pageParam, signal),
    initialPageParam: null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: Infinity,
  });
}

/** Idempotent by `id`: posting the same id again returns the same message, so retries are safe. */
export async function postMessage(roomId: string, body: PostMessageBody): Promise<Message> {
  const response = (await request(API_PATHS.roomMessages(roomId), {
    method: 'POST',
    body,
  })) as PostMessageResponse;
  return response.message;
}

/** The author, a room owner or an admin may delete; the stream then tells every member. */
export async function deleteMessage(roomId: string, messageId: string): Promise<void> {
  await request(API_PATHS.roomMessage(roomId, messageId), { method: 'DELETE' });
}

/** The author only (403 `forbidden` otherwise); the stream then tells every member. */
export async function editMessage(
  roomId: string,
  messageId: string,
  body: EditMessageBody,
): Promise<Message> {
  const response = (await request(API_PATHS.roomMessage(roomId, messageId), {
    method: 'PATCH',
    body,
  })) as PostMessageResponse;
  return response.message;
}
