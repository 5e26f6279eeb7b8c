import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, EventsQuery } from '@parley/protocol';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { currentSession } from '../plugins/auth.js';
import { userChannel } from '../store/event-log.js';
import { bringUpToDate, resumePosition } from '../stream/resume.js';

/**
 * `GET /api/events`: one stream per browser tab for all of the user's rooms. fastify-sse-v2 opens it
 * (status, headers, `retry:`); from then on the hub writes frames to the raw response (see hub.ts
 * for why).
 */
export function eventRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.events,
    {
      config: { access: 'user' },
      schema: {
        querystring: EventsQuery,
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String()) }),
        response: {
          200: {
            description:
              'A Server-Sent Events stream of ServerEvent frames (see components.schemas.ServerEvent)',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = currentSession(request);
      const position = resumePosition(request.headers['last-event-id'], request.query.since);

      // Headers set before the first sse() call are copied onto the hijacked response.
      reply.header('X-Accel-Buffering', 'no');
      reply.sse({ comment: ' parley' });
      // Attached before its rooms are read: a join or leave committed in between reaches it either
      // through the hub (membership event) or through the read.
      const subscriber = app.hub.attach(reply.raw, user.id, sessionId, [userChannel(user.id)]);
      reply.raw.on('close', () => app.hub.detach(subscriber));
      if (reply.raw.destroyed) {
        app.hub.detach(subscriber);
        return;
      }
      try {
        for (const roomId of await app.rooms.roomIdsOf(user)) app.hub.subscribe(subscriber, roomId);
        const { replayed } = await bringUpToDate(app.store, subscriber, user, position);
        if (replayed > 0) app.metrics.eventsReplayed.inc(replayed);
      } catch (error) {
        // The client reconnects with its Last-Event-ID and gets another try.
        request.log.error({ err: error }, 'replay failed');
        app.hub.detach(subscriber);
        reply.raw.destroy();
      }
    },
  );
}
