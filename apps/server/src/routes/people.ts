import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, PeopleQuery, PeopleResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { signedInUser } from '../plugins/auth.js';

export function peopleRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.people,
    { config: { access: 'user' }, schema: { querystring: PeopleQuery, response: { 200: PeopleResponse } } },
    async (request) => {
      const { q, usernames, notIn } = request.query;
      if (usernames !== undefined) {
        if (q !== undefined || notIn !== undefined) {
          throw new AppError('validation_failed', 'Give either usernames or a search');
        }
        return { people: await app.accounts.peopleNamed(usernames.split(',')) };
      }
      // Who is in a room is for its members only: anyone else gets the 404 of a room that does not exist.
      if (notIn !== undefined && !(await app.rooms.roleOf(signedInUser(request), notIn))) {
        throw new AppError('not_found', 'No such room');
      }
      return { people: await app.accounts.searchPeople(q ?? '', notIn) };
    },
  );
}
