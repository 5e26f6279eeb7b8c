import type { StoredEvent } from '../store/store.js';

export type EventListener = (event: StoredEvent) => void;

/**
 * Carries persisted events to every instance's stream hub. In one process it is a function call;
 * across instances it will be Redis. Publishing happens after the event's transaction commits.
 */
export interface EventBus {
  publish(event: StoredEvent): void;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}
