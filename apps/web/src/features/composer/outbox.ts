import type { UnconfirmedMessage } from '../../api/messageCache';

export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const NO_MESSAGES: readonly UnconfirmedMessage[] = [];

/**
 * Messages this user has sent from this browser that the server has not confirmed. Each one is
 * also kept in localStorage under its own key (so tabs never overwrite each other's) until it is
 * confirmed or discarded: what someone wrote survives a reload or a crash.
 */
export class Outbox {
  private items = new Map<string, UnconfirmedMessage>();
  private roomSnapshots = new Map<string, readonly UnconfirmedMessage[]>();
  private listeners = new Set<() => void>();
  private readonly prefix: string;

  constructor(
    private readonly storage: OutboxStorage | null,
    userId: string,
  ) {
    this.prefix = `parley.outbox.${userId}.`;
    for (const item of this.readStored()) this.items.set(item.id, item);
  }

  get(id: string): UnconfirmedMessage | undefined {
    return this.items.get(id);
  }

  all(): UnconfirmedMessage[] {
    return [...this.items.values()];
  }

  /** A room's messages in the order they were written; the same array until one of them changes. */
  inRoom(roomId: string): readonly UnconfirmedMessage[] {
    let snapshot = this.roomSnapshots.get(roomId);
    if (!snapshot) {
      const inRoom = this.all().filter((item) => item.roomId === roomId);
      snapshot = inRoom.length === 0 ? NO_MESSAGES : inRoom;
      this.roomSnapshots.set(roomId, snapshot);
    }
    return snapshot;
  }

  put(item: UnconfirmedMessage): void {
    this.items.set(item.id, item);
    this.write(item.id, JSON.stringify(item));
    this.changed(item.roomId);
  }

  remove(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    this.write(id, null);
    this.changed(item.roomId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(roomId: string): void {
    this.roomSnapshots.delete(roomId);
    for (const listener of this.listeners) listener();
  }

  private write(id: string, value: string | null): void {
    try {
      if (value === null) this.storage?.removeItem(this.prefix + id);
      else this.storage?.setItem(this.prefix + id, value);
    } catch {
      // Storage full or blocked: the message still goes out, it just would not survive a reload.
    }
  }

  private readStored(): UnconfirmedMessage[] {
    const stored: UnconfirmedMessage[] = [];
    if (!this.storage) return stored;
    for (let index = 0; index < this.storage.length; index++) {
      const key = this.storage.key(index);
      if (!key?.startsWith(this.prefix)) continue;
      try {
        stored.push(JSON.parse(this.storage.getItem(key) ?? '') as UnconfirmedMessage);
      } catch {
        // A damaged entry cannot be shown or sent; leave it rather than lose the rest.
      }
    }
    return stored.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
