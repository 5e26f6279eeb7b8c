import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built web app: hashed assets cached for a year, index.html never cached, and every
 * other page request answered with index.html (see the not-found handler) so deep links work.
 */
export const webPlugin = fp(async (app: FastifyInstance, { root }: { root: string }) => {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `WEB_DIST=${root} has no index.html: run "pnpm build" first, or set WEB_DIST= to serve no web app`,
    );
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    setHeaders(res, path) {
      res.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
});

/** A browser asking for a page (a deep link such as /rooms/x), not an API call or an asset. */
export function wantsAppPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/api/') &&
    (request.headers.accept?.includes('text/html') ?? false)
  );
}
