import type { ServerEvent } from '@parley/protocol';
import { backoffDelay, jitteredDelay } from '../api/backoff';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of EventSource this uses, so tests can drive it with a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface Network {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface LiveConnectionOptions {
  /** The stream URL, resuming after `since` when it is not null. */
  url: (since: number | null) => string;
  openEventSource: (url: string) => EventSourceLike;
  onEvent: (event: ServerEvent) => void;
  onStatus: (status: LiveStatus) => void;
  /** Whether the session still exists; rejects when that cannot be told (server unreachable). */
  checkSession: () => Promise<boolean>;
  onSessionEnded: () => void;
  network: Network;
  random?: () => number;
}

// EventSource.CLOSED, spelled out so this module also runs (in tests) where EventSource does not exist.
const CLOSED = 2;

/**
 * The page's one stream: opens it, tracks the highest seq seen, and reopens it when the browser will
 * not. The browser retries on its own after a dropped connection (sending Last-Event-ID); it gives up
 * for good on a non-200 answer (a 401 after the session ended, a 502 from a proxy while the server
 * is down) and on a server-initiated close, and then this class reopens with `?since=`.
 */
export class LiveConnection {
  private source: EventSourceLike | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribeNetwork: (() => void) | null = null;
  private failedAttempts = 0;
  private since: number | null = null;
  private status: LiveStatus | null = null;
  private wasLive = false;
  private stopped = false;

  constructor(private readonly options: LiveConnectionOptions) {}

  start(): void {
    this.unsubscribeNetwork = this.options.network.subscribe((online) => {
      if (!online) this.setStatus('offline');
      // Back online: the browser may be waiting out a long retry delay; resume now instead.
      else if (this.status !== 'live') this.reopenNow();
    });
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearReopenTimer();
    this.unsubscribeNetwork?.();
    this.source?.close();
    this.source = null;
  }

  /** The highest seq this page has seen: where a new connection resumes. */
  get resumeFrom(): number | null {
    return this.since;
  }

  private open(): void {
    this.clearReopenTimer();
    this.source?.close();
    this.setStatus(this.wasLive ? 'reconnecting' : 'connecting');
    const source = this.options.openEventSource(this.options.url(this.since));
    source.onmessage = (message) => {
      if (source === this.source) this.receive(message.data);
    };
    source.onerror = () => {
      if (source === this.source) this.failed(source);
    };
    this.source = source;
  }

  private receive(data: string): void {
    let event: ServerEvent;
    try {
      event = JSON.parse(data) as ServerEvent;
    } catch {
      return; // Not ours (a misbehaving proxy); the next event or a reconnect sets things right.
    }
    switch (event.type) {
      case 'hello':
        this.failedAttempts = 0;
        this.wasLive = true;
        // Without a replay the page refetches history, which is current up to here.
        if (!event.resumed) this.advance(event.seq);
        this.setStatus('live');
        break;
      case 'resync':
        // The new head, even if lower: after `unknown_position` our old seq means nothing.
        this.since = event.seq;
        break;
      case 'reconnect':
        // The server is going away; spread the crowd's reconnects over a short window.
        this.closeAndReopenAfter(jitteredDelay(250, 1500, this.options.random));
        break;
      case 'typing':
      case 'presence':
        break; // Ephemeral: no seq, so they never move the resume position.
      default:
        // Every logged event, of any room or personal, moves the resume position.
        this.advance(event.seq);
    }
    this.options.onEvent(event);
  }

  private failed(source: EventSourceLike): void {
    if (source.readyState !== CLOSED) {
      // The browser is retrying by itself.
      this.setStatus('reconnecting');
      return;
    }
    source.close();
    this.source = null;
    this.setStatus('reconnecting');
    void this.recover();
  }

  private async recover(): Promise<void> {
    // Unknown (server unreachable) counts as signed in: keep trying until it answers.
    const signedIn = await this.options.checkSession().catch(() => true);
    // Stopped meanwhile, or already reopened because the network came back.
    if (this.stopped || this.source !== null) return;
    if (!signedIn) {
      this.stop();
      this.options.onSessionEnded();
      return;
    }
    this.closeAndReopenAfter(backoffDelay(this.failedAttempts++, this.options.random));
  }

  private closeAndReopenAfter(delayMs: number): void {
    this.source?.close();
    this.source = null;
    this.setStatus('reconnecting');
    this.clearReopenTimer();
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, delayMs);
  }

  private reopenNow(): void {
    this.failedAttempts = 0;
    this.open();
  }

  private advance(seq: number): void {
    if (this.since === null || seq > this.since) this.since = seq;
  }

  private clearReopenTimer(): void {
    if (this.reopenTimer !== null) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
  }

  private setStatus(status: LiveStatus): void {
    // Offline wins over anything but live: a stream that still delivers proves we are online.
    const next = status !== 'live' && !this.options.network.isOnline() ? 'offline' : status;
    if (next === this.status || this.stopped) return;
    this.status = next;
    this.options.onStatus(next);
  }
}
