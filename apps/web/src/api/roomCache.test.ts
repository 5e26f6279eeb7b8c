import { describe, expect, it } from 'vitest';
import type { Member, Room } from '@parley/protocol';
import {
  applyRoomUpdate,
  removeMember,
  removeRoom,
  replaceMember,
  setMemberCount,
  upsertRoom,
} from './roomCache';

const room = (id: string, overrides: Partial<Room> = {}): Room => ({
  id,
  kind: 'public',
  name: id,
  topic: '',
  memberCount: 1,
  myRole: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});
const member = (id: string, role: Member['role'] = 'member'): Member => ({
  person: { id, username: id, displayName: id.toUpperCase(), avatarColor: '#2f5fd0' },
  role,
  joinedAt: '2025-01-01T00:00:00.000Z',
});

describe('room list updates', () => {
  it('adds a new room at the end and replaces a known one in place', () => {
    const rooms = [room('a'), room('b')];
    expect(upsertRoom(rooms, room('c'))?.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    const replaced = upsertRoom(rooms, room('a', { topic: 'new' }));
    expect(replaced?.map((r) => [r.id, r.topic])).toEqual([
      ['a', 'new'],
      ['b', ''],
    ]);
    expect(rooms[0]?.topic).toBe('');
  });

  it('removes a room, and returns the same list when it was not there', () => {
    const rooms = [room('a'), room('b')];
    expect(removeRoom(rooms, 'a')?.map((r) => r.id)).toEqual(['b']);
    expect(removeRoom(rooms, 'x')).toBe(rooms);
  });

  it('takes the name, topic and count of an update but keeps the reader’s role', () => {
    const rooms = [room('a', { myRole: 'owner' })];
    const updated = applyRoomUpdate(
      rooms,
      room('a', { name: 'b', topic: 't', memberCount: 4, myRole: undefined }),
    );
    expect(updated?.[0]).toMatchObject({ name: 'b', topic: 't', memberCount: 4, myRole: 'owner' });
    expect(applyRoomUpdate(updated, room('a', { name: 'b', topic: 't', memberCount: 4 }))).toBe(updated);
  });

  it('sets a member count, never below zero', () => {
    const rooms = [room('a', { memberCount: 1 })];
    expect(setMemberCount(rooms, 'a', -1)?.[0]?.memberCount).toBe(0);
    expect(setMemberCount(rooms, 'a', 1)).toBe(rooms);
  });

  it('leaves lists that were never loaded unloaded', () => {
    expect(upsertRoom(undefined, room('a'))).toBeUndefined();
    expect(removeRoom(undefined, 'a')).toBeUndefined();
    expect(applyRoomUpdate(undefined, room('a'))).toBeUndefined();
  });
});

describe('member list updates', () => {
  it('replaces the entry of a member whose role changed, and nothing for anyone else', () => {
    const members = [member('a', 'owner'), member('b')];
    expect(replaceMember(members, member('b'))).toBe(members);
    expect(replaceMember(members, member('x'))).toBe(members);
    expect(replaceMember(members, member('b', 'owner')).map((m) => m.role)).toEqual(['owner', 'owner']);
  });

  it('removes a member, and returns the same list when they were not there', () => {
    const members = [member('a'), member('b')];
    expect(removeMember(members, 'a').map((m) => m.person.id)).toEqual(['b']);
    expect(removeMember(members, 'x')).toBe(members);
  });
});
