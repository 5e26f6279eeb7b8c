import { API_PATHS, HealthResponse } from '@parley/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

const Check = Type.Union([Type.Literal('ok'), Type.Literal('failing')]);
const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({ store: Check, bus: Check }),
});

/** `/healthz`: the process answers (liveness). `/readyz`: it can serve, store and bus included. */
export function healthRoutes(app: FastifyInstance) {
  app.get(
    API_PATHS.health,
    { config: { access: 'public' }, schema: { response: { 200: HealthResponse } } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { response: { 200: ReadyResponse, 503: ReadyResponse } } },
    async (request, reply) => {
      const store = await app.store.ping().then(
        () => 'ok' as const,
        (error: unknown) => {
          request.log.warn({ err: error }, 'readiness: the store does not answer');
          return 'failing' as const;
        },
      );
      const bus = app.bus.healthy() ? ('ok' as const) : ('failing' as const);
      const ready = store === 'ok' && bus === 'ok';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'unavailable', checks: { store, bus } });
    },
  );
}
