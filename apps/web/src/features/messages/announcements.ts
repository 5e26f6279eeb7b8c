import type { TimelineItem } from '../../api/messageCache';

export interface Arrivals {
  /** Display names of the authors of messages newer than the last seen, in order, repeats kept. */
  authors: string[];
  /** The highest seq now seen. */
  highest: number | null;
}

/**
 * Messages from other people that are newer than anything seen before. Older pages loaded by
 * scrolling have lower seqs and the reader's own messages are theirs, so neither is announced.
 */
export function arrivalsSince(
  items: readonly TimelineItem[],
  highestSeen: number | null,
  readerId: string,
): Arrivals {
  let highest = highestSeen;
  const authors: string[] = [];
  for (const item of items) {
    if (item.kind !== 'confirmed') continue;
    const { seq, author } = item.message;
    if (highestSeen !== null && seq > highestSeen && author.id !== readerId) authors.push(author.displayName);
    if (highest === null || seq > highest) highest = seq;
  }
  return { authors, highest };
}

/** "Alice", "Alice and Bob", "Alice, Bob and Cy" in the reader's language, each name once. */
export function authorList(authors: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format([...new Set(authors)]);
}

export interface BatcherClock {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
}

/**
 * Gathers arrivals and hands them on as one batch: a short wait lets a burst gather, and batches
 * are at least `intervalMs` apart, so a screen reader says "3 new messages from Alice and Bob"
 * once instead of reading every message.
 */
export class ArrivalBatcher {
  private pending: string[] = [];
  private scheduled = false;
  private lastFlush = -Infinity;

  constructor(
    private readonly flush: (authors: string[]) => void,
    private readonly clock: BatcherClock,
    private readonly intervalMs = 2000,
    private readonly gatherMs = 500,
  ) {}

  add(authors: readonly string[]): void {
    if (authors.length === 0) return;
    this.pending.push(...authors);
    if (this.scheduled) return;
    this.scheduled = true;
    const now = this.clock.now();
    const at = Math.max(now + this.gatherMs, this.lastFlush + this.intervalMs);
    this.clock.setTimeout(() => this.release(), at - now);
  }

  /** Drops what is waiting (the room is closing); a timer still pending then finds nothing. */
  cancel(): void {
    this.pending = [];
  }

  private release(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const authors = this.pending;
    this.pending = [];
    this.lastFlush = this.clock.now();
    this.flush(authors);
  }
}
