import type { QueryClient } from '@tanstack/react-query';
import type { Message } from '@parley/protocol';
import { queryKeys } from './keys';
import { insertMessage, type HistoryData } from './messageCache';

/**
 * A write into a room's history while that history is being fetched would be lost: the fetch
 * settles with a snapshot taken before the write (React Query does not merge). Such messages are
 * held back and written again once the fetch succeeds; insertMessage makes the second write a no-op
 * when the snapshot already had them.
 */
interface Writer {
  heldBack: Map<string, Message[]>;
}

const writers = new WeakMap<QueryClient, Writer>();

function writerFor(queryClient: QueryClient): Writer {
  let writer = writers.get(queryClient);
  if (writer) return writer;
  const created: Writer = { heldBack: new Map() };
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const [family, roomId] = event.query.queryKey as readonly unknown[];
    if (family !== queryKeys.messages.all()[0] || typeof roomId !== 'string') return;
    const held = created.heldBack.get(roomId);
    if (!held) return;
    created.heldBack.delete(roomId);
    queryClient.setQueryData<HistoryData>(queryKeys.messages.room(roomId), (data) =>
      held.reduce(insertMessage, data),
    );
  });
  writers.set(queryClient, created);
  writer = created;
  return writer;
}

/** Puts a confirmed message (from the stream or a POST answer) into its room's cached history. */
export function writeMessageToHistory(queryClient: QueryClient, message: Message): void {
  const writer = writerFor(queryClient);
  const key = queryKeys.messages.room(message.roomId);
  queryClient.setQueryData<HistoryData>(key, (data) => insertMessage(data, message));
  if (queryClient.getQueryState(key)?.fetchStatus === 'fetching') {
    const held = writer.heldBack.get(message.roomId) ?? [];
    writer.heldBack.set(message.roomId, [...held, message]);
  }
}
