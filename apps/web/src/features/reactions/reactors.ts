import type { Person, Reaction } from '@parley/protocol';

/** Names listed in "who reacted" before the rest are counted. */
export const NAMED_REACTORS_MAX = 10;

export interface Reactors {
  /** The reader is among them. */
  mine: boolean;
  /** The others, by display name, in the order they reacted, at most NAMED_REACTORS_MAX in all. */
  names: string[];
  /** How many more were left unnamed. */
  more: number;
}

/** Who reacted, the reader first (they are named as "you" by the caller). */
export function reactorsOf(reaction: Reaction, readerId: string | undefined): Reactors {
  const mine = reaction.users.some((user) => user.id === readerId);
  const others: Person[] = reaction.users.filter((user) => user.id !== readerId);
  const room = NAMED_REACTORS_MAX - (mine ? 1 : 0);
  return {
    mine,
    names: others.slice(0, room).map((user) => user.displayName),
    more: Math.max(0, others.length - room),
  };
}

/** The emoji the reader has reacted with on a message. */
export function readersEmoji(
  reactions: readonly Reaction[] | undefined,
  readerId: string | undefined,
): string[] {
  return (reactions ?? []).flatMap((reaction) =>
    reaction.users.some((user) => user.id === readerId) ? [reaction.emoji] : [],
  );
}
