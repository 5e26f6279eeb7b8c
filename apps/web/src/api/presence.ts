import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { API_PATHS, type PresenceEntry, type PresenceStatus, type TypingEvent } from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';

/** Status by user id; anyone missing is offline. */
export type PresenceMap = Readonly<Record<string, PresenceStatus>>;

function withChanges(map: PresenceMap, changes: readonly PresenceEntry[]): PresenceMap {
  const next = new Map(Object.entries(map));
  for (const { userId, status } of changes) {
    if (status === 'offline') next.delete(userId);
    else next.set(userId, status);
  }
  return Object.fromEntries(next);
}

export const presenceQuery = queryOptions({
  queryKey: queryKeys.presence(),
  // Nothing to fetch: the stream brings the status of each person this tab watches (PresenceWatcher),
  // when the watch starts and on every change.
  queryFn: (): PresenceMap => ({}),
  initialData: {},
  staleTime: Infinity,
});

/** A `presence` event: applied to what is cached (nothing cached yet means the fetch will have it). */
export function presenceChanged(queryClient: QueryClient, changes: readonly PresenceEntry[]): void {
  queryClient.setQueryData(presenceQuery.queryKey, (map) => (map ? withChanges(map, changes) : map));
}

/** Tells the server this tab's stream is in the background (or idle), or in use again. */
export function reportAway(connectionId: string, away: boolean): Promise<unknown> {
  return request(API_PATHS.presence, { method: 'PUT', body: { connectionId, away } });
}

/** The people whose presence this tab's stream shows from now on (see PresenceWatcher). */
export function watchPresence(connectionId: string, userIds: string[]): Promise<unknown> {
  return request(API_PATHS.presenceWatch, { method: 'PUT', body: { connectionId, userIds } });
}

export function reportTyping(roomId: string): Promise<unknown> {
  return request(API_PATHS.roomTyping(roomId), { method: 'POST' });
}

/** Someone typing in a room, until `until` (epoch ms) unless they type on. */
export interface Typist {
  person: TypingEvent['user'];
  until: number;
}

export function typingQuery(roomId: string) {
  return queryOptions({
    queryKey: queryKeys.typing(roomId),
    // Nothing to fetch: only the stream knows who is typing.
    queryFn: (): Typist[] => [],
    staleTime: Infinity,
  });
}

export function typingStarted(queryClient: QueryClient, event: TypingEvent, now = Date.now()): void {
  queryClient.setQueryData(typingQuery(event.roomId).queryKey, (typists = []) => [
    ...typists.filter((typist) => typist.person.id !== event.user.id && typist.until > now),
    { person: event.user, until: now + event.expiresInMs },
  ]);
}

/** Their message arrived: they are done typing it. */
export function typingStopped(queryClient: QueryClient, roomId: string, userId: string): void {
  queryClient.setQueryData(typingQuery(roomId).queryKey, (typists) =>
    typists?.some((typist) => typist.person.id === userId)
      ? typists.filter((typist) => typist.person.id !== userId)
      : typists,
  );
}
