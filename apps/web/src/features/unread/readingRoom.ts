import { useSyncExternalStore } from 'react';

/**
 * The room whose newest messages the reader has on screen right now, in a visible tab (null when
 * none). Its counts are not shown: they would flash up for the moment until the read position,
 * sent a little later, clears them.
 */
let readingRoomId: string | null = null;
const listeners = new Set<() => void>();

export function setReadingRoom(roomId: string | null): void {
  if (roomId === readingRoomId) return;
  readingRoomId = roomId;
  for (const listener of listeners) listener();
}

/** Forgets the room, unless another one has been set meanwhile. */
export function clearReadingRoom(roomId: string): void {
  if (readingRoomId === roomId) setReadingRoom(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReadingRoom(): string | null {
  return useSyncExternalStore(subscribe, () => readingRoomId);
}
