import { describe, expect, it } from 'vitest';
import { adjacentRoom, matchRooms, shortcutOf, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inField: false,
  inDialog: false,
  ...extra,
});

describe('shortcutOf', () => {
  it('opens the quick switcher with Ctrl+K or Cmd+K, even while typing', () => {
    expect(shortcutOf(press('k', { ctrlKey: true }))).toBe('quickSwitcher');
    expect(shortcutOf(press('K', { metaKey: true, inField: true }))).toBe('quickSwitcher');
    expect(shortcutOf(press('k'))).toBeNull();
  });

  it('opens search with Ctrl+Shift+F anywhere, and with / when not typing', () => {
    expect(shortcutOf(press('F', { ctrlKey: true, shiftKey: true, inField: true }))).toBe('search');
    expect(shortcutOf(press('f', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(press('F', { metaKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutOf(press('/'))).toBe('search');
    expect(shortcutOf(press('/', { inField: true }))).toBeNull();
    expect(shortcutOf(press('/', { inDialog: true }))).toBeNull();
  });

  it('moves between rooms with Alt+Up and Alt+Down', () => {
    expect(shortcutOf(press('ArrowUp', { altKey: true, inField: true }))).toBe('previousRoom');
    expect(shortcutOf(press('ArrowDown', { altKey: true }))).toBe('nextRoom');
    expect(shortcutOf(press('ArrowDown'))).toBeNull();
    expect(shortcutOf(press('ArrowDown', { altKey: true, shiftKey: true }))).toBeNull();
  });

  it('shows the shortcuts on ? only when not typing in a field', () => {
    expect(shortcutOf(press('?', { shiftKey: true }))).toBe('showShortcuts');
    expect(shortcutOf(press('?', { shiftKey: true, inField: true }))).toBeNull();
  });

  it('leaves the keyboard to an open dialog', () => {
    expect(shortcutOf(press('k', { ctrlKey: true, inDialog: true }))).toBeNull();
    expect(shortcutOf(press('ArrowUp', { altKey: true, inDialog: true }))).toBeNull();
  });
});

describe('adjacentRoom', () => {
  const ids = ['general', 'plans', 'dm-bo'];

  it('goes to the next and previous room in sidebar order, wrapping at the ends', () => {
    expect(adjacentRoom(ids, 'general', 1)).toBe('plans');
    expect(adjacentRoom(ids, 'plans', -1)).toBe('general');
    expect(adjacentRoom(ids, 'dm-bo', 1)).toBe('general');
    expect(adjacentRoom(ids, 'general', -1)).toBe('dm-bo');
  });

  it('starts from an end when no room is open, and has nowhere to go without rooms', () => {
    expect(adjacentRoom(ids, null, 1)).toBe('general');
    expect(adjacentRoom(ids, 'settings', -1)).toBe('dm-bo');
    expect(adjacentRoom([], 'general', 1)).toBeUndefined();
  });
});

describe('matchRooms', () => {
  const rooms = [
    { id: '1', label: '#general' },
    { id: '2', label: '#random-ideas' },
    { id: '3', label: '#ideas' },
    { id: '4', label: 'Alice, Bob' },
  ];
  const ids = (query: string) => matchRooms(rooms, query).map((room) => room.id);

  it('keeps every room, in order, for an empty query', () => {
    expect(ids('  ')).toEqual(['1', '2', '3', '4']);
  });

  it('ignores case and a leading #, putting word starts before mere substrings', () => {
    expect(ids('#GEN')).toEqual(['1']);
    expect(ids('idea')).toEqual(['2', '3']);
    expect(ids('deas')).toEqual(['2', '3']);
    expect(ids('bob')).toEqual(['4']);
    expect(ids('an')).toEqual(['2']);
  });
});
