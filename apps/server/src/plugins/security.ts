import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { connectRedis } from '../bus/redis-bus.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { sharedRateLimitStore } from './rate-limit-store.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * false on a route whose response no browser renders as a document (the event stream): it gets
     * only the headers that still mean something there.
     */
    pageHeaders?: boolean;
  }
}

/**
 * helmet's headers that only mean something for a document a browser renders. On an event stream they
 * are bytes held per connection for its whole life, and setting them to remove them again left
 * Fastify's header object of every stream in dictionary mode: about 0.7 KB more per idle stream.
 */
const PAGE_ONLY_HEADERS = new Set([
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

/**
 * The headers helmet sets for these options, worked out once by running its middleware against a
 * response that only records them. They depend on the config alone. @fastify/helmet, used before,
 * called `helmet(options)` again on every request, re-parsing the Content-Security-Policy each time,
 * in two extra async hooks: about 15 µs of CPU per request, 2.5% of what posting a message cost.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  // helmet throws on bad options, and its header middlewares neither read the request nor fail.
  helmet(options)({} as unknown as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.fromEntries(headers);
}

/**
 * Headers, CORS for a separately deployed web app, rate limits, and the Origin check that stops
 * other sites from changing state with a signed-in visitor's cookie.
 */
export const securityPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        // On plain http (a LAN install), upgrading would break every request.
        upgradeInsecureRequests: config.cookie.secure ? [] : null,
      },
    },
  });
  const streamHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !PAGE_ONLY_HEADERS.has(name)),
  );
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.routeOptions.config.pageHeaders === false ? streamHeaders : headers);
    done();
  });
  // Only for a web app served from another origin. Without one, browsers need no CORS headers, and
  // the plugin's hook cost about 2% of a post's CPU just to decide to add none.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  // With several instances, the counts live in Redis so that a limit holds across all of them. If
  // Redis is down, each instance counts on its own meanwhile: limits still hold, and chat keeps working.
  const redis = config.redis && connectRedis(config.redis.url, 'rate-limit');
  if (redis) {
    await redis.connect();
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(rateLimit, {
    global: false,
    ...(redis && config.redis && { store: sharedRateLimitStore(redis, `${config.redis.prefix}rate-limit:`) }),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests; try again in ${context.after}`),
  });

  const allowed = new Set(config.corsOrigins);
  app.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    if (SAFE_METHODS.has(request.method)) {
      done();
      return;
    }
    const origin = request.headers.origin;
    // Browsers always send Origin on these requests; a client without one is not a browser, and so
    // cannot be a cross-site forgery.
    if (origin === undefined || origin === `${request.protocol}://${request.host}` || allowed.has(origin)) {
      done();
      return;
    }
    done(new AppError('forbidden_origin', 'This origin may not change anything here'));
  });
});
