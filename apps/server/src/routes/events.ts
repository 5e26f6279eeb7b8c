import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, EventsQuery } from '@parley/protocol';
import { Type } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { currentSession } from '../plugins/auth.js';
import { userChannel } from '../store/event-log.js';
import { bringUpToDate, resumePosition } from '../stream/resume.js';

/**
 * fastify-sse-v2 opens the stream: it hijacks the reply, copies the headers set so far (CORS, ours),
 * sets the SSE headers and writes the `retry:` hint. It also pipes a per-connection queue (it-pushable
 * through it-to-stream) into the response, which Parley never uses: the hub writes frames to the raw
 * response itself. Measured at 4,000 idle streams, that idle pipeline costs 6.8 KB per connection
 * (19.3 KB against 12.4 KB for a hijacked Fastify reply, 11.3 KB for bare node:http), which alone
 * breaks the 1.5x memory budget; so it is unpiped and ended as soon as the stream is open.
 */
function openStream(reply: FastifyReply, onError: (error: Error) => void): void {
  // Not chunked: the body runs until the connection closes, which is how an event stream ends anyway
  // (a browser reconnects, a proxy reads until close). The hub can then write each frame to the
  // socket as it is, in one write (stream/subscriber.ts).
  reply.raw.removeHeader('transfer-encoding');
  let pipeline: Readable | undefined;
  reply.raw.once('pipe', (source: Readable) => (pipeline = source));
  reply.sse({ comment: ' parley' });
  pipeline?.unpipe(reply.raw);
  pipeline?.destroy();
  reply.sseContext.source.end();
  // Fastify keeps the request, the reply and the request's logger reachable until the response
  // finishes, through its own 'finish'/'error' listener, only to run onResponse hooks then: for a
  // stream that lives for hours, 2.6 KB per idle connection (over a fifth of its heap), kept for a
  // duration that is not a latency. The stream's life is tracked by the hub (open streams) instead.
  // An 'error' listener stays, so that an error on the response is logged, never thrown.
  reply.raw.on('error', onError);
  for (const event of ['finish', 'error'] as const) {
    for (const listener of reply.raw.listeners(event)) {
      if (listener.name === 'onResFinished') reply.raw.off(event, listener as () => void);
    }
  }
}

/**
 * `GET /api/events`: one stream per browser tab for all of the user's rooms. fastify-sse-v2 opens it
 * (status, headers, `retry:`); from then on the hub writes frames to its socket (see hub.ts and
 * subscriber.ts for why).
 */
export function eventRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const onStreamError = (error: Error) => app.log.warn({ err: error }, 'event stream response error');

  api.get(
    API_PATHS.events,
    {
      // A HEAD would open a stream with no body to write to: it gets a 404.
      exposeHeadRoute: false,
      // No rendered page: only the security headers that mean something for a stream (security.ts).
      config: { access: 'user', pageHeaders: false },
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
      openStream(reply, onStreamError);
      // Attached before its rooms are read: a join or leave committed in between reaches it either
      // through the hub (membership event) or through the read.
      const subscriber = app.hub.attach(reply.raw, user.id, sessionId, [userChannel(user.id)]);
      app.presence.connected(user.id, subscriber.connectionId);
      const closed = () => {
        app.hub.detach(subscriber);
        app.presence.disconnected(user.id, subscriber.connectionId);
      };
      reply.raw.on('close', closed);
      if (reply.raw.destroyed) {
        closed();
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
