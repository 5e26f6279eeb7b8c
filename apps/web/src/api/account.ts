import { queryOptions } from '@tanstack/react-query';
import {
  API_PATHS,
  type ChangePasswordBody,
  type SessionInfo,
  type SessionResponse,
  type SessionsResponse,
  type UpdateProfileBody,
  type User,
} from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';

export async function updateProfile(body: UpdateProfileBody): Promise<User> {
  const { user } = (await request(API_PATHS.me, { method: 'PATCH', body })) as SessionResponse;
  return user;
}

/** Signs out every other session of the reader (the server closes their streams). */
export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await request(API_PATHS.mePassword, { method: 'POST', body });
}

/** Fetched whenever the list is shown: sessions come and go without events. */
export const sessionsQuery = queryOptions({
  queryKey: queryKeys.sessions(),
  queryFn: async ({ signal }): Promise<SessionInfo[]> => {
    const { sessions } = (await request(API_PATHS.meSessions, { signal })) as SessionsResponse;
    return sessions;
  },
  staleTime: 0,
});

export async function revokeSession(sessionId: string): Promise<void> {
  await request(API_PATHS.meSession(sessionId), { method: 'DELETE' });
}

export async function signOutOtherSessions(): Promise<void> {
  await request(API_PATHS.meSignOutOthers, { method: 'POST' });
}
