import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import {
  API_PATHS,
  LIMITS,
  type CreateRoomBody,
  type Member,
  type MemberResponse,
  type MembersResponse,
  type Room,
  type RoomResponse,
  type RoomsResponse,
  type UpdateRoomBody,
  type User,
} from '@parley/protocol';
import { writeToCache } from './cacheWriter';
import { withReaderState } from './readState';
import { request } from './client';
import { queryKeys } from './keys';
import {
  applyRoomUpdate,
  removeMember,
  replaceMember,
  removeRoom,
  setMemberCount,
  upsertRoom,
} from './roomCache';

/** The reader's rooms and DMs. The stream keeps the list current (room.added, room.removed, ...). */
export const roomsQuery = queryOptions({
  queryKey: queryKeys.rooms(),
  queryFn: async ({ signal }): Promise<Room[]> => {
    const { rooms } = (await request(API_PATHS.rooms, { signal })) as RoomsResponse;
    return rooms;
  },
  staleTime: Infinity,
});

/** Public rooms, joined or not; fetched afresh whenever someone browses (no events cover them all). */
export const browseRoomsQuery = queryOptions({
  queryKey: queryKeys.browseRooms(),
  queryFn: async ({ signal }): Promise<Room[]> => {
    const { rooms } = (await request(API_PATHS.roomsBrowse, { signal })) as RoomsResponse;
    return rooms;
  },
  staleTime: 0,
});

export type MemberPages = InfiniteData<MembersResponse, string | null>;

/**
 * A room's members, a page at a time (owners first, then by name), as the members panel scrolls.
 * Kept current by member.joined (refetched: where a newcomer goes is the server's order) and
 * member.left (taken out in place).
 */
export function memberPagesQuery(roomId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.members.list(roomId),
    queryFn: ({ pageParam, signal }): Promise<MembersResponse> => {
      const query = new URLSearchParams({ limit: String(LIMITS.membersPageDefault) });
      if (pageParam !== null) query.set('after', pageParam);
      return request(`${API_PATHS.roomMembers(roomId)}?${query}`, { signal }) as Promise<MembersResponse>;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextAfter,
    staleTime: Infinity,
  });
}

/**
 * The members whose username, or a word of whose name, starts with `search`; with an empty search,
 * the first members of the list. The server ranks them (usernames that match first).
 */
export function memberSearchQuery(roomId: string, search: string, limit: number) {
  const q = search.trim().slice(0, LIMITS.displayNameMax);
  return queryOptions({
    queryKey: queryKeys.members.search(roomId, q, limit),
    queryFn: async ({ signal }): Promise<Member[]> => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (q !== '') query.set('q', q);
      const path = `${API_PATHS.roomMembers(roomId)}?${query}`;
      return ((await request(path, { signal })) as MembersResponse).members;
    },
    staleTime: 30_000,
    // While the next search runs, the last answer stays on screen instead of an empty list.
    placeholderData: keepPreviousData,
  });
}

async function roomFrom(response: Promise<unknown>): Promise<Room> {
  return ((await response) as RoomResponse).room;
}

export function createRoom(body: CreateRoomBody): Promise<Room> {
  return roomFrom(request(API_PATHS.rooms, { method: 'POST', body }));
}

export function updateRoom(roomId: string, body: UpdateRoomBody): Promise<Room> {
  return roomFrom(request(API_PATHS.room(roomId), { method: 'PATCH', body }));
}

export function joinRoom(roomId: string): Promise<Room> {
  return roomFrom(request(API_PATHS.roomJoin(roomId), { method: 'POST' }));
}

export async function leaveRoom(roomId: string): Promise<void> {
  await request(API_PATHS.roomLeave(roomId), { method: 'POST' });
}

/** Opens the DM with exactly these people (the reader is added); the same people give the same DM. */
export function openDm(userIds: string[]): Promise<Room> {
  return roomFrom(request(API_PATHS.dms, { method: 'POST', body: { userIds } }));
}

export async function addRoomMember(roomId: string, userId: string): Promise<Member> {
  const response = (await request(API_PATHS.roomMembers(roomId), {
    method: 'POST',
    body: { userId },
  })) as MemberResponse;
  return response.member;
}

export async function removeRoomMember(roomId: string, userId: string): Promise<void> {
  await request(API_PATHS.roomMember(roomId, userId), { method: 'DELETE' });
}

/**
 * The reader is now in this room (created, joined, DM opened; from an answer or `room.added`). Any
 * history or member list cached from an earlier membership missed what happened meanwhile, so it is
 * dropped and fetched afresh when the room is opened. `addedSeq`: the seq of `room.added`.
 */
