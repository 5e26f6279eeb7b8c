import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryPage, Message, Person, ServerEvent } from '@parley/protocol';
import { queryKeys } from '../api/keys';
import type { HistoryData } from '../api/messageCache';
import { applyServerEvent } from './applyServerEvent';

const ada: Person = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
const message = (seq: number, replyTo?: Message['replyTo']): Message => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  author: ada,
  body: `hi ${seq}`,
  createdAt: '2025-01-01T00:00:00.000Z',
  mentions: [],
  ...(replyTo && { replyTo }),
});
const key = queryKeys.messages.room('r1');
const cached = (client: QueryClient) =>
  client.getQueryData<HistoryData>(key)?.pages.flatMap((p) => p.messages);
const apply = (client: QueryClient, event: ServerEvent) => applyServerEvent(client, event, vi.fn());
const reacted = (seq: number, type: 'reaction.added' | 'reaction.removed' = 'reaction.added'): ServerEvent =>
  type === 'reaction.added'
    ? { type, seq, roomId: 'r1', messageId: 'm1', emoji: '👍', user: ada }
    : { type, seq, roomId: 'r1', messageId: 'm1', emoji: '👍', userId: ada.id };

describe('reaction and reply events', () => {
  it('shows reactions as they come and go, and ignores a replayed one', () => {
    const client = new QueryClient();
    client.setQueryData<HistoryData>(key, {
      pages: [{ messages: [message(1)], nextBefore: null }],
      pageParams: [null],
    });
    apply(client, reacted(5));
    apply(client, reacted(5));
    expect(cached(client)?.[0]?.reactions).toEqual([{ emoji: '👍', users: [ada] }]);
    apply(client, reacted(6, 'reaction.removed'));
    expect(cached(client)?.[0]).not.toHaveProperty('reactions');
  });

  it('applies reactions that arrive while history is loading on top of the loaded page', async () => {
    const client = new QueryClient();
    let resolve: (page: HistoryPage) => void = () => undefined;
    const done = client.infiniteQuery({
      queryKey: key,
      queryFn: () => new Promise<HistoryPage>((r) => (resolve = r)),
      initialPageParam: null,
    });
    apply(client, reacted(5));
    resolve({ messages: [message(1)], nextBefore: null });
    await done;
    expect(cached(client)?.[0]?.reactions).toEqual([{ emoji: '👍', users: [ada] }]);
  });

  it('marks quotes of a deleted original, and refreshes them when it is edited', () => {
    const client = new QueryClient();
    const quote = { id: 'm1', seq: 1, deleted: false, author: ada, excerpt: 'hi 1' };
    const reply = message(2, quote);
    const original = message(1);
    client.setQueryData<HistoryData>(key, {
      pages: [{ messages: [reply, original], nextBefore: null }],
      pageParams: [null],
    });
    apply(client, {
      type: 'message.updated',
      seq: 3,
      roomId: 'r1',
      message: { ...original, body: 'changed\nmind', editedAt: '2025-01-02T00:00:00.000Z' },
    });
    expect(cached(client)?.[0]?.replyTo).toEqual({ ...quote, excerpt: 'changed mind' });
    apply(client, { type: 'message.deleted', seq: 4, roomId: 'r1', messageId: 'm1' });
    expect(cached(client)?.map((m) => m.id)).toEqual(['m2']);
    expect(cached(client)?.[0]?.replyTo).toEqual({ id: 'm1', seq: 1, deleted: true });
  });
});
