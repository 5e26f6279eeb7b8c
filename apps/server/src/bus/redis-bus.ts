import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BusListener, Disconnect, EventBus, PublishedEvent, Signal } from './bus.js';
import { SeqOrder, type EventLogReader } from './seq-order.js';

export interface RedisBusOptions {
  url: string;
  /** Prefix of the pub/sub channel, so that several deployments (or tests) can share one Redis. */
  prefix: string;
  log: EventLogReader;
  logger: { warn(object: object, message: string): void; info(object: object, message: string): void };
  /** How long a held-back event waits for the ones before it (see SeqOrder). */
  gapWaitMs?: number;
  /** How often the log's head is checked for events the bus never brought. */
  pollMs?: number;
  /** Reconnect attempts wait this much longer each time, up to 2 s (100 ms). */
  reconnectBackoffMs?: number;
  /** How long `open` waits for Redis before giving up. */
  connectTimeoutMs?: number;
  /**
   * Called when Redis is back after an outage. Events missed meanwhile come back from the log, but
   * disconnects published meanwhile are gone: the owner re-checks its open streams' sessions.
   */
  onRecovered?: () => void;
  /** Counts events read from the log because the bus did not bring them (for metrics). */
  onReadFromLog?: (count: number) => void;
}

type Wire =
  | { kind: 'event'; seq: number; channel: string; membership?: PublishedEvent['membership'] }
  | { kind: 'disconnect'; target: Disconnect }
  | { kind: 'signal'; signal: Signal };

const INSTANCE_ID_LENGTH = 36;

/**
 * The bus between instances: every committed event, disconnect and signal is published on one Redis
 * pub/sub channel, and each instance hands what it hears to its own stream hub. An instance also
 * hands its own events to its hub at once, without the round trip, and ignores its own echo.
 *
 * Pub/sub is fire-and-forget, so the event log stays the source of truth: SeqOrder puts events into
 * seq order and reads from the log whatever the bus did not bring, be it late, lost while Redis was
 * down, or missed while this instance was reconnecting. Streams therefore never lose an event to a
 * Redis outage; they only see it later (within `pollMs` or so while Redis is down).
 */
