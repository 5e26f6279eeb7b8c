import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, PresenceBody, PresenceResponse, RoomParams } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

/** Presence and typing: ephemeral, never stored, carried to streams by the bus. */
export function presenceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.presence,
    { config: { access: 'user' }, schema: { response: { 200: PresenceResponse } } },
    () => ({ presence: app.presence.snapshot() }),
  );

  api.put(
    API_PATHS.presence,
    { config: { access: 'user' }, schema: { body: PresenceBody } },
    async (request, reply) => {
      app.presence.setAway(signedInUser(request).id, request.body.connectionId, request.body.away);
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/rooms/:roomId/typing',
    { config: { access: 'member' }, schema: { params: RoomParams } },
    async (request, reply) => {
      app.typing.typing(signedInUser(request), request.params.roomId);
      return reply.code(204).send();
    },
  );
}
