import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryPage, ServerEvent, User } from '@parley/protocol';
import { queryKeys } from '../api/keys';
import type { HistoryData } from '../api/messageCache';
import { applyServerEvent } from './applyServerEvent';

const user: User = {
  id: 'u1',
  username: 'ada',
  displayName: 'Ada',
  role: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
};
const emptyPage: HistoryPage = { messages: [], nextBefore: null };
const hello = (resumed: boolean, protocolVersion = 1) =>
  ({ type: 'hello', protocolVersion, user, seq: 1, resumed }) as ServerEvent;

function clientWithHistory() {
  const client = new QueryClient();
  client.setQueryData<HistoryData>(queryKeys.messages.room('r1'), { pages: [emptyPage], pageParams: [null] });
  client.setQueryData(queryKeys.rooms(), []);
  return client;
}

describe('applyServerEvent', () => {
  it('writes a created message into its room history', () => {
    const client = clientWithHistory();
    const message = { id: 'm1', roomId: 'r1', seq: 1, author: user, body: 'hi', createdAt: user.createdAt };
    applyServerEvent(client, { type: 'message.created', seq: 1, roomId: 'r1', message }, vi.fn());
    const data = client.getQueryData<HistoryData>(queryKeys.messages.room('r1'));
    expect(data?.pages[0]?.messages).toEqual([message]);
  });

  it('marks histories stale after a hello without replay, and leaves them after a resumed one', () => {
    const client = clientWithHistory();
    const history = () => client.getQueryState(queryKeys.messages.room('r1'));
    applyServerEvent(client, hello(true), vi.fn());
    expect(history()?.isInvalidated).toBe(false);
    applyServerEvent(client, hello(false), vi.fn());
    expect(history()?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.rooms())?.isInvalidated).toBe(false);
  });

  it('marks everything stale on resync', () => {
    const client = clientWithHistory();
    applyServerEvent(client, { type: 'resync', seq: 9, reason: 'gap_too_old' }, vi.fn());
    expect(client.getQueryState(queryKeys.rooms())?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.messages.room('r1'))?.isInvalidated).toBe(true);
  });

  it('reloads the page when the server speaks another protocol version', () => {
    const reload = vi.fn();
    applyServerEvent(clientWithHistory(), hello(true, 2), reload);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('takes the signed-in user from hello', () => {
    const client = clientWithHistory();
    applyServerEvent(client, hello(true), vi.fn());
    expect(client.getQueryData(queryKeys.me())).toEqual(user);
  });
});
