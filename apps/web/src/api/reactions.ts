import type { QueryClient } from '@tanstack/react-query';
import { API_PATHS, type ReactionsResponse } from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { request } from './client';
import { queryKeys } from './keys';
import type { HistoryData } from './messageCache';
import { applyReaction, type ReactionChange } from './reactionCache';

/**
 * Adds (`on`) or takes away the reader's reaction. Both are idempotent on the server, so a repeated
 * click or a retry changes nothing twice; the stream then tells every member.
 */
export async function setReaction(
  roomId: string,
  messageId: string,
  emoji: string,
  on: boolean,
): Promise<ReactionsResponse> {
  return (await request(API_PATHS.messageReaction(roomId, messageId, emoji), {
    method: on ? 'PUT' : 'DELETE',
  })) as ReactionsResponse;
}

/** Shows a reaction change in the room's cached history (from the stream, or optimistically). */
export function writeReactionToHistory(
  queryClient: QueryClient,
  roomId: string,
  change: ReactionChange,
): void {
  writeToCache<HistoryData>(queryClient, queryKeys.messages.room(roomId), (data) =>
    applyReaction(data, change),
  );
}
