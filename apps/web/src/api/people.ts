import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { API_PATHS, LIMITS, type PeopleResponse, type Person, type User } from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { request } from './client';
import { queryKeys } from './keys';

/**
 * Active people whose username or display name matches `search` (the server returns at most 20);
 * with `notIn`, only those who are not members of that room (the reader's own).
 */
export function peopleQuery(search: string, notIn?: string) {
  const q = search.trim().slice(0, LIMITS.usernameMax);
  return queryOptions({
    queryKey: queryKeys.people(q, notIn),
    queryFn: async ({ signal }): Promise<Person[]> => {
      const query = new URLSearchParams();
      if (q !== '') query.set('q', q);
      if (notIn !== undefined) query.set('notIn', notIn);
      const path = query.size === 0 ? API_PATHS.people : `${API_PATHS.people}?${query}`;
      const { people } = (await request(path, { signal })) as PeopleResponse;
      return people;
    },
    staleTime: 30_000,
    // While the next search runs, the last answer stays on screen instead of an empty list.
    placeholderData: keepPreviousData,
  });
}

type Lookup = (usernames: string[]) => Promise<Person[]>;
interface Waiter {
  resolve: (person: Person | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns the usernames asked for within one task into one request per `LIMITS.peopleLookupMax`: a
 * screen of messages that @mention people asks for all their names at once, not once per message.
 */
export class UsernameBatcher {
  private waiting = new Map<string, Waiter[]>();

  constructor(private readonly lookup: Lookup) {}

  /** The person with this username, or null when there is nobody by that name. */
  load(username: string): Promise<Person | null> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setTimeout(() => void this.flush(), 0);
      this.waiting.set(username, [...(this.waiting.get(username) ?? []), { resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const waiting = [...this.waiting];
    this.waiting = new Map();
    for (let start = 0; start < waiting.length; start += LIMITS.peopleLookupMax) {
      const batch = waiting.slice(start, start + LIMITS.peopleLookupMax);
      try {
        const found = new Map(
          (await this.lookup(batch.map(([name]) => name))).map((person) => [person.username, person]),
        );
        for (const [name, waiters] of batch)
          for (const { resolve } of waiters) resolve(found.get(name) ?? null);
      } catch (error) {
        for (const [, waiters] of batch) for (const { reject } of waiters) reject(error);
      }
    }
  }
}

const usernames = new UsernameBatcher(async (batch) => {
  const path = `${API_PATHS.people}?usernames=${batch.map(encodeURIComponent).join(',')}`;
  return ((await request(path)) as PeopleResponse).people;
});

/** Who has `username` (null: nobody), for showing an @name; a username never changes hands. */
export function usernameQuery(username: string) {
  return queryOptions({
    queryKey: queryKeys.username(username),
    queryFn: () => usernames.load(username),
    staleTime: Infinity,
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
    queryKeys.members.list(roomId),
    queryKeys.rooms(),
  ]) {
    writeToCache(queryClient, queryKey, (data: unknown) =>
      data === undefined ? data : withPerson(data, person),
    );
  }
  queryClient.setQueryData<User>(queryKeys.me(), (me) => (me === undefined ? me : withPerson(me, person)));
  void queryClient.invalidateQueries({ queryKey: queryKeys.members.searches(roomId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.search.all() });
  void queryClient.invalidateQueries({ queryKey: ['people'] });
}
