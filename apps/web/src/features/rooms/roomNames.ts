import { GENERAL_ROOM_NAME, type Room } from '@parley/protocol';

/** The room everyone is in and nobody can leave. */
export function isGeneral(room: Pick<Room, 'kind' | 'name'>): boolean {
  return room.kind === 'public' && room.name === GENERAL_ROOM_NAME;
}

const collators = new Map<string, Intl.Collator>();

/** Case-insensitive, numbers in number order, and in the reader's language (pinyin order in zh-CN). */
function collatorFor(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    collators.set(language, collator);
  }
  return collator;
}

/** A DM has no name: it is called after the other people in it, in alphabetical order. */
export function dmName(room: Pick<Room, 'dmMembers'>, language: string): string {
  const names = (room.dmMembers ?? []).map((person) => person.displayName);
  return names.sort(collatorFor(language).compare).join(', ');
}

/**
 * What the reader calls a room: `#name`, or for a DM the other people's names (`whenAlone` when
 * everyone else is gone from it).
 */
export function roomLabel(room: Pick<Room, 'kind' | 'name' | 'dmMembers'>, language: string, whenAlone = '') {
  if (room.kind !== 'dm') return `#${room.name}`;
  return dmName(room, language) || whenAlone;
}

export interface SidebarGroups {
  /** #general first, then public and private rooms alphabetically. */
  rooms: Room[];
  /** DMs, alphabetically by the names they are shown with. */
  dms: Room[];
}

export function sidebarGroups(rooms: readonly Room[], language: string): SidebarGroups {
  const compare = collatorFor(language).compare;
  const named = rooms
    .filter((room) => room.kind !== 'dm')
    .sort((a, b) => Number(isGeneral(b)) - Number(isGeneral(a)) || compare(a.name, b.name));
  const dms = rooms
    .filter((room) => room.kind === 'dm')
    .map((room) => ({ room, name: dmName(room, language) }))
    .sort((a, b) => compare(a.name, b.name) || a.room.createdAt.localeCompare(b.room.createdAt))
    .map(({ room }) => room);
  return { rooms: named, dms };
}

/** Where `/` goes: the room last open in this browser if the reader is still in it, else #general. */
export function landingRoom(rooms: readonly Room[], lastRoomId: string | null): Room | undefined {
  return (
    rooms.find((room) => room.id === lastRoomId) ??
    rooms.find(isGeneral) ??
    rooms.find((room) => room.kind !== 'dm') ??
    rooms[0]
  );
}
