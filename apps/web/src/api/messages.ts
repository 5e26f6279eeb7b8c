import { infiniteQueryOptions } from '@tanstack/react-query';
import {
  API_PATHS,
  type EditMessageBody,
  type HistoryPage,
  LIMITS,
  type Message,
  type PostMessageBody,
  type PostMessageResponse,
} from '@parley/protocol';
import { ApiError } from './ApiError';
import { request } from './client';
import { queryKeys } from './keys';
import type { HistoryData } from './messageCache';

type RoomHistoryKey = ReturnType<typeof queryKeys.messages.room>;

/** `before` is the seq cursor of the older page; null asks for the newest page (the default length). */
export async function fetchHistory(
  roomId: string,
  before: number | null,
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const path = API_PATHS.roomMessages(roomId);
  // Older pages are as long as the server allows: fewer requests to scroll back or jump far.
  const query = before === null ? '' : `?before=${before}&limit=${LIMITS.historyPageMax}`;
  return (await request(path + query, { signal })) as HistoryPage;
}

/**
 * The seq of one message of a room (read as a one-message page around it), or null when the room
 * has no such message: it was deleted, or the link is from another room.
 */
export async function fetchMessageSeq(roomId: string, messageId: string): Promise<number | null> {
  const query = `?around=${encodeURIComponent(messageId)}&limit=1`;
  try {
    const page = (await request(API_PATHS.roomMessages(roomId) + query)) as HistoryPage;
    return page.messages.find((message) => message.id === messageId)?.seq ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return null;
    throw error;
  }
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
