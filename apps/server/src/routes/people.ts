import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, PeopleQuery, PeopleResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

export function peopleRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.people,
    { config: { access: 'user' }, schema: { querystring: PeopleQuery, response: { 200: PeopleResponse } } },
    async (request) => {
      const { q, usernames } = request.query;
      if (usernames === undefined) return { people: await app.accounts.searchPeople(q ?? '') };
      if (q !== undefined) throw new AppError('validation_failed', 'Give either q or usernames');
      return { people: await app.accounts.peopleNamed(usernames.split(',')) };
    },
  );
}
