import type { Person } from '@parley/protocol';
import type { EventBus } from '../bus/bus.js';
import { controlFrame } from '../stream/frames.js';

/** How long a typing indicator lasts unless the typer's client repeats it. */
export const TYPING_EXPIRES_MS = 6000;
/** Signals one person may send in one room at once (clients send one every 3 s while typing). */
export const TYPING_BURST = 2;
/** One more signal is allowed per this many milliseconds, up to the burst. */
export const TYPING_REFILL_MS = 1500;
/** Past this many buckets, full ones (people who stopped typing) are forgotten. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * "Alice is typing…": an ephemeral signal to the room's other members' streams, never stored. The
 * caller has already checked membership (the route's `member` rule); the room's channel on the hub
 * reaches only members, so nobody else learns of it.
 *
 * Each person has a token bucket per room, so a client that repeats faster than it should is held to
 * about one signal per 1.5 s, while the normal pattern (a signal, a message, the next message's first
 * signal moments later) always gets through. A token bucket needs no notice of sent messages, which
 * matters when the message and the signal reach different instances.
 */
export class TypingService {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  typing(user: Person, roomId: string): void {
    if (!this.take(`${roomId}:${user.id}`)) return;
    const frame = controlFrame({
      type: 'typing',
      roomId,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        avatarColor: user.avatarColor,
      },
      expiresInMs: TYPING_EXPIRES_MS,
    });
    this.bus.signal({ kind: 'stream', channel: roomId, frame, exceptUserId: user.id });
  }

  /** Takes a token from the key's bucket, refilled for the time since it was last used. */
  private take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? refilled(bucket, now) : TYPING_BURST;
    if (tokens < 1) return false;
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > MAX_BUCKETS) this.forgetFull(now);
    return true;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (refilled(bucket, now) >= TYPING_BURST) this.buckets.delete(key);
    }
  }
}

function refilled(bucket: Bucket, now: number): number {
  return Math.min(TYPING_BURST, bucket.tokens + (now - bucket.at) / TYPING_REFILL_MS);
}
