import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, SearchPage, SearchQuery } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

export function searchRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // `user`, not `member`: it spans rooms; the service searches only the reader's own.
  api.get(
    API_PATHS.search,
    {
      config: { access: 'user' },
      schema: { querystring: SearchQuery, response: { 200: SearchPage } },
    },
    (request) => app.messageSearch.search(signedInUser(request), request.query),
  );
}
