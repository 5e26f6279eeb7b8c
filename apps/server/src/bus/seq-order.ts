import type { StoredEvent } from '../store/event-log.js';
import type { PublishedEvent } from './bus.js';

/** The part of the event log that order needs: the head, and every channel's events in a seq range. */
export interface EventLogReader {
  head(): Promise<number>;
  between(after: number, through: number, limit: number): Promise<StoredEvent[]>;
}

export interface SeqOrderOptions {
  /** How long an event waits for the ones before it to arrive on the bus before they are read from the log. */
  gapWaitMs: number;
  onError: (error: unknown) => void;
  /** How many events a read of the log handed on that the bus had not brought. */
  onReadFromLog?: (count: number) => void;
}

const FILL_PAGE_SIZE = 1000;

/**
 * Hands committed events on in seq order, each once, however they arrive. With several instances
 * publishing, one instance can hear seq 101 before 100 (another instance's publish was slower), or
 * never hear 100 (Redis was down when it was published). A stream must still send 100 before 101:
 * the browser resumes from the last id it saw, so sending 101 first would lose 100 if the stream
 * broke between them.
 *
 * So an event past the next expected seq is held back. If the missing ones do not arrive within
 * `gapWaitMs`, they are read from the log: events become visible in seq order (the store's
 * guarantee), so once 101 has committed, a read through 101 returns every event up to it that
 * will ever exist. Events at or below what was handed on are duplicates and dropped.
 */
export class SeqOrder {
  private handedOnThrough: number;
  private readonly heldBack = new Map<number, PublishedEvent>();
  private highestHeld = 0;
  private gapTimer: NodeJS.Timeout | undefined;
  private filling = false;
  private closed = false;

  constructor(
    private readonly log: EventLogReader,
    private readonly handOn: (event: PublishedEvent) => void,
    /** The log's head when this instance started: its streams replay anything older from the log. */
    startAfter: number,
    private readonly options: SeqOrderOptions,
  ) {
    this.handedOnThrough = startAfter;
  }

  /** The newest seq handed on: everything up to it has been, in order. */
  get position(): number {
    return this.handedOnThrough;
  }

  accept(event: PublishedEvent): void {
    if (this.closed || event.seq <= this.handedOnThrough || this.heldBack.has(event.seq)) return;
    if (!this.filling && event.seq === this.handedOnThrough + 1) {
      this.handOnOne(event);
      this.handOnHeldBack();
      return;
    }
    this.heldBack.set(event.seq, event);
    this.highestHeld = Math.max(this.highestHeld, event.seq);
    this.gapTimer ??= setTimeout(() => void this.fillHeldBackGap(), this.options.gapWaitMs);
  }

  /**
   * Reads from the log everything after what was handed on, through `through` (a seq known to be
   * committed), and hands it on. Used for held-back gaps, after the bus reconnects, and by the
   * safety poll.
   */
  async catchUp(through: number): Promise<void> {
    if (this.closed || this.filling || through <= this.handedOnThrough) return;
    this.filling = true;
    try {
      for (;;) {
        const page = await this.log.between(this.handedOnThrough, through, FILL_PAGE_SIZE);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may run during the read
        if (this.closed) return;
        let fromLog = 0;
        for (const stored of page) {
          if (stored.seq <= this.handedOnThrough) continue;
          const arrived = this.heldBack.get(stored.seq);
          if (!arrived) fromLog++;
          this.handOnOne(arrived ?? withMembership(stored));
        }
        if (fromLog > 0) this.options.onReadFromLog?.(fromLog);
        if (page.length < FILL_PAGE_SIZE) break;
      }
      // Everything through `through` is visible now, so seqs the log lacks below it never existed.
      this.handedOnThrough = Math.max(this.handedOnThrough, through);
    } finally {
      this.filling = false;
    }
    for (const seq of this.heldBack.keys()) if (seq <= this.handedOnThrough) this.heldBack.delete(seq);
    this.handOnHeldBack();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    this.heldBack.clear();
  }

  private handOnOne(event: PublishedEvent): void {
    this.handedOnThrough = event.seq;
    this.heldBack.delete(event.seq);
    this.handOn(event);
  }

  private handOnHeldBack(): void {
    for (let next = this.heldBack.get(this.handedOnThrough + 1); next;) {
      this.handOnOne(next);
      next = this.heldBack.get(this.handedOnThrough + 1);
    }
    if (this.heldBack.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
  }

  private async fillHeldBackGap(): Promise<void> {
    this.gapTimer = undefined;
    if (this.heldBack.size === 0) return;
    try {
      await this.catchUp(this.highestHeld);
    } catch (error) {
      this.options.onError(error);
    }
    // Still waiting (the log could not be read, or more arrived during the read): try again later.
    if (this.heldBack.size > 0 && !this.closed) {
      this.gapTimer ??= setTimeout(() => void this.fillHeldBackGap(), this.options.gapWaitMs);
    }
  }
}

/**
 * An event read back from the log carries no `membership` note; `room.added` and `room.removed` on
 * a person's own channel are what such notes describe, so it is rebuilt from them.
 */
export function withMembership(event: StoredEvent): PublishedEvent {
  if (!event.channel.startsWith('user:') || !event.data.includes('"type":"room.')) return event;
  const parsed = JSON.parse(event.data) as { type: string; roomId: string };
  const userId = event.channel.slice('user:'.length);
  if (parsed.type === 'room.added')
    return { ...event, membership: { userId, roomId: parsed.roomId, change: 'added' } };
  if (parsed.type === 'room.removed')
    return { ...event, membership: { userId, roomId: parsed.roomId, change: 'removed' } };
  return event;
}
