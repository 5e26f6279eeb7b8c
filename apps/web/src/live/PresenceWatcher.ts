import { LIMITS } from '@parley/protocol';
import { watchPresence } from '../api/presence';

/** After a failed request, the next try. */
const RETRY_MS = 3_000;

/**
 * Says whose presence this tab shows (`PUT /api/presence/watch`), for the stream it holds now. Each
 * presence dot on screen registers its person; the set goes to the server a moment after it changes
 * (one request for a whole member list, not one per row), and again in full for every new stream,
 * whose first frame then carries everyone's current status. The server sends presence only to the
 * streams that watch someone, so a tab never receives the whole workspace's comings and goings.
 */
export class PresenceWatcher {
  private readonly counts = new Map<string, number>();
  private connectionId: string | null = null;
  /** What the server was last told for this stream (null: nothing yet, or it failed). */
  private told: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (connectionId: string, userIds: string[]) => Promise<unknown>,
    private readonly delayMs = 50,
  ) {}

  /** A dot for `userId` is on screen; the returned function takes it off. */
  watch(userId: string): () => void {
    this.counts.set(userId, (this.counts.get(userId) ?? 0) + 1);
    this.schedule(this.delayMs);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const count = (this.counts.get(userId) ?? 1) - 1;
      if (count > 0) this.counts.set(userId, count);
      else this.counts.delete(userId);
      this.schedule(this.delayMs);
    };
  }

  /** A new stream (its `hello`): it watches nobody until told, so it is told everything at once. */
  connected(connectionId: string): void {
    this.connectionId = connectionId;
    this.told = null;
    this.cancel();
    this.flush();
  }

  stop(): void {
    this.connectionId = null;
    this.cancel();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null || this.connectionId === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    const connectionId = this.connectionId;
    if (connectionId === null) return;
    // Sorted, so that the same people in another order are no change; capped at what the server takes.
    const userIds = [...this.counts.keys()].sort().slice(0, LIMITS.presenceWatchMax);
    const key = `${connectionId} ${userIds.join(',')}`;
    if (key === this.told) return;
    this.told = key;
    this.send(connectionId, userIds).catch(() => {
      if (this.told !== key) return;
      this.told = null;
      this.schedule(RETRY_MS);
    });
  }
}

/** The app's one watcher: the presence dots register with it, the live stream tells it its id. */
export const presenceWatcher = new PresenceWatcher(watchPresence);
