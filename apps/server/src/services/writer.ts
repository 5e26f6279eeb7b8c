import type { EventBus, PublishedEvent } from '../bus/bus.js';
import type { Store, Tables } from '../store/store.js';

/**
 * Every change that makes events goes through here: one transaction writes the change and its events,
 * then the events are published. Writes are queued one after another so that events are published in
 * the order they committed: a removal reaches the hub before any message that came after it.
 */
export class Writer {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    /** Told of each write's events right after it commits, before the bus carries them anywhere. */
    private readonly onCommitted: (events: readonly PublishedEvent[]) => void = () => undefined,
  ) {}

  write<T>(work: (tables: Tables) => Promise<{ value: T; events: PublishedEvent[] }>): Promise<T> {
    const run = this.tail.then(async () => {
      const { value, events } = await this.store.transaction(work);
      if (events.length > 0) this.onCommitted(events);
      for (const event of events) this.bus.publish(event);
      return value;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
