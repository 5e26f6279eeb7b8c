import type { RefObject } from 'react';
import type { Room } from '@parley/protocol';
import { useMarkRead } from './useMarkRead';

/** Marks the open room read as its newest messages come on screen; renders nothing. */
export function MarkRead({
  room,
  conversation,
}: {
  room: Room;
  conversation: RefObject<HTMLElement | null>;
}) {
  useMarkRead(room, conversation);
  return null;
}
