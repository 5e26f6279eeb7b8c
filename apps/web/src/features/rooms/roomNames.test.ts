import { describe, expect, it } from 'vitest';
import type { Person, Room } from '@parley/protocol';
import { dmName, isGeneral, landingRoom, roomLabel, sidebarGroups } from './roomNames';

const person = (displayName: string): Person => ({
  id: displayName,
  username: displayName.toLowerCase(),
  displayName,
  avatarColor: '#2f5fd0',
});
const room = (id: string, kind: Room['kind'], name: string, dmMembers?: Person[]): Room => ({
  id,
  kind,
  name,
  topic: '',
  memberCount: 2,
  myRole: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
  ...(dmMembers ? { dmMembers } : {}),
});

describe('roomLabel and dmName', () => {
  it('names public and private rooms #name', () => {
    expect(roomLabel(room('a', 'public', 'books'), 'en')).toBe('#books');
    expect(roomLabel(room('b', 'private', 'plans'), 'en')).toBe('#plans');
  });

  it('names a DM after the other people in it, alphabetically', () => {
    const dm = room('d', 'dm', '', [person('Zoe'), person('bob'), person('Alice')]);
    expect(dmName(dm, 'en')).toBe('Alice, bob, Zoe');
    expect(roomLabel(dm, 'en')).toBe('Alice, bob, Zoe');
  });

  it('gives a DM whose other people are all gone the fallback name', () => {
    expect(roomLabel(room('d', 'dm', '', []), 'en', 'Just you')).toBe('Just you');
  });
});

describe('sidebarGroups', () => {
  it('puts #general first, then rooms alphabetically whatever their kind, then DMs by name', () => {
    const rooms = [
      room('dm-z', 'dm', '', [person('Zed')]),
      room('w', 'public', 'Zebras'),
      room('p', 'private', 'apples'),
      room('g', 'public', 'general'),
      room('b', 'public', 'Bananas'),
      room('dm-a', 'dm', '', [person('Amy')]),
      room('n10', 'public', 'room10'),
      room('n9', 'public', 'room9'),
    ];
    const groups = sidebarGroups(rooms, 'en');
    expect(groups.rooms.map((r) => r.id)).toEqual(['g', 'p', 'b', 'n9', 'n10', 'w']);
    expect(groups.dms.map((r) => r.id)).toEqual(['dm-a', 'dm-z']);
  });

  it('does not reorder the cached list it was given', () => {
    const rooms = [room('b', 'public', 'b'), room('a', 'public', 'a')];
    sidebarGroups(rooms, 'en');
    expect(rooms.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('does not take a private room called general for #general', () => {
    expect(isGeneral(room('x', 'private', 'general'))).toBe(false);
    expect(isGeneral(room('g', 'public', 'general'))).toBe(true);
  });
});

describe('landingRoom', () => {
  const rooms = [room('b', 'public', 'books'), room('g', 'public', 'general'), room('d', 'dm', '', [])];

  it('reopens the last room while the reader is still in it', () => {
    expect(landingRoom(rooms, 'b')?.id).toBe('b');
    expect(landingRoom(rooms, 'd')?.id).toBe('d');
  });

  it('falls back to #general when the last room is gone or unknown', () => {
    expect(landingRoom(rooms, 'left-long-ago')?.id).toBe('g');
    expect(landingRoom(rooms, null)?.id).toBe('g');
  });

  it('has nowhere to go without rooms', () => {
    expect(landingRoom([], null)).toBeUndefined();
  });
});
