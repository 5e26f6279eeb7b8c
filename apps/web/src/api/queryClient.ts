import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from './ApiError';
import { endSession } from './session';

/**
 * One client per page. A 401 anywhere means the session ended (signed out in another tab, expired),
 * which sends the app back to sign-in.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthenticated(error)) endSession(queryClient);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Retrying a 4xx cannot help; a dropped connection or a 503 might.
        retry: (failureCount, error) =>
          failureCount < 3 && (!(error instanceof ApiError) || error.isTransient),
        // The stream keeps cached data current; refetching on focus would only add load.
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}
