import type { MemberRole, User } from '@parley/protocol';
import type { BusListener, Disconnect, PublishedEvent, Signal } from '../bus/bus.js';

/** A signed-in session as a request needs it, with what decides whether a cached copy still holds. */
export interface CachedSession {
  user: User;
  sessionId: string;
  lastSeenAt: number;
  expiresAt: number;
}

export interface AccessCacheOptions {
  /** False while this instance may be missing the bus's invalidations (Redis down): nothing is cached. */
  usable: () => boolean;
  /**
   * How long an entry is trusted at most, should an invalidation be lost (default 30 s). Infinity when
   * none can be (one process): at 30 s a person who posts every few seconds had one request in six
   * read the store again, for nothing.
   */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** Short, because an invalidation lost in a Redis outage is the only thing it bounds. */
const DEFAULT_TTL_MS = 30_000;
const DEFAULT_MAX_ENTRIES = 50_000;

/**
 * Who is signed in with which token, and who is in which room, as this instance last read them from
 * the store. Every request needs its session, and every request to a room its membership; reading
 * both from the store cost two queries per request (two network round trips on PostgreSQL).
 *
 * Entries are dropped the moment the bus says they changed, on every instance: a disconnect (sign
 * out, password change, deactivation) drops the sessions it ends, a `user.updated` event or a
 * `user.changed` signal drops a person's sessions (their name or colour changed; the signal covers
 * someone in no room, whose change makes no event), and a membership change drops that membership.
 * The writer drops memberships locally as soon as they commit, before the bus has carried them
 * anywhere.
 * Only what the store said was allowed is kept: a refusal is always read again.
 *
 * While the bus is unhealthy an invalidation could be missed, so the cache is neither read nor filled,
 * and it is emptied when the bus comes back. A read that raced with an invalidation (it began before
 * the change committed and ended after) is not stored. Entries also expire after `ttlMs`.
 */
export class AccessCache implements BusListener {
  private readonly sessions: Entries<CachedSession>;
  private readonly roles: Entries<MemberRole>;
  private readonly now: () => number;

  constructor(options: AccessCacheOptions) {
    this.now = options.now ?? (() => Date.now());
    const entries = { ...options, now: this.now };
    this.sessions = new Entries(entries);
    this.roles = new Entries(entries);
  }

  /** The session of this token hash, from memory or from `load`. */
  session(
    tokenHash: string,
    load: () => Promise<CachedSession | undefined>,
  ): Promise<CachedSession | undefined> {
    return this.sessions.get(tokenHash, load, (session) => session.expiresAt > this.now());
  }

  /** The user's role in the room, from memory or from `load`. */
  role(userId: string, roomId: string, load: () => Promise<MemberRole | undefined>) {
    return this.roles.get(membershipKey(userId, roomId), load, () => true);
  }

  /** Everything cached may be stale (the bus missed messages): start again from the store. */
  clear(): void {
    this.sessions.clear();
    this.roles.clear();
  }

  /** Called by the writer right after a commit, on the instance that made it. */
  committed(events: readonly PublishedEvent[]): void {
    for (const event of events) this.event(event);
  }

  event(event: PublishedEvent): void {
    const { membership } = event;
    if (membership) this.roles.delete(membershipKey(membership.userId, membership.roomId));
    // Events are serialized type first; only this rare one is parsed.
    if (event.data.startsWith(USER_UPDATED)) {
      const { user } = JSON.parse(event.data) as { user: { id: string } };
      this.dropUser(user.id);
    }
  }

  disconnect(target: Disconnect): void {
    this.sessions.deleteWhere(
      (session) =>
        session.user.id === target.userId &&
        (target.sessionId === undefined || session.sessionId === target.sessionId) &&
        session.sessionId !== target.exceptSessionId,
    );
  }

  signal(signal: Signal): void {
    if (signal.kind === 'user.changed') this.dropUser(signal.userId);
  }

  stats(): { sessions: number; roles: number } {
    return { sessions: this.sessions.size, roles: this.roles.size };
  }

  private dropUser(userId: string): void {
    this.sessions.deleteWhere((session) => session.user.id === userId);
  }
}

const USER_UPDATED = '{"type":"user.updated",';

function membershipKey(userId: string, roomId: string): string {
  return `${userId} ${roomId}`;
}

/** A bounded map with read-through, expiry, and a guard against storing what raced an invalidation. */
class Entries<V> {
  private readonly map = new Map<string, { value: V; storedAt: number }>();
  /** Bumped by every invalidation: a read that started before one must not store its result. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: AccessCacheOptions & { now: () => number }) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  get size(): number {
    return this.map.size;
  }

  async get(key: string, load: () => Promise<V | undefined>, valid: (value: V) => boolean) {
    if (!this.options.usable()) {
      this.clear();
      return load();
    }
    const now = this.options.now();
    const entry = this.map.get(key);
    if (entry && now - entry.storedAt < this.ttlMs && valid(entry.value)) return entry.value;
    if (entry) this.map.delete(key);
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation && this.options.usable()) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.map.size >= this.maxEntries) this.map.delete(this.map.keys().next().value as string);
      this.map.set(key, { value, storedAt: now });
    }
    return value;
  }

  delete(key: string): void {
    this.generation++;
    this.map.delete(key);
  }

  deleteWhere(test: (value: V) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.map) if (test(entry.value)) this.map.delete(key);
  }

  clear(): void {
    this.generation++;
    this.map.clear();
  }
}
