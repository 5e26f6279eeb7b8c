import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  API_PATHS,
  HistoryPage,
  HistoryQuery,
  PostMessageBody,
  PostMessageResponse,
  ROUTE_PATTERNS,
  RoomParams,
  RoomsResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

export function roomRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.rooms,
    { config: { access: 'user' }, schema: { response: { 200: RoomsResponse } } },
    async (request) => ({ rooms: await app.store.listRoomsForUser(signedInUser(request).id) }),
  );

  api.get(
    ROUTE_PATTERNS.roomMessages,
    {
      config: { access: 'user' },
      schema: { params: RoomParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    },
    (request) => app.messages.history(signedInUser(request), request.params.roomId, request.query),
  );

  api.post(
    ROUTE_PATTERNS.roomMessages,
    {
      config: {
        access: 'user',
        // Per user, so people behind one NAT do not share a budget; needs the user, hence preHandler.
        rateLimit: {
          max: app.config.rateLimit.postsPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => request.user?.id ?? request.ip,
        },
      },
      schema: {
        params: RoomParams,
        body: PostMessageBody,
        response: { 200: PostMessageResponse, 201: PostMessageResponse },
      },
    },
    async (request, reply) => {
      const { message, created } = await app.messages.postMessage(
        signedInUser(request),
        request.params.roomId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send({ message });
    },
  );
}
