import type { BusListener, Disconnect, EventBus, PublishedEvent, Signal } from './bus.js';

/** The bus of a single process: delivers synchronously to the local hub. */
export class LocalBus implements EventBus {
  private readonly listeners = new Set<BusListener>();
  readonly lossless = true;

  publish(event: PublishedEvent): void {
    for (const listener of this.listeners) listener.event(event);
  }

  disconnect(target: Disconnect): void {
    for (const listener of this.listeners) listener.disconnect(target);
  }

  signal(signal: Signal): void {
    for (const listener of this.listeners) listener.signal(signal);
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  healthy(): boolean {
    return true;
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
