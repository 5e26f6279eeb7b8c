import type { ErrorBody } from '@parley/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import { wantsAppPage } from './web.js';

/**
 * Turns every failure into an `ErrorBody` with a machine-readable code. Fastify's own errors (bad
 * JSON, body too large, wrong content type, schema validation) become 4xx codes; a database that
 * cannot be reached becomes 503 with a Retry-After; anything else unexpected is logged and answered
 * with a bare 500 that reveals nothing.
 */
export const errorsPlugin = fp((app: FastifyInstance, { webDist }: { webDist: string | null }) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status === 503) {
      request.log.warn({ err: error }, 'request failed: the database is unavailable');
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return reply.code(status).type('application/json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    if (webDist !== null && wantsAppPage(request)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    const path = request.url.split('?')[0] ?? '';
    const body: ErrorBody = {
      error: { code: 'not_found', message: `No route for ${request.method} ${path}` },
    };
    return reply.code(404).send(body);
  });
});

/** What a 503 asks clients to wait before retrying. */
const RETRY_AFTER_SECONDS = 5;

export function toErrorResponse(error: FastifyError | AppError): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.statusCode, body: { error: { code: error.code, message: error.message } } };
  }
  if ('validation' in error && error.validation) {
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: error.message,
          details: error.validation.map((issue) => ({
            path: `${error.validationContext ?? ''}${issue.instancePath}`,
            message: issue.message ?? 'is invalid',
          })),
        },
      },
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: { code: 'payload_too_large', message: 'The request body is too large' } },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          error: { code: 'unsupported_media_type', message: 'Send JSON (Content-Type: application/json)' },
        },
      };
  }
  if (isStoreUnavailable(error)) {
    return {
      status: 503,
      body: {
        error: { code: 'service_unavailable', message: 'The database is unavailable; try again shortly' },
      },
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Malformed JSON, empty JSON body and other client mistakes Fastify detects before the handler.
    return { status: 400, body: { error: { code: 'validation_failed', message: error.message } } };
  }
  return {
    status: 500,
    body: { error: { code: 'internal_error', message: 'Something went wrong on our side' } },
  };
}