export class RedisBus implements EventBus {
  readonly lossless = false;
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly listeners = new Set<BusListener>();
  private readonly order: SeqOrder;
  private readonly poll: NodeJS.Timeout;
  /** The head seen at the previous poll: events up to it had a whole interval to arrive on the bus. */
  private polledHead: number;
  /** Disconnects that could not be published (Redis was down): sent once it is back. */
  private unsentDisconnects: string[] = [];

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisBusOptions,
    head: number,
  ) {
    this.channel = `${options.prefix}bus`;
    this.polledHead = head;
    this.order = new SeqOrder(
      options.log,
      (event) => {
        for (const listener of this.listeners) listener.event(event);
      },
      head,
      {
        gapWaitMs: options.gapWaitMs ?? 25,
        onError: (error) =>
          options.logger.warn({ err: error }, 'bus: reading missed events from the log failed'),
        ...(options.onReadFromLog && { onReadFromLog: options.onReadFromLog }),
      },
    );
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    for (const [role, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      let down = false;
      // ioredis reconnects by itself, backing off; one line per outage is enough.
      client.on('error', (error: Error) => {
        if (!down) options.logger.warn({ err: error, role }, 'bus: Redis connection lost; reconnecting');
        down = true;
      });
      client.on('close', () => (down = true));
      client.on('ready', () => {
        if (!down) return;
        down = false;
        options.logger.info({ role }, 'bus: Redis connection is back');
        if (client === subscriber) {
          // What was published meanwhile never reached this instance: events are in the log;
          // disconnects are not, so the owner re-checks its streams' sessions.
          void this.catchUpToHead();
          options.onRecovered?.();
        } else {
          this.resendDisconnects();
        }
      });
    }
    this.poll = setInterval(() => void this.checkForMissed(), options.pollMs ?? 1000);
    this.poll.unref();
  }

  /** Connects to Redis and subscribes; throws if Redis does not answer within the timeout. */
  static async open(options: RedisBusOptions): Promise<RedisBus> {
    const publisher = connectRedis(options.url, 'publisher', options.reconnectBackoffMs);
    const subscriber = connectRedis(options.url, 'subscriber', options.reconnectBackoffMs);
    try {
      await withTimeout(
        Promise.all([publisher.connect(), subscriber.connect()]),
        options.connectTimeoutMs ?? 10_000,
      );
      await subscriber.subscribe(`${options.prefix}bus`);
      const head = await options.log.head();
      return new RedisBus(publisher, subscriber, options, head);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw new Error(`Redis at ${redactedUrl(options.url)} did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  publish(event: PublishedEvent): void {
    this.order.accept(event);
    const header: Wire = {
      kind: 'event',
      seq: event.seq,
      channel: event.channel,
      ...(event.membership && { membership: event.membership }),
    };
    this.send(`${JSON.stringify(header)}\n${event.data}`);
  }

  disconnect(target: Disconnect): void {
    for (const listener of this.listeners) listener.disconnect(target);
    const message = JSON.stringify({ kind: 'disconnect', target } satisfies Wire);
    if (!this.send(message)) this.unsentDisconnects.push(message);
  }

  /** Typing and presence: this instance's hub at once, the others through Redis; lost if Redis is down. */
  signal(signal: Signal): void {
    for (const listener of this.listeners) listener.signal(signal);
    this.send(JSON.stringify({ kind: 'signal', signal } satisfies Wire));
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  healthy(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    this.order.close();
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }

  /** Publishes now if Redis is there; false if it is not (the message is dropped). */
  private send(body: string): boolean {
    if (this.publisher.status !== 'ready') return false;
    this.publisher.publish(this.channel, this.instanceId + body).catch(() => {
      // Lost with the connection: events come back from the log, other instances re-check sessions.
    });
    return true;
  }

  private resendDisconnects(): void {
    const unsent = this.unsentDisconnects;
    this.unsentDisconnects = [];
    for (const message of unsent) if (!this.send(message)) this.unsentDisconnects.push(message);
  }

  private receive(message: string): void {
    if (message.startsWith(this.instanceId)) return;
    const newline = message.indexOf('\n', INSTANCE_ID_LENGTH);
    const header = JSON.parse(
      message.slice(INSTANCE_ID_LENGTH, newline === -1 ? undefined : newline),
    ) as Wire;
    if (header.kind === 'event') {
      this.order.accept({
        seq: header.seq,
        channel: header.channel,
        data: message.slice(newline + 1),
        ...(header.membership && { membership: header.membership }),
      });
    } else if (header.kind === 'disconnect') {
      for (const listener of this.listeners) listener.disconnect(header.target);
    } else {
      for (const listener of this.listeners) listener.signal(header.signal);
    }
  }

  private async catchUpToHead(): Promise<void> {
    try {
      await this.order.catchUp(await this.options.log.head());
    } catch (error) {
      this.options.logger.warn({ err: error }, 'bus: catching up from the event log failed');
    }
  }

  /** Events committed a whole interval ago that still have not arrived were lost on the way: read them. */
  private async checkForMissed(): Promise<void> {
    try {
      const due = this.polledHead;
      this.polledHead = await this.options.log.head();
      if (this.order.position < due) await this.order.catchUp(due);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'bus: checking the event log for missed events failed');
    }
  }
}

/**
 * A connection that retries for ever, backing off to 2 s, and fails commands at once while Redis is
 * down instead of queueing them: an event published then is read from the log later, and a rate-limit
 * check gives way rather than hang a request.
 */
export function connectRedis(url: string, role: string, backoffMs = 100): Redis {
  const client = new Redis(url, {
    connectionName: `parley-${role}`,
    enableOfflineQueue: false,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * backoffMs, 2000),
  });
  // Until its owner listens: an unanswered connect must not be an unhandled 'error' event.
  client.on('error', () => undefined);
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The URL without its password, for error messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
