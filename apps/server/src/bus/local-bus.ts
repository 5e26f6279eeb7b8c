import type { EventBus, EventListener } from './bus.js';
import type { StoredEvent } from '../store/store.js';

/** The bus of a single process: delivers synchronously to the local hub. */
export class LocalBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: StoredEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
