import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ReactionParams, ReactionsResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

/** PUT adds the reader's reaction and DELETE takes it away: each can be repeated safely. */
export function reactionRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const url = '/api/rooms/:roomId/messages/:messageId/reactions/:emoji';
  const schema = { params: ReactionParams, response: { 200: ReactionsResponse } };

  api.put(url, { config: { access: 'member' }, schema }, async (request) => ({
    messageId: request.params.messageId,
    reactions: await app.reactions.addReaction(signedInUser(request), request.params),
  }));

  api.delete(url, { config: { access: 'member' }, schema }, async (request) => ({
    messageId: request.params.messageId,
    reactions: await app.reactions.removeReaction(signedInUser(request), request.params),
  }));
}
