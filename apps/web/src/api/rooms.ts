import { queryOptions } from '@tanstack/react-query';
import { API_PATHS, type Room, type RoomsResponse } from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';

export const roomsQuery = queryOptions({
  queryKey: queryKeys.rooms(),
  queryFn: async ({ signal }): Promise<Room[]> => {
    const { rooms } = (await request(API_PATHS.rooms, { signal })) as RoomsResponse;
    return rooms;
  },
  // Room metadata has no live events yet; a resync still refetches it.
  staleTime: 5 * 60_000,
});
