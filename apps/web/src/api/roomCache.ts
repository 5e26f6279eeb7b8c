import type { Member, Room } from '@parley/protocol';

/**
 * Pure updates of the cached room and member lists. Each returns the same array when nothing
 * changes (so React Query notifies no one) and undefined when nothing was loaded (what was never
 * fetched is fetched whole when it is needed). Each is idempotent: applied twice, it changes nothing
 * more, which the cache writer relies on.
 */

/** Adds the room, or replaces the copy with the same id. */
export function upsertRoom(rooms: Room[] | undefined, room: Room): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((existing) => existing.id === room.id);
  if (index === -1) return [...rooms, room];
  if (rooms[index] === room) return rooms;
  return rooms.with(index, room);
}

export function removeRoom(rooms: Room[] | undefined, roomId: string): Room[] | undefined {
  if (rooms === undefined || !rooms.some((room) => room.id === roomId)) return rooms;
  return rooms.filter((room) => room.id !== roomId);
}

/**
 * Takes a room's new name, topic and counts from a `room.updated` event or a PATCH answer, keeping
 * what is the reader's own view of it (their role, a DM's other people): the event is sent alike to
 * every member, so it cannot carry those. A room that is not in the list stays out.
 */
export function applyRoomUpdate(rooms: Room[] | undefined, room: Room): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((existing) => existing.id === room.id);
  const existing = rooms[index];
  if (existing === undefined) return rooms;
  const updated: Room = { ...existing, name: room.name, topic: room.topic, memberCount: room.memberCount };
  if (
    updated.name === existing.name &&
    updated.topic === existing.topic &&
    updated.memberCount === existing.memberCount
  ) {
    return rooms;
  }
  return rooms.with(index, updated);
}

export function setMemberCount(
  rooms: Room[] | undefined,
  roomId: string,
  memberCount: number,
): Room[] | undefined {
  if (rooms === undefined) return undefined;
  const index = rooms.findIndex((room) => room.id === roomId);
  const room = rooms[index];
  if (room === undefined || room.memberCount === memberCount) return rooms;
  return rooms.with(index, { ...room, memberCount: Math.max(0, memberCount) });
}

/** The entry of the same person replaced (a role or a name may have changed); others untouched. */
export function replaceMember(members: Member[], member: Member): Member[] {
  const index = members.findIndex((existing) => existing.person.id === member.person.id);
  const existing = members[index];
  if (
    existing === undefined ||
    (existing.role === member.role &&
      existing.person.displayName === member.person.displayName &&
      existing.person.avatarColor === member.person.avatarColor)
  ) {
    return members;
  }
  return members.with(index, member);
}

export function removeMember(members: Member[], userId: string): Member[] {
  if (!members.some((member) => member.person.id === userId)) return members;
  return members.filter((member) => member.person.id !== userId);
}
