import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  API_PATHS,
  ChangePasswordBody,
  SessionParams,
  SessionResponse,
  SessionsResponse,
  UpdateProfileBody,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { currentSession, signedInUser } from '../plugins/auth.js';

/** The reader's own account: profile, password, sessions. */
export function meRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.me,
    { config: { access: 'user' }, schema: { response: { 200: SessionResponse } } },
    (request) => ({ user: signedInUser(request) }),
  );

  api.patch(
    API_PATHS.me,
    { config: { access: 'user' }, schema: { body: UpdateProfileBody, response: { 200: SessionResponse } } },
    async (request) => ({ user: await app.accounts.updateProfile(currentSession(request), request.body) }),
  );

  api.post(
    API_PATHS.mePassword,
    {
      config: {
        access: 'user',
        rateLimit: { max: app.config.rateLimit.signInPerMinute, timeWindow: '1 minute' },
      },
      schema: { body: ChangePasswordBody },
    },
    async (request, reply) => {
      await app.accounts.changePassword(currentSession(request), request.body);
      return reply.code(204).send();
    },
  );

  api.get(
    API_PATHS.meSessions,
    { config: { access: 'user' }, schema: { response: { 200: SessionsResponse } } },
    async (request) => ({ sessions: await app.accounts.listSessions(currentSession(request)) }),
  );

  api.post(API_PATHS.meSignOutOthers, { config: { access: 'user' } }, async (request, reply) => {
    await app.accounts.signOutOthers(currentSession(request));
    return reply.code(204).send();
  });

  api.delete(
    '/api/me/sessions/:sessionId',
    { config: { access: 'user' }, schema: { params: SessionParams } },
    async (request, reply) => {
      await app.accounts.revokeSession(signedInUser(request).id, request.params.sessionId);
      return reply.code(204).send();
    },
  );
}
