/** No input for this long and the tab counts as away, even if it is in front. */
export const IDLE_AFTER_MS = 5 * 60_000;
const IDLE_CHECK_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/** What the reporter watches: the page's visibility and the reader's input. */
export interface PageSignals {
  isHidden(): boolean;
  /** Calls back on visibility changes; returns the unsubscribe. */
  onVisibilityChange(listener: () => void): () => void;
  onActivity(listener: () => void): () => void;
}

export const browserPage: PageSignals = {
  isHidden: () => document.visibilityState === 'hidden',
  onVisibilityChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  onActivity: (listener) => {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, listener, { passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, listener);
    };
  },
};

/**
 * Tells the server when this tab is away (in the background, or idle for a while) and when it is
 * back, for the stream it holds now. The server folds every tab and device of the user into one
 * status, so each tab speaks only for itself. A new stream starts as in use; the reporter corrects
 * that at once if the tab is hidden or idle.
 */
export class AwayReporter {
  private connectionId: string | null = null;
  /** What the server was last told for this stream (null: nothing yet, or the report failed). */
  private told: boolean | null = null;
  private lastActivity: number;
  private idle = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly report: (connectionId: string, away: boolean) => Promise<unknown>,
    private readonly page: PageSignals = browserPage,
    private readonly now: () => number = Date.now,
  ) {
    this.lastActivity = now();
  }

  start(): void {
    this.cleanups.push(this.page.onVisibilityChange(() => this.sync()));
    this.cleanups.push(
      this.page.onActivity(() => {
        this.lastActivity = this.now();
        if (this.idle) {
          this.idle = false;
          this.sync();
        }
      }),
    );
    const timer = setInterval(() => {
      if (!this.idle && this.now() - this.lastActivity >= IDLE_AFTER_MS) {
        this.idle = true;
        this.sync();
      }
    }, IDLE_CHECK_MS);
    this.cleanups.push(() => clearInterval(timer));
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** A stream opened (its `hello`); the server counts it as in use until told otherwise. */
  connected(connectionId: string): void {
    this.connectionId = connectionId;
    this.told = false;
    this.sync();
  }

  private sync(): void {
    const connectionId = this.connectionId;
    const away = this.page.isHidden() || this.idle;
    if (connectionId === null || away === this.told) return;
    this.told = away;
    this.report(connectionId, away).catch(() => {
      // Lost with the connection, most likely; the next stream starts over from `connected`.
      if (this.connectionId === connectionId) this.told = null;
    });
  }
}
