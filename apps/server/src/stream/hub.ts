import type { ServerResponse } from 'node:http';
import type { PresenceEntry, PresenceStatus, ServerEvent } from '@parley/protocol';
import type { BusListener, Disconnect, PublishedEvent, Signal } from '../bus/bus.js';
import { controlFrame, persistedFrame } from './frames.js';
import { Subscriber, type LiveEvent } from './subscriber.js';

export interface HubObserver {
  /** A tick's events were written: how long since the first of them arrived, and how many deliveries. */
  flushed(latencySeconds: number, deliveries: number): void;
  cutOff(): void;
}

export interface HubOptions {
  heartbeatMs: number;
  slowConsumerBytes: number;
  observer?: HubObserver;
}

export interface OpenSession {
  userId: string;
  sessionId: string;
}

export interface HubStats {
  open: number;
  cutOff: number;
}

/**
 * The fan-out: which open streams see which channels (rooms, and each user's own), and writing
 * events to them.
 *
 * Hot path, measured: one `reply.sse()` per subscriber per event (fastify-sse-v2's own queue and
 * stream adapter) cost about 2.4x the CPU of plain `res.write()` at 10,000 subscribers, so the hub
 * writes frames itself, to the socket of the response that fastify-sse-v2 opened (subscriber.ts).
 * Each event is serialized once (in the store), events of one channel that arrive in the same tick
 * are joined into one chunk, and that one string is written to every subscriber of the channel. Who may see a room is kept here in
 * memory, in step with membership events, so delivery never asks the database.
 */
export class StreamHub implements BusListener {
  private readonly byChannel = new Map<string, Set<Subscriber>>();
  private readonly byUser = new Map<string, Set<Subscriber>>();
  /** Who shows whose presence: user id -> the streams watching them. */
  private readonly watchers = new Map<string, Set<Subscriber>>();
  private batches = new Map<string, LiveEvent[]>();
  private flushScheduled = false;
  private batchStartedAt = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private cutOffCount = 0;

  constructor(private readonly options: HubOptions) {
    this.heartbeat = setInterval(() => this.sendHeartbeat(), options.heartbeatMs / 2);
    this.heartbeat.unref();
  }

  /** Registers a stream; it queues live events of its channels until `goLive`. */
  attach(res: ServerResponse, userId: string, sessionId: string, channels: Iterable<string>): Subscriber {
    const subscriber = new Subscriber(
      res,
      userId,
      sessionId,
      { maxBufferedBytes: this.options.slowConsumerBytes },
      (cut) => {
        this.cutOffCount++;
        this.options.observer?.cutOff();
        this.detach(cut);
      },
    );
    addTo(this.byUser, userId, subscriber);
    for (const channel of channels) this.subscribe(subscriber, channel);
    return subscriber;
  }

  /** Adds channels to a stream that is already attached (its rooms, read after attaching). */
  subscribe(subscriber: Subscriber, channel: string): void {
    if (subscriber.state === 'closed') return;
    subscriber.channels.add(channel);
    addTo(this.byChannel, channel, subscriber);
  }

  detach(subscriber: Subscriber): void {
    subscriber.markClosed();
    const mine = this.byUser.get(subscriber.userId);
    if (!mine?.delete(subscriber)) return;
    if (mine.size === 0) this.byUser.delete(subscriber.userId);
    for (const channel of subscriber.channels) removeFrom(this.byChannel, channel, subscriber);
    for (const watched of subscriber.watching) removeFrom(this.watchers, watched, subscriber);
  }

  /**
   * Replaces the people whose presence one of `userId`'s streams shows, if that stream is here, and
   * sends it the status of those it did not watch before (`statusOf`: as this instance last showed it).
   */
  watch(
    userId: string,
    connectionId: string,
    userIds: readonly string[],
    statusOf: (userId: string) => PresenceStatus,
  ): void {
    const subscriber = [...(this.byUser.get(userId) ?? [])].find((s) => s.connectionId === connectionId);
    if (!subscriber || subscriber.state === 'closed') return;
    const wanted = new Set(userIds);
    for (const watched of subscriber.watching) {
      if (!wanted.has(watched)) removeFrom(this.watchers, watched, subscriber);
    }
    const added: PresenceEntry[] = [];
    for (const watched of wanted) {
      if (subscriber.watching.has(watched)) continue;
      addTo(this.watchers, watched, subscriber);
      added.push({ userId: watched, status: statusOf(watched) });
    }
    subscriber.watching = wanted;
    if (added.length > 0) subscriber.writePresence(controlFrame({ type: 'presence', changes: added }));
  }

