import type { StoredEvent } from '../store/event-log.js';

/** A committed event on its way to the stream hubs, with what it changes about who sees which room. */
export interface PublishedEvent extends StoredEvent {
  /** Joining or leaving a room starts or stops that room's events on the user's open streams. */
  membership?: { userId: string; roomId: string; change: 'added' | 'removed' };
}

/** Streams to close now: all of a user's (deactivated), one session's, or all but one session's. */
export interface Disconnect {
  userId: string;
  sessionId?: string;
  exceptSessionId?: string;
}

/**
 * Ephemeral signals: never persisted, never replayed, lost if an instance is down (that's fine for
 * what they carry). Every instance receives each one, the publishing instance included. They must
 * stay plain JSON: across instances they travel serialized.
 */
export type Signal =
  /** Frames for the open streams of a room's members (typing). */
  | { kind: 'stream'; channel: string; frame: string; exceptUserId?: string }
  /** An instance's users who are online or away; `full` replaces what was known of that instance. */
  | { kind: 'presence.report'; instanceId: string; full: boolean; statuses: Record<string, PresenceReport> }
  /** A tab went to the background or came back; the instance holding that stream applies it. */
  | { kind: 'presence.away'; userId: string; connectionId: string; away: boolean }
  /** A tab's stream shows these people's presence now; the instance holding that stream applies it. */
  | { kind: 'presence.watch'; userId: string; connectionId: string; userIds: string[] }
  /** A new instance asks the others for full reports. */
  | { kind: 'presence.sync'; instanceId: string }
  /** A person's name, colour or role changed: instances drop what they cached of them. */
  | { kind: 'user.changed'; userId: string };

/** One user's presence as one instance sees it; 'offline' means it has no stream of theirs now. */
export type PresenceReport = 'online' | 'away' | 'offline';

export interface BusListener {
  event(event: PublishedEvent): void;
  disconnect(target: Disconnect): void;
  signal(signal: Signal): void;
}

/**
 * Carries committed events and disconnects to every instance's stream hub. In one process it is a
 * function call; across instances it will be Redis. Publishing happens after the transaction commits.
 */
export interface EventBus {
  publish(event: PublishedEvent): void;
  disconnect(target: Disconnect): void;
  signal(signal: Signal): void;
  subscribe(listener: BusListener): () => void;
  /** Whether events published now would reach the other instances. */
  healthy(): boolean;
  /**
   * True when no listener can ever miss a message: one process, delivered by a function call. Across
   * instances a message can be lost (a dropped connection), so what is cached must expire.
   */
  readonly lossless: boolean;
  close(): Promise<void>;
}