export function roomJoined(queryClient: QueryClient, room: Room, addedSeq?: number): void {
  const known = queryClient.getQueryData<Room[]>(queryKeys.rooms())?.some((r) => r.id === room.id);
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) =>
    upsertRoom(
      rooms,
      withReaderState(
        room,
        rooms?.find((r) => r.id === room.id),
        addedSeq,
      ),
    ),
  );
  if (!known) {
    void queryClient.resetQueries({ queryKey: queryKeys.messages.room(room.id), exact: true });
    void queryClient.resetQueries({ queryKey: queryKeys.members.room(room.id) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.browseRooms() });
}

/** The reader is no longer in this room: it leaves the sidebar, and nothing of it stays cached. */
export function roomLeft(queryClient: QueryClient, roomId: string): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => removeRoom(rooms, roomId));
  queryClient.removeQueries({ queryKey: queryKeys.messages.room(roomId), exact: true });
  queryClient.removeQueries({ queryKey: queryKeys.members.room(roomId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.browseRooms() });
}

/** A room's new name or topic, from an answer or `room.updated`. */
export function roomChanged(queryClient: QueryClient, room: Room): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => applyRoomUpdate(rooms, room));
  writeToCache<Room[]>(queryClient, queryKeys.browseRooms(), (rooms) => applyRoomUpdate(rooms, room));
}

/**
 * Someone is in the room now: from `member.joined` (with its `seq`), or from our own add's answer.
 * A listed member's entry is replaced (their role may have changed); a newcomer makes the list
 * refetch, since where they go is the server's order. Only the stream's event counts them, once
 * however often it is applied, so that the answer and the event together count one person.
 */
export function memberAdded(queryClient: QueryClient, roomId: string, member: Member, seq?: number): void {
  if (loadedMember(queryClient, roomId, member.person.id)) {
    writeToCache<MemberPages>(queryClient, queryKeys.members.list(roomId), (pages) =>
      mapPages(pages, (members) => replaceMember(members, member)),
    );
  } else {
    void queryClient.invalidateQueries({ queryKey: queryKeys.members.list(roomId) });
  }
  membersChanged(queryClient, roomId);
  // The reader's own arrival is already counted in the room that `room.added` brought.
  const me = queryClient.getQueryData<User | null>(queryKeys.me());
  if (seq !== undefined && me?.id !== member.person.id) countMembers(queryClient, roomId, seq, 1);
}

/** Someone left or was removed: from `member.left` (with its `seq`), or from our own removal's answer. */
export function memberRemoved(queryClient: QueryClient, roomId: string, userId: string, seq?: number): void {
  writeToCache<MemberPages>(queryClient, queryKeys.members.list(roomId), (data) =>
    mapPages(data, (members) => removeMember(members, userId)),
  );
  membersChanged(queryClient, roomId);
  if (seq !== undefined) countMembers(queryClient, roomId, seq, -1);
}

/** Searches that answered with or without the room's members: someone joined or left since. */
function membersChanged(queryClient: QueryClient, roomId: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.members.searches(roomId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.peopleToAdd(roomId) });
}

/** Per query client and room, the seq of the last membership event counted. */
const counted = new WeakMap<QueryClient, Map<string, number>>();

function countMembers(queryClient: QueryClient, roomId: string, seq: number, delta: number): void {
  const seqs = counted.get(queryClient) ?? new Map<string, number>();
  counted.set(queryClient, seqs);
  if (seq <= (seqs.get(roomId) ?? 0)) return;
  seqs.set(roomId, seq);
  queryClient.setQueryData<Room[]>(queryKeys.rooms(), (rooms) => {
    const room = rooms?.find((candidate) => candidate.id === roomId);
    return room ? setMemberCount(rooms, roomId, room.memberCount + delta) : rooms;
  });
}

function loadedMember(queryClient: QueryClient, roomId: string, userId: string): Member | undefined {
  const pages = queryClient.getQueryData<MemberPages>(queryKeys.members.list(roomId));
  for (const page of pages?.pages ?? []) {
    const found = page.members.find((member) => member.person.id === userId);
    if (found) return found;
  }
  return undefined;
}

function mapPages(
  data: MemberPages | undefined,
  update: (members: Member[]) => Member[],
): MemberPages | undefined {
  if (data === undefined) return undefined;
  const pages = data.pages.map((page) => {
    const members = update(page.members);
    return members === page.members ? page : { ...page, members };
  });
  return pages.some((page, index) => page !== data.pages[index]) ? { ...data, pages } : data;
}
