import {
  infiniteQueryOptions,
  keepPreviousData,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { API_PATHS, type SearchHit, type SearchPage } from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';

/** What a search asks for; filters left out search every room, by anyone. */
export interface SearchParams {
  q: string;
  roomId?: string;
  authorId?: string;
}

function searchPath(params: SearchParams, before: number | null): string {
  const query = new URLSearchParams({ q: params.q });
  if (params.roomId !== undefined) query.set('roomId', params.roomId);
  if (params.authorId !== undefined) query.set('authorId', params.authorId);
  if (before !== null) query.set('before', String(before));
  return `${API_PATHS.search}?${query.toString()}`;
}

/**
 * Search results, newest first, a page at a time. A page can come back with fewer hits than asked
 * (even none) and still have a next one: the server reads a bounded window per page for words under
 * three characters. Fresh each time the search is opened; the stream takes out deleted hits.
 */
export function searchQuery(params: SearchParams) {
  return infiniteQueryOptions({
    queryKey: queryKeys.search.results(params),
    queryFn: async ({ pageParam, signal }) =>
      (await request(searchPath(params, pageParam), { signal })) as SearchPage,
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
    staleTime: 0,
    gcTime: 60_000,
    // While the next search runs, the last answer stays on screen instead of an empty list.
    placeholderData: keepPreviousData,
  });
}

/** Takes hits out of every cached search: a deleted message, or the rooms of one the reader left. */
export function removeSearchHits(queryClient: QueryClient, gone: (hit: SearchHit) => boolean): void {
  queryClient.setQueriesData<InfiniteData<SearchPage, number | null>>(
    { queryKey: queryKeys.search.all() },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({ ...page, hits: page.hits.filter((hit) => !gone(hit)) })),
      },
  );
}
