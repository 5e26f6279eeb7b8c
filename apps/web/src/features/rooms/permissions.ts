import type { Room, User } from '@parley/protocol';
import { isGeneral } from './roomNames';

/**
 * What the reader may do in a room, mirroring the server's rules (docs/CONTRACT.md) so the app only
 * offers what will work. The server decides: these only hide buttons.
 */
type Reader = Pick<User, 'id' | 'role'>;
type RoomView = Pick<Room, 'kind' | 'name' | 'myRole'>;

const moderates = (room: RoomView, reader: Reader) => reader.role === 'admin' || room.myRole === 'owner';

/** Any member sets the topic; DMs have none. */
export function canEditTopic(room: RoomView): boolean {
  return room.kind !== 'dm' && room.myRole !== undefined;
}

export function canRename(room: RoomView, reader: Reader): boolean {
  return room.kind !== 'dm' && moderates(room, reader);
}

export function canLeave(room: RoomView): boolean {
  return room.kind !== 'dm' && !isGeneral(room);
}

/** Anyone in a public room may bring people in; a private room's owners and admins only. */
export function canAddMembers(room: RoomView, reader: Reader): boolean {
  if (room.kind === 'dm' || isGeneral(room)) return false;
  return room.kind === 'public' || moderates(room, reader);
}

export function canRemoveMember(room: RoomView, reader: Reader, memberId: string): boolean {
  return room.kind !== 'dm' && !isGeneral(room) && memberId !== reader.id && moderates(room, reader);
}

export function canDeleteMessage(room: RoomView, reader: Reader, authorId: string): boolean {
  return authorId === reader.id || moderates(room, reader);
}
