import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { API_PATHS, LIMITS, type PeopleResponse, type Person } from '@parley/protocol';
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
