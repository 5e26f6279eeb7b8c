import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, PresenceBody, PresenceWatchBody, RoomParams } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

/** Presence and typing: ephemeral, never stored, carried to streams by the bus. */
export function presenceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // Whose presence a tab shows: its DMs and the member list it has open, never the whole workspace.
  // Anyone's status may be watched, as anyone can be found in the people directory.
  api.put(
    API_PATHS.presenceWatch,
    { config: { access: 'user' }, schema: { body: PresenceWatchBody } },
    async (request, reply) => {
      app.presence.watch(signedInUser(request).id, request.body.connectionId, request.body.userIds);
      return reply.code(204).send();
    },
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
