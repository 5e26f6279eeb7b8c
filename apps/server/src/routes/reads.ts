import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  MarkReadBody,
  NotificationLevelBody,
  NotificationLevelResponse,
  RoomParams,
  RoomUnreadResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

/** The reader's own state in a room: how far they have read, and what notifies them. */
export function readRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/rooms/:roomId/read',
    {
      config: { access: 'member' },
      schema: { params: RoomParams, body: MarkReadBody, response: { 200: RoomUnreadResponse } },
    },
    async (request) => ({
      unread: await app.reads.markRead(signedInUser(request), request.params.roomId, request.body),
    }),
  );

  api.put(
    '/api/rooms/:roomId/notifications',
    {
      config: { access: 'member' },
      schema: {
        params: RoomParams,
        body: NotificationLevelBody,
        response: { 200: NotificationLevelResponse },
      },
    },
    async (request) => ({
      level: await app.reads.setNotificationLevel(
        signedInUser(request),
        request.params.roomId,
        request.body.level,
      ),
    }),
  );
}
