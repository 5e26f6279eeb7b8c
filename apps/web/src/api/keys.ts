import type { SearchParams } from './search';

/**
 * Every query key the app uses, in one place, so invalidation can target a whole family. Families
 * never share a first element, so invalidating one never touches another by prefix.
 */
export const queryKeys = {
  me: () => ['me'] as const,
  authOptions: () => ['auth-options'] as const,
  invite: (token: string) => ['invite', token] as const,
  /** The reader's rooms and DMs (the sidebar). */
  rooms: () => ['rooms'] as const,
  /** Public rooms, joined or not (the browse dialog). */
  browseRooms: () => ['browse-rooms'] as const,
  members: {
    all: () => ['members'] as const,
    /** Everything cached about a room's members: its list and its searches. */
    room: (roomId: string) => ['members', roomId] as const,
    /** The member list, page by page (the members panel). */
    list: (roomId: string) => ['members', roomId, 'list'] as const,
    /** Every search of a room's members (stale once someone joins, leaves or is renamed). */
    searches: (roomId: string) => ['members', roomId, 'search'] as const,
    /** Members matching a search (the @mention suggestions, the panel's search field). */
    search: (roomId: string, q: string, limit: number) => ['members', roomId, 'search', q, limit] as const,
  },
  messages: {
    all: () => ['messages'] as const,
    room: (roomId: string) => ['messages', roomId] as const,
  },
  /** `notIn`: a room whose members are left out (people to add to it). */
  people: (search: string, notIn?: string) => ['people', notIn ?? null, search] as const,
  /** Every search for people to add to this room. */
  peopleToAdd: (roomId: string) => ['people', roomId] as const,
  /** Who has this username (null: nobody); used to show the @names of messages. */
  username: (username: string) => ['username', username] as const,
  /** Who is online or away (everyone else is offline); kept current by `presence` events. */
  presence: () => ['presence'] as const,
  /** Who is typing in a room: ephemeral, filled only by `typing` events. */
  typing: (roomId: string) => ['typing', roomId] as const,
  search: {
    all: () => ['search'] as const,
    results: (params: SearchParams) => ['search', params] as const,
  },
  sessions: () => ['sessions'] as const,
  admin: {
    all: () => ['admin'] as const,
    users: () => ['admin', 'users'] as const,
    invites: () => ['admin', 'invites'] as const,
    audit: () => ['admin', 'audit'] as const,
    settings: () => ['admin', 'settings'] as const,
    stats: () => ['admin', 'stats'] as const,
  },
};
