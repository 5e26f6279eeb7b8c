import { API_PATHS, HealthResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';

export function healthRoutes(app: FastifyInstance) {
  app.get(
    API_PATHS.health,
    { config: { access: 'public' }, schema: { response: { 200: HealthResponse } } },
    () => ({ status: 'ok' as const }),
  );
}
