import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  EditMessageBody,
  HistoryPage,
  HistoryQuery,
  MessageParams,
  PostMessageBody,
  PostMessageResponse,
  RoomParams,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

export function messageRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/rooms/:roomId/messages',
    {
      config: { access: 'member' },
      schema: { params: RoomParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    },
    (request) => app.messages.history(request.params.roomId, request.query),
  );

  api.post(
    '/api/rooms/:roomId/messages',
    {
      config: {
        access: 'member',
        // Per user, so people behind one NAT do not share a budget; needs the user, hence preHandler.
        rateLimit: {
          max: app.config.rateLimit.postsPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => request.session?.user.id ?? request.ip,
        },
      },
      schema: {
        params: RoomParams,
        body: PostMessageBody,
        response: { 200: PostMessageResponse, 201: PostMessageResponse },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { message, created } = await app.messages.postMessage(user, request.params.roomId, request.body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  );

  api.patch(
    '/api/rooms/:roomId/messages/:messageId',
    {
      config: { access: 'member' },
      schema: { params: MessageParams, body: EditMessageBody, response: { 200: PostMessageResponse } },
    },
    async (request) => ({
      message: await app.messages.editMessage(
        signedInUser(request),
        request.params.roomId,
        request.params.messageId,
        request.body,
      ),
    }),
  );

  // Not `member`: an admin may delete a message in a room they are not in; the service checks.
  api.delete(
    '/api/rooms/:roomId/messages/:messageId',
    { config: { access: 'user' }, schema: { params: MessageParams } },
    async (request, reply) => {
      await app.messages.deleteMessage(
        signedInUser(request),
        request.params.roomId,
        request.params.messageId,
      );
      return reply.code(204).send();
    },
  );
}
