import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Headers, CORS for a separately deployed web app, rate limits, and the Origin check that stops
 * other sites from changing state with a signed-in visitor's cookie.
 */
export const securityPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // On plain http (a LAN install), upgrading would break every request.
        upgradeInsecureRequests: config.cookie.secure ? [] : null,
      },
    },
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
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
