import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EventBus } from '../bus/bus.js';
import { LocalBus } from '../bus/local-bus.js';
import { RedisBus } from '../bus/redis-bus.js';
import type { Config } from '../config.js';
import { AccessCache } from '../services/access-cache.js';
import { Accounts } from '../services/accounts.js';
import { AdminService } from '../services/admin.js';
import { MessagesService } from '../services/messages.js';
import { ReactionsService } from '../services/reactions.js';
import { ReadsService } from '../services/reads.js';
import { RoomsService } from '../services/rooms.js';
import { SearchService } from '../services/search.js';
import { TypingService } from '../services/typing.js';
import { Writer } from '../services/writer.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { StreamHub } from '../stream/hub.js';
import { PresenceTracker } from '../stream/presence.js';
import { Metrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    store: Store;
    bus: EventBus;
    hub: StreamHub;
    presence: PresenceTracker;
    typing: TypingService;
    accounts: Accounts;
    rooms: RoomsService;
    messages: MessagesService;
    reactions: ReactionsService;
    messageSearch: SearchService;
    reads: ReadsService;
    admin: AdminService;
    metrics: Metrics;
  }
}

const PRUNE_INTERVAL_MS = 60_000;

/**
 * The app's parts, one set per app instance (tests build many): store, bus, stream hub and the
 * services on top of them, wired so that every committed event reaches the hub.
 */
export const corePlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const metrics = new Metrics();
  const store = openStore(config.database, {
    onQuery: (seconds) => metrics.dbQueryDuration.observe(seconds),
    // Only the message and code: pg's error carries its whole client (connection settings included).
    onConnectionError: ({ message, code }: Error & { code?: string }) =>
      app.log.warn({ err: { message, code } }, 'a database connection failed; the pool reconnects'),
  });
  await store.migrate();
  let bus: EventBus;
  try {
    bus = config.redis
      ? await RedisBus.open({
          ...config.redis,
          log: store.events,
          logger: app.log,
          onRecovered: () => {
            accessCache.clear();
            void closeEndedStreams();
          },
          onReadFromLog: (count) => metrics.busEventsFromLog.inc(count),
        })
      : new LocalBus();
  } catch (error) {
    await store.close();
    throw error;
  }
  const hub = new StreamHub({
    heartbeatMs: config.stream.heartbeatMs,
    slowConsumerBytes: config.stream.slowConsumerBytes,
    observer: {
      flushed(latencySeconds, deliveries) {
        metrics.fanoutLatency.observe(latencySeconds);
        metrics.eventsDelivered.inc(deliveries);
      },
      cutOff: () => metrics.slowConsumersCut.inc(),
    },
  });
  metrics.countOpenStreams(() => hub.stats().open);
  const unsubscribe = bus.subscribe(hub);
  const presence = new PresenceTracker({
    instanceId: randomUUID(),
    bus,
    showLocally: (changes) => hub.presenceChanged(changes),
    watchLocally: (userId, connectionId, userIds, statusOf) =>
      hub.watch(userId, connectionId, userIds, statusOf),
    offlineGraceMs: config.presence.offlineGraceMs,
    flushIntervalMs: config.presence.flushIntervalMs,
  });
  // Sessions and memberships, in memory while the bus can tell this instance when they change. In one
  // process no invalidation can be lost, so entries live until one comes (or until they are evicted).
  const accessCache = new AccessCache({
    usable: () => bus.healthy(),
    ...(bus.lossless && { ttlMs: Number.POSITIVE_INFINITY }),
  });
  const unsubscribeCache = bus.subscribe(accessCache);
  const writer = new Writer(store, bus, (events) => {
    accessCache.committed(events);
    metrics.eventsAppended.inc(events.length);
  });
  const accounts = new Accounts(store, writer, bus, accessCache, {
    sessionTtlMs: config.sessionTtlMs,
    defaultSignUpMode: config.signUpMode,
  });

  // Sessions ended while Redis was down were announced to no other instance: find them in the store.
  const closeEndedStreams = async () => {
    try {
      for (const ended of await accounts.endedAmong(hub.openSessions())) hub.disconnect(ended);
    } catch (error) {
      app.log.error({ err: error }, 'checking open streams for ended sessions failed');
    }
  };

  app.decorate('config', config);
  app.decorate('metrics', metrics);
  app.decorate('store', store);
  app.decorate('bus', bus);
  app.decorate('hub', hub);
  app.decorate('presence', presence);
  app.decorate('typing', new TypingService(bus));
  app.decorate('accounts', accounts);
  app.decorate('rooms', new RoomsService(store, writer, accessCache));
  app.decorate('messages', new MessagesService(store, writer));
  app.decorate('reactions', new ReactionsService(writer));
  app.decorate('messageSearch', new SearchService(store));
  app.decorate('reads', new ReadsService(store, writer));
  app.decorate('admin', new AdminService(store, bus, accounts));

  const prune = () =>
    store.events.prune(config.eventLogRetention).catch((error: unknown) => {
      app.log.error({ err: error }, 'pruning the event log failed');
    });
  const pruneTimer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  // Streams end before the server stops listening, each told to reconnect (to another instance, or
  // to this one once it is back), so no client waits on a dead socket.
  let closing = false;
  app.addHook('preClose', () => {
    closing = true;
    hub.closeAll({ type: 'reconnect', reason: 'server_shutdown' });
  });
  // Node closes the connections that are idle when shutdown starts; one whose request is still being
  // answered would stay open (and hold up close()) until its client gave up on it. Its answer closes it.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    presence.close();
    unsubscribe();
    unsubscribeCache();
    await bus.close();
    await store.close();
  });
});
