import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { API_PATHS, LIMITS, type PeopleResponse, type Person, type User } from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { request } from './client';
import { queryKeys } from './keys';

/** Active people whose username or display name matches `search` (the server returns at most 20). */
export function peopleQuery(search: string) {
  const q = search.trim().slice(0, LIMITS.usernameMax);
  return queryOptions({
    queryKey: queryKeys.people(q),
    queryFn: async ({ signal }): Promise<Person[]> => {
      const path = q === '' ? API_PATHS.people : `${API_PATHS.people}?q=${encodeURIComponent(q)}`;
      const { people } = (await request(path, { signal })) as PeopleResponse;
      return people;
    },
    staleTime: 30_000,
    // While the next search runs, the last answer stays on screen instead of an empty list.
    placeholderData: keepPreviousData,
  });
}

/**
 * `value` with every copy of `person` in it (found by id: a message's author, a quote's author, a
 * member, a reactor, a DM's other people) showing their current name and colour. Parts that hold no
 * copy keep their identity, so React re-renders only what shows that person.
 */
export function withPerson<T>(value: T, person: Person): T {
  return replacePerson(value, person) as T;
}

function replacePerson(value: unknown, person: Person): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    let copy: unknown[] | null = null;
    for (const [index, item] of items.entries()) {
      const next = replacePerson(item, person);
      if (next === item) continue;
      copy ??= [...items];
      copy[index] = next;
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.id === person.id && 'displayName' in record && 'avatarColor' in record) {
    return record.displayName === person.displayName && record.avatarColor === person.avatarColor
      ? value
      : { ...record, displayName: person.displayName, avatarColor: person.avatarColor };
  }
  let copy: Record<string, unknown> | null = null;
  for (const [key, field] of Object.entries(record)) {
    const next = replacePerson(field, person);
    if (next === field) continue;
    copy ??= { ...record };
    copy[key] = next;
  }
  return copy ?? value;
}

/**
 * Someone in `roomId` has a new name or colour (`user.updated`): the room's history, its members and
 * the sidebar's rooms (DM names) show it, and so does the reader's own account when it is them.
 * Search results and people lists are refetched when next shown.
 */
export function personChanged(queryClient: QueryClient, roomId: string, person: Person): void {
  for (const queryKey of [
    queryKeys.messages.room(roomId),
    queryKeys.members.room(roomId),
    queryKeys.rooms(),
  ]) {
    writeToCache(queryClient, queryKey, (data: unknown) =>
      data === undefined ? data : withPerson(data, person),
    );
  }
  queryClient.setQueryData<User>(queryKeys.me(), (me) => (me === undefined ? me : withPerson(me, person)));
  void queryClient.invalidateQueries({ queryKey: queryKeys.search.all() });
  void queryClient.invalidateQueries({ queryKey: ['people'] });
}
