import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import Fastify from 'fastify';
import { FastifySSEPlugin } from 'fastify-sse-v2';
import type { Config } from './config.js';
import { authPlugin } from './plugins/auth.js';
import { corePlugin } from './plugins/core.js';
import { docsPlugin } from './plugins/docs.js';
import { errorsPlugin } from './plugins/errors.js';
import { metricsPlugin } from './plugins/metrics.js';
import { securityPlugin } from './plugins/security.js';
import { webPlugin } from './plugins/web.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { messageRoutes } from './routes/messages.js';
import { peopleRoutes } from './routes/people.js';
import { reactionRoutes } from './routes/reactions.js';
import { readRoutes } from './routes/reads.js';
import { presenceRoutes } from './routes/presence.js';
import { roomRoutes } from './routes/rooms.js';
import { searchRoutes } from './routes/search.js';

/** Never logged: session tokens, cookies, passwords. */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

/**
 * Builds Parley's HTTP app: plugins, then routes. It never listens; `server.ts` does, and tests use
 * `app.inject()` or listen on port 0 themselves.
 */
export async function buildApp(config: Config, options: { logger?: FastifyServerOptions['logger'] } = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Streams are long-lived by design; idle sockets stay open between heartbeats.
    requestTimeout: 0,
    // Every log line of a request carries its id; a proxy's X-Request-Id is kept for correlation.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });

  await app.register(errorsPlugin, { webDist: config.webDist });
  await app.register(corePlugin, { config });
  await app.register(securityPlugin, { config });
  await app.register(docsPlugin);
  await app.register(authPlugin, { config });
  await app.register(metricsPlugin, { config });
  await app.register(FastifySSEPlugin, { retryDelay: config.stream.retryMs });
  if (config.webDist !== null) await app.register(webPlugin, { root: config.webDist });

  healthRoutes(app);
  authRoutes(app);
  meRoutes(app);
  peopleRoutes(app);
  presenceRoutes(app);
  roomRoutes(app);
  messageRoutes(app);
  reactionRoutes(app);
  searchRoutes(app);
  readRoutes(app);
  adminRoutes(app);
  eventRoutes(app);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
