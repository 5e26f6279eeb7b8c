import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { HistoryPage, Message } from '@parley/protocol';
import { deleteMessageFromHistory, writeMessageToHistory } from './historyWriter';
import { queryKeys } from './keys';
import type { HistoryData } from './messageCache';

const author = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
const message = (seq: number): Message => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  author,
  body: 'hi',
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
});
const page = (...seqs: number[]): HistoryPage => ({ messages: seqs.map(message), nextBefore: null });
const key = queryKeys.messages.room('r1');
const seqs = (client: QueryClient) =>
  client.getQueryData<HistoryData>(key)?.pages.flatMap((p) => p.messages.map((m) => m.seq));

function fetchHistoryLater(client: QueryClient) {
  let resolve: (page: HistoryPage) => void = () => undefined;
  const done = client.infiniteQuery({
    queryKey: key,
    queryFn: () => new Promise<HistoryPage>((r) => (resolve = r)),
    initialPageParam: null,
  });
  return { done, resolve: (p: HistoryPage) => resolve(p) };
}

describe('writeMessageToHistory', () => {
  it('inserts into loaded history', () => {
    const client = new QueryClient();
    client.setQueryData<HistoryData>(key, { pages: [page(2, 1)], pageParams: [null] });
    writeMessageToHistory(client, message(3));
    expect(seqs(client)).toEqual([3, 2, 1]);
  });

  it('keeps a message that arrives while the history is loading, though the snapshot lacks it', async () => {
    const client = new QueryClient();
    const fetch = fetchHistoryLater(client);
    writeMessageToHistory(client, message(3));
    fetch.resolve(page(2, 1));
    await fetch.done;
    expect(seqs(client)).toEqual([3, 2, 1]);
  });

  it('shows the message once when the snapshot already had it', async () => {
    const client = new QueryClient();
    const fetch = fetchHistoryLater(client);
    writeMessageToHistory(client, message(3));
    fetch.resolve(page(3, 2, 1));
    await fetch.done;
    expect(seqs(client)).toEqual([3, 2, 1]);
  });

  it('keeps a deletion that arrives while the history is loading, though the snapshot has the message', async () => {
    const client = new QueryClient();
    const fetch = fetchHistoryLater(client);
    deleteMessageFromHistory(client, 'r1', 'm2');
    fetch.resolve(page(3, 2, 1));
    await fetch.done;
    expect(seqs(client)).toEqual([3, 1]);
  });

  it('never brings back a deleted message, even when a late POST answer carries it', () => {
    const client = new QueryClient();
    client.setQueryData<HistoryData>(key, { pages: [page(2, 1)], pageParams: [null] });
    deleteMessageFromHistory(client, 'r1', 'm3');
    writeMessageToHistory(client, message(3));
    expect(seqs(client)).toEqual([2, 1]);
  });
});
