import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A live update written into a query while that query is being fetched would be lost: the fetch
 * settles with a snapshot taken before the write (React Query does not merge; fetching an older
 * page of history also rebuilds the data from what it had when it started). So such updates are
 * held back and applied again, in order, once the fetch succeeds. Updates must therefore be
 * idempotent (inserting what is there, or removing what is gone, changes nothing).
 */
type Update = (data: unknown) => unknown;

interface Writer {
  heldBack: Map<string, Update[]>;
}

const writers = new WeakMap<QueryClient, Writer>();

function writerFor(queryClient: QueryClient): Writer {
  const existing = writers.get(queryClient);
  if (existing) return existing;
  const writer: Writer = { heldBack: new Map() };
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const held = writer.heldBack.get(event.query.queryHash);
    if (!held) return;
    writer.heldBack.delete(event.query.queryHash);
    queryClient.setQueryData(event.query.queryKey, (data: unknown) =>
      held.reduce((current, update) => update(current), data),
    );
  });
  writers.set(queryClient, writer);
  return writer;
}

/**
 * Applies `update` to the cached data of `queryKey` (a no-op while nothing is cached: what was never
 * loaded is fetched whole when it is needed), and again after a fetch in flight lands.
 */
export function writeToCache<T>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  update: (data: T | undefined) => T | undefined,
): void {
  const writer = writerFor(queryClient);
  queryClient.setQueryData<T>(queryKey, update);
  if (queryClient.getQueryState(queryKey)?.fetchStatus !== 'fetching') return;
  const hash = hashKey(queryKey);
  const held = writer.heldBack.get(hash) ?? [];
  writer.heldBack.set(hash, [...held, update as Update]);
}
