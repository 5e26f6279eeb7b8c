import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  API_PATHS,
  type AdminStats,
  type AdminUser,
  type AdminUsersResponse,
  type AuditPage,
  type CreatedInviteResponse,
  type CreateInviteBody,
  type Invite,
  type InvitesResponse,
  type Settings,
  type SettingsResponse,
  type UpdateSettingsBody,
} from '@parley/protocol';
import { request } from './client';
import { queryKeys } from './keys';

/** Admin data has no events; each list is fetched when its screen opens and after each change. */
export const adminUsersQuery = queryOptions({
  queryKey: queryKeys.admin.users(),
  queryFn: async ({ signal }): Promise<AdminUser[]> => {
    const { users } = (await request(API_PATHS.adminUsers, { signal })) as AdminUsersResponse;
    return users;
  },
});

export async function deactivateUser(userId: string): Promise<void> {
  await request(API_PATHS.adminDeactivateUser(userId), { method: 'POST' });
}

export const invitesQuery = queryOptions({
  queryKey: queryKeys.admin.invites(),
  queryFn: async ({ signal }): Promise<Invite[]> => {
    const { invites } = (await request(API_PATHS.adminInvites, { signal })) as InvitesResponse;
    return invites;
  },
});

/** The token is in this answer only: the server keeps just its hash. */
export async function createInvite(body: CreateInviteBody): Promise<CreatedInviteResponse> {
  return (await request(API_PATHS.adminInvites, { method: 'POST', body })) as CreatedInviteResponse;
}

export async function revokeInvite(inviteId: string): Promise<void> {
  await request(API_PATHS.adminInvite(inviteId), { method: 'DELETE' });
}

/** Newest first; `before` is the cursor the previous page returned. */
export const auditQuery = infiniteQueryOptions({
  queryKey: queryKeys.admin.audit(),
  queryFn: async ({ pageParam, signal }): Promise<AuditPage> => {
    const query = pageParam === null ? '' : `?before=${encodeURIComponent(pageParam)}`;
    return (await request(API_PATHS.adminAudit + query, { signal })) as AuditPage;
  },
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.nextBefore,
});

export const adminSettingsQuery = queryOptions({
  queryKey: queryKeys.admin.settings(),
  queryFn: async ({ signal }): Promise<Settings> => {
    const { settings } = (await request(API_PATHS.adminSettings, { signal })) as SettingsResponse;
    return settings;
  },
});

export async function updateAdminSettings(body: UpdateSettingsBody): Promise<Settings> {
  const { settings } = (await request(API_PATHS.adminSettings, {
    method: 'PATCH',
    body,
  })) as SettingsResponse;
  return settings;
}

/** How often the admin page asks for the instance's counters while it is open. */
export const ADMIN_STATS_INTERVAL_MS = 2000;

/** Polled only while the admin page shows it; stops when the page closes or the tab is hidden. */
export const adminStatsQuery = queryOptions({
  queryKey: queryKeys.admin.stats(),
  queryFn: ({ signal }) => request(API_PATHS.adminStats, { signal }) as Promise<AdminStats>,
  refetchInterval: ADMIN_STATS_INTERVAL_MS,
  staleTime: 0,
  gcTime: 0,
});
