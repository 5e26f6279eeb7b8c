import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { PROTOCOL_VERSION, ServerEvent } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const DOCS_PREFIX = '/api/docs';

/**
 * OpenAPI 3, generated from the route schemas (which are `packages/protocol`'s), served at
 * `/api/docs` with a UI and at `/api/docs/json`. The stream's events are in `components.schemas`.
 */
export const docsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Parley API',
        version: `protocol ${PROTOCOL_VERSION}`,
        description:
          'Errors are `{ error: { code, message, details? } }` with a code from ERROR_CODES. ' +
          'Authentication is the httpOnly `parley_session` cookie set by sign-up and sign-in. ' +
          '`GET /api/events` is a Server-Sent Events stream: every frame is `data: <ServerEvent JSON>`; ' +
          'persisted events carry `id: <seq>` and are replayed after `Last-Event-ID` (or `?since=`).',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'parley_session' } },
        schemas: { ServerEvent: ServerEvent as unknown as Record<string, unknown> },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
});
