import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, PeopleQuery, PeopleResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';

export function peopleRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.people,
    { config: { access: 'user' }, schema: { querystring: PeopleQuery, response: { 200: PeopleResponse } } },
    async (request) => ({ people: await app.accounts.searchPeople(request.query.q ?? '') }),
  );
}
