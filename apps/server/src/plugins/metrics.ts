import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/** What Parley measures about itself; one set per app, so tests do not share counters. */
export class Metrics {
  readonly registry = new Registry();
  private openStreamsCount: () => number = () => 0;
  readonly openStreams: Gauge = new Gauge({
    name: 'parley_open_streams',
    help: 'Event streams open on this instance',
    registers: [this.registry],
    collect: (): void => this.openStreams.set(this.openStreamsCount()),
  });
  readonly eventsAppended = new Counter({
    name: 'parley_events_appended_total',
    help: 'Events committed to the log by this instance',
    registers: [this.registry],
  });
  readonly eventsDelivered = new Counter({
    name: 'parley_events_delivered_total',
    help: 'Event deliveries written to streams (one event to one stream counts once)',
    registers: [this.registry],
  });
  readonly fanoutLatency = new Histogram({
    name: 'parley_fanout_latency_seconds',
    help: 'From an event reaching the hub to its frames being written to every stream',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly eventsReplayed = new Counter({
    name: 'parley_events_replayed_total',
    help: 'Events replayed from the log to reconnecting streams',
    registers: [this.registry],
  });
  readonly busEventsFromLog = new Counter({
    name: 'parley_bus_events_from_log_total',
    help: 'Events the Redis bus did not bring in time, read from the log instead (late, lost or missed in an outage)',
    registers: [this.registry],
  });
  readonly slowConsumersCut = new Counter({
    name: 'parley_slow_consumers_cut_total',
    help: 'Streams cut off because their client stopped reading',
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly dbQueryDuration = new Histogram({
    name: 'parley_db_query_duration_seconds',
    help: 'Database query duration',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });

  /** The gauge is read when scraped, from the hub, rather than kept in step on every open and close. */
  countOpenStreams(count: () => number): void {
    this.openStreamsCount = count;
  }

  constructor() {
    // Process CPU and memory, and nodejs_eventloop_lag_seconds among them. The lag histogram samples
    // with a timer that wakes the process at this interval even when it has nothing else to do. An
    // idle server's main thread, at 20 ms: 51 of the process's 60 wake-ups a second, and 4.2 of its
    // 9.3 ms of CPU a second; at 100 ms: 12 of 14, and 1.8 of 5.4 ms. A longer stall still shows in full.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in the Prometheus text format, only with `Authorization: Bearer <METRICS_TOKEN>`;
 * without a configured token the endpoint does not exist. Also times every HTTP request.
 */
export const metricsPlugin = fp((app: FastifyInstance, { config }: { config: Config }) => {
  const metrics = app.metrics;

  app.addHook('onResponse', (request: FastifyRequest, reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined) {
      metrics.httpDuration
        .labels(request.method, route, String(reply.statusCode))
        .observe(reply.elapsedTime / 1000);
    }
    done();
  });

  const token = config.metricsToken;
  if (token === null) return;
  app.get('/metrics', { config: { access: 'public' } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), token)) {
      throw new AppError('unauthenticated', 'A valid metrics token is required');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
});
