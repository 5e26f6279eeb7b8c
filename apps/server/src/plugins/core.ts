import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { EventBus } from '../bus/bus.js';
import { LocalBus } from '../bus/local-bus.js';
import type { Config } from '../config.js';
import { Accounts } from '../services/accounts.js';
import { AdminService } from '../services/admin.js';
import { MessagesService } from '../services/messages.js';
import { RoomsService } from '../services/rooms.js';
import { Writer } from '../services/writer.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { StreamHub } from '../stream/hub.js';
import { Metrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    store: Store;
    bus: EventBus;
    hub: StreamHub;
    accounts: Accounts;
    rooms: RoomsService;
    messages: MessagesService;
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
  const store = openSqliteStore(config.databasePath, (seconds) => metrics.dbQueryDuration.observe(seconds));
  await store.migrate();
  const bus = new LocalBus();
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
  const writer = new Writer(store, bus, (count) => metrics.eventsAppended.inc(count));
  const accounts = new Accounts(store, writer, bus, {
    sessionTtlMs: config.sessionTtlMs,
    defaultSignUpMode: config.signUpMode,
  });

  app.decorate('config', config);
  app.decorate('metrics', metrics);
  app.decorate('store', store);
  app.decorate('bus', bus);
  app.decorate('hub', hub);
  app.decorate('accounts', accounts);
  app.decorate('rooms', new RoomsService(store, writer));
  app.decorate('messages', new MessagesService(store, writer));
  app.decorate('admin', new AdminService(store, bus, accounts));

  const prune = () =>
    store.events.prune(config.eventLogRetention).catch((error: unknown) => {
      app.log.error({ err: error }, 'pruning the event log failed');
    });
  const pruneTimer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  // Streams end before the server stops listening, each told to reconnect (to another instance, or
  // to this one once it is back), so no client waits on a dead socket.
  app.addHook('preClose', () => {
    hub.closeAll({ type: 'reconnect', reason: 'server_shutdown' });
  });
  app.addHook('onClose', async () => {
    clearInterval(pruneTimer);
    unsubscribe();
    await bus.close();
    await store.close();
  });
});