  /**
   * Presence changes, each to the streams that watch that person: the bytes follow what the screens
   * show, not everyone times everyone (a workspace-wide frame to every stream is O(N²) when N people
   * reconnect at once).
   */
  presenceChanged(changes: readonly PresenceEntry[]): void {
    // Each change is serialized once, and each distinct list of changes framed once: the hundreds of
    // streams watching the same person share one frame instead of one JSON.stringify each.
    const bySubscriber = new Map<Subscriber, string[]>();
    for (const change of changes) {
      const watchers = this.watchers.get(change.userId);
      if (!watchers) continue;
      const json = JSON.stringify(change);
      for (const subscriber of watchers) {
        const list = bySubscriber.get(subscriber);
        if (list) list.push(json);
        else bySubscriber.set(subscriber, [json]);
      }
    }
    const frames = new Map<string, string>();
    for (const [subscriber, list] of bySubscriber) {
      const entries = list.join(',');
      let frame = frames.get(entries);
      if (frame === undefined) {
        // The frame controlFrame({ type: 'presence', changes }) would make, from the entries' JSON.
        frame = `data: {"type":"presence","changes":[${entries}]}\n\n`;
        frames.set(entries, frame);
      }
      subscriber.writePresence(frame);
    }
  }

  /** A committed event: membership changes take effect at once, delivery at the end of this tick. */
  event(event: PublishedEvent): void {
    const membership = event.membership;
    if (membership) {
      for (const subscriber of this.byUser.get(membership.userId) ?? []) {
        if (membership.change === 'added') {
          this.subscribe(subscriber, membership.roomId);
        } else {
          subscriber.channels.delete(membership.roomId);
          removeFrom(this.byChannel, membership.roomId, subscriber);
        }
      }
    }
    let batch = this.batches.get(event.channel);
    if (!batch) this.batches.set(event.channel, (batch = []));
    batch.push({ seq: event.seq, frame: persistedFrame(event) });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.batchStartedAt = performance.now();
      setImmediate(() => this.flush());
    }
  }

  disconnect(target: Disconnect): void {
    for (const subscriber of [...(this.byUser.get(target.userId) ?? [])]) {
      if (target.sessionId !== undefined && subscriber.sessionId !== target.sessionId) continue;
      if (target.exceptSessionId !== undefined && subscriber.sessionId === target.exceptSessionId) continue;
      // Ended cleanly: the browser reconnects, gets 401, and the page signs out.
      subscriber.end('');
      this.detach(subscriber);
    }
  }

  /**
   * An ephemeral frame (typing, presence): written at once to the live streams it is for, with no
   * `id:`, never queued for replay. A stream still replaying simply misses it.
   */
  signal(signal: Signal): void {
    if (signal.kind !== 'stream') return;
    for (const subscriber of this.byChannel.get(signal.channel) ?? []) {
      if (subscriber.userId !== signal.exceptUserId) subscriber.writeEphemeral(signal.frame);
    }
  }

  /** Tells every stream to reconnect elsewhere and ends it (graceful shutdown). */
  closeAll(event: ServerEvent): void {
    this.flush();
    const frame = controlFrame(event);
    for (const subscribers of [...this.byUser.values()]) {
      for (const subscriber of [...subscribers]) {
        subscriber.end(frame);
        this.detach(subscriber);
      }
    }
    clearInterval(this.heartbeat);
  }

  /** The sessions that have a stream open here (to re-check them after the bus lost disconnects). */
  openSessions(): OpenSession[] {
    const sessions = new Map<string, OpenSession>();
    for (const subscriber of this.allSubscribers())
      sessions.set(subscriber.sessionId, { userId: subscriber.userId, sessionId: subscriber.sessionId });
    return [...sessions.values()];
  }

  stats(): HubStats {
    let open = 0;
    for (const subscribers of this.byUser.values()) open += subscribers.size;
    return { open, cutOff: this.cutOffCount };
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = this.batches;
    if (batches.size === 0) return;
    this.batches = new Map();
    let deliveries = 0;
    for (const [channel, batch] of batches) {
      const subscribers = this.byChannel.get(channel);
      const first = batch[0];
      if (!subscribers || !first) continue;
      const chunk = batch.length === 1 ? first.frame : batch.map((event) => event.frame).join('');
      deliveries += subscribers.size * batch.length;
      for (const subscriber of subscribers) subscriber.deliver(chunk, batch, first.seq);
    }
    this.options.observer?.flushed((performance.now() - this.batchStartedAt) / 1000, deliveries);
  }

  /**
   * Every half interval, a ping to each live stream that was sent nothing in the last half interval:
   * no stream goes longer than `heartbeatMs` without a byte, as with a ping to every stream every
   * `heartbeatMs`, but a stream that events keep busy is never pinged. With 10,000 streams a round of
   * pings is 10,000 writes (about 0.2 s of CPU here); in the many-rooms and big-room benchmarks every
   * stream hears something more often than that, so no round is needed at all.
   */
  private sendHeartbeat(): void {
    for (const subscriber of this.allSubscribers()) subscriber.heartbeatTick();
  }

  private *allSubscribers(): Iterable<Subscriber> {
    for (const subscribers of this.byUser.values()) yield* subscribers;
  }
}

function addTo<K>(map: Map<K, Set<Subscriber>>, key: K, subscriber: Subscriber): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(subscriber);
}

function removeFrom<K>(map: Map<K, Set<Subscriber>>, key: K, subscriber: Subscriber): void {
  const set = map.get(key);
  set?.delete(subscriber);
  if (set?.size === 0) map.delete(key);
}
