import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  API_PATHS,
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
  addMember,
  applyRoomUpdate,
  removeMember,
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

/** A room's members; kept current by member.joined and member.left. */
export function membersQuery(roomId: string) {
  return queryOptions({
    queryKey: queryKeys.members.room(roomId),
    queryFn: async ({ signal }): Promise<Member[]> => {
      const { members } = (await request(API_PATHS.roomMembers(roomId), { signal })) as MembersResponse;
      return members;
    },
    staleTime: Infinity,
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
    void queryClient.resetQueries({ queryKey: queryKeys.members.room(room.id), exact: true });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.browseRooms() });
}

/** The reader is no longer in this room: it leaves the sidebar, and nothing of it stays cached. */
export function roomLeft(queryClient: QueryClient, roomId: string): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => removeRoom(rooms, roomId));
  queryClient.removeQueries({ queryKey: queryKeys.messages.room(roomId), exact: true });
  queryClient.removeQueries({ queryKey: queryKeys.members.room(roomId), exact: true });
  void queryClient.invalidateQueries({ queryKey: queryKeys.browseRooms() });
}

/** A room's new name or topic, from an answer or `room.updated`. */
export function roomChanged(queryClient: QueryClient, room: Room): void {
  writeToCache<Room[]>(queryClient, queryKeys.rooms(), (rooms) => applyRoomUpdate(rooms, room));
  writeToCache<Room[]>(queryClient, queryKeys.browseRooms(), (rooms) => applyRoomUpdate(rooms, room));
}

export function memberAdded(queryClient: QueryClient, roomId: string, member: Member): void {
  writeToCache<Member[]>(queryClient, queryKeys.members.room(roomId), (members) =>
    addMember(members, member),
  );
  updateMemberCount(queryClient, roomId, member.person.id, 1);
}

export function memberRemoved(queryClient: QueryClient, roomId: string, userId: string): void {
  writeToCache<Member[]>(queryClient, queryKeys.members.room(roomId), (members) =>
    removeMember(members, userId),
  );
  updateMemberCount(queryClient, roomId, userId, -1);
}

/**
 * The count follows a loaded member list exactly; without one it is nudged by the change. The
 * reader's own arrival is already counted in the room that `room.added` brought.
 */
function updateMemberCount(queryClient: QueryClient, roomId: string, userId: string, delta: number): void {
  const members = queryClient.getQueryData<Member[]>(queryKeys.members.room(roomId));
  if (!members && queryClient.getQueryData<User | null>(queryKeys.me())?.id === userId) return;
  queryClient.setQueryData<Room[]>(queryKeys.rooms(), (rooms) => {
    const room = rooms?.find((candidate) => candidate.id === roomId);
    if (!room) return rooms;
    return setMemberCount(rooms, roomId, members ? members.length : room.memberCount + delta);
  });
}
