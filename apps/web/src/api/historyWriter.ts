import type { QueryClient } from '@tanstack/react-query';
import type { Message } from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { queryKeys } from './keys';
import { insertMessage, removeMessage, replaceMessage, type HistoryData } from './messageCache';
import { markQuotesDeleted, refreshQuotes } from './reactionCache';

/**
 * Ids of messages deleted while this page was open. A POST answer can arrive after the stream said
 * the message was deleted (a moderator was quick); it must not bring the message back.
 */
const deletedByClient = new WeakMap<QueryClient, Set<string>>();

function deletedIds(queryClient: QueryClient): Set<string> {
  let ids = deletedByClient.get(queryClient);
  if (!ids) {
    ids = new Set();
    deletedByClient.set(queryClient, ids);
  }
  return ids;
}

/** Puts a confirmed message (from the stream or a POST answer) into its room's cached history. */
export function writeMessageToHistory(queryClient: QueryClient, message: Message): void {
  if (deletedIds(queryClient).has(message.id)) return;
  writeToCache<HistoryData>(queryClient, queryKeys.messages.room(message.roomId), (data) =>
    insertMessage(data, message),
  );
}

/** Shows an edit (from the stream or a PATCH answer) in place of the message's older text. */
export function writeEditToHistory(queryClient: QueryClient, message: Message): void {
  if (deletedIds(queryClient).has(message.id)) return;
  writeToCache<HistoryData>(queryClient, queryKeys.messages.room(message.roomId), (data) =>
    refreshQuotes(replaceMessage(data, message), message),
  );
}

/** Takes a deleted message out of its room's cached history, for good. */
export function deleteMessageFromHistory(queryClient: QueryClient, roomId: string, messageId: string): void {
  deletedIds(queryClient).add(messageId);
  writeToCache<HistoryData>(queryClient, queryKeys.messages.room(roomId), (data) =>
    markQuotesDeleted(removeMessage(data, messageId), messageId),
  );
}
