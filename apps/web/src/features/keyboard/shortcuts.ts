/** What a key press asks the workspace to do, decided without the DOM so it can be tested. */
export type Shortcut = 'quickSwitcher' | 'search' | 'showShortcuts' | 'previousRoom' | 'nextRoom';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Focus is in a text field, where printable keys are typing. */
  inField: boolean;
  /** A modal dialog is open; it owns the keyboard until it closes. */
  inDialog: boolean;
}

export function shortcutOf(press: KeyPress): Shortcut | null {
  if (press.inDialog) return null;
  const { key, ctrlKey, metaKey, altKey, shiftKey } = press;
  if ((ctrlKey || metaKey) && !altKey && !shiftKey && key.toLowerCase() === 'k') return 'quickSwitcher';
  // Ctrl+Shift+F on every platform: Cmd+Shift+F is taken by browsers on macOS.
  if (ctrlKey && shiftKey && !altKey && !metaKey && key.toLowerCase() === 'f') return 'search';
  if (key === '/' && !ctrlKey && !metaKey && !altKey && !press.inField) return 'search';
  if (altKey && !ctrlKey && !metaKey && !shiftKey) {
    if (key === 'ArrowUp') return 'previousRoom';
    if (key === 'ArrowDown') return 'nextRoom';
  }
  if (key === '?' && !ctrlKey && !metaKey && !altKey && !press.inField) return 'showShortcuts';
  return null;
}

/**
 * The room before or after the open one in sidebar order, wrapping at the ends. With no room open
 * (settings, admin), "next" is the first room and "previous" the last.
 */
export function adjacentRoom(
  roomIds: readonly string[],
  activeId: string | null,
  step: 1 | -1,
): string | undefined {
  if (roomIds.length === 0) return undefined;
  const index = activeId === null ? -1 : roomIds.indexOf(activeId);
  if (index === -1) return step === 1 ? roomIds[0] : roomIds.at(-1);
  return roomIds[(index + step + roomIds.length) % roomIds.length];
}

/**
 * Rooms whose label matches what was typed, ignoring case and a leading `#`: those whose label (or
 * a word in it) starts with it first, then those that merely contain it, each in sidebar order.
 */
export function matchRooms<T extends { label: string }>(rooms: readonly T[], query: string): T[] {
  const needle = query.trim().replace(/^#/u, '').toLocaleLowerCase();
  if (needle === '') return [...rooms];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const room of rooms) {
    const label = room.label.replace(/^#/u, '').toLocaleLowerCase();
    if (label.startsWith(needle) || label.split(/[\s,_.-]+/u).some((word) => word.startsWith(needle))) {
      starts.push(room);
    } else if (label.includes(needle)) {
      contains.push(room);
    }
  }
  return [...starts, ...contains];
}

/** Every shortcut, for the help dialog; keys are shown as written, descriptions are catalog keys. */
export const SHORTCUT_LIST = [
  { keys: ['Ctrl', 'K'], macKeys: ['⌘', 'K'], description: 'quickSwitcher' },
  { keys: ['Ctrl', 'Shift', 'F'], macKeys: ['⌃', '⇧', 'F'], description: 'search' },
  { keys: ['/'], macKeys: ['/'], description: 'searchOutsideField' },
  { keys: ['Alt', '↑'], macKeys: ['⌥', '↑'], description: 'previousRoom' },
  { keys: ['Alt', '↓'], macKeys: ['⌥', '↓'], description: 'nextRoom' },
  { keys: ['?'], macKeys: ['?'], description: 'showShortcuts' },
  { keys: ['Enter'], macKeys: ['Enter'], description: 'send' },
  { keys: ['Shift', 'Enter'], macKeys: ['Shift', 'Enter'], description: 'newLine' },
  { keys: ['↑'], macKeys: ['↑'], description: 'editLast' },
  { keys: ['Esc'], macKeys: ['Esc'], description: 'close' },
] as const;

export type ShortcutDescription = (typeof SHORTCUT_LIST)[number]['description'];
