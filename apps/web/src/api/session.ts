import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  API_PATHS,
  type AuthOptions,
  type InvitePreview,
  type SessionResponse,
  type SignInBody,
  type SignUpBody,
  type User,
} from '@parley/protocol';
import { isUnauthenticated } from './ApiError';
import { request } from './client';
import { queryKeys } from './keys';

/** Resolves to null when there is no session: being signed out is a state, not an error. */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<User | null> {
  try {
    const { user } = (await request(API_PATHS.me, { signal })) as SessionResponse;
    return user;
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

export const currentUserQuery = queryOptions({
  queryKey: queryKeys.me(),
  queryFn: ({ signal }) => fetchCurrentUser(signal),
  staleTime: Infinity,
});

/** Whether anyone may sign up, or only with an invite link. */
export const authOptionsQuery = queryOptions({
  queryKey: queryKeys.authOptions(),
  queryFn: async ({ signal }): Promise<AuthOptions> =>
    (await request(API_PATHS.authOptions, { signal })) as AuthOptions,
  staleTime: 60_000,
});

/** A usable invite's expiry; a 404 `invite_invalid` for one that is unknown, used up, revoked or expired. */
export function invitePreviewQuery(token: string) {
  return queryOptions({
    queryKey: queryKeys.invite(token),
    queryFn: async ({ signal }): Promise<InvitePreview> =>
      (await request(API_PATHS.invite(token), { signal })) as InvitePreview,
    staleTime: 60_000,
  });
}

export async function signIn(body: SignInBody): Promise<User> {
  const { user } = (await request(API_PATHS.signIn, { method: 'POST', body })) as SessionResponse;
  return user;
}

export async function signUp(body: SignUpBody): Promise<User> {
  const { user } = (await request(API_PATHS.signUp, { method: 'POST', body })) as SessionResponse;
  return user;
}

export async function signOut(): Promise<void> {
  await request(API_PATHS.signOut, { method: 'POST' });
}

/** After sign-in: drop anything cached for a previous user, then show the app for this one. */
export function startSession(queryClient: QueryClient, user: User): void {
  forgetServerState(queryClient);
  queryClient.setQueryData(queryKeys.me(), user);
}

/** Signed out, here or elsewhere: back to sign-in, with nothing of this user left in memory. */
export function endSession(queryClient: QueryClient): void {
  forgetServerState(queryClient);
  queryClient.setQueryData(queryKeys.me(), null);
}

function forgetServerState(queryClient: QueryClient): void {
  const [me] = queryKeys.me();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== me });
}
