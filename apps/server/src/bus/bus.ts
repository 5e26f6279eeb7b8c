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

export interface BusListener {
  event(event: PublishedEvent): void;
  disconnect(target: Disconnect): void;
}

/**
 * Carries committed events and disconnects to every instance's stream hub. In one process it is a
 * function call; across instances it will be Redis. Publishing happens after the transaction commits.
 */
export interface EventBus {
  publish(event: PublishedEvent): void;
  disconnect(target: Disconnect): void;
  subscribe(listener: BusListener): () => void;
  /** Whether events published now would reach the other instances. */
  healthy(): boolean;
  close(): Promise<void>;
}
