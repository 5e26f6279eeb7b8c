import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  API_PATHS,
  AuthOptions,
  InviteParams,
  InvitePreview,
  SessionResponse,
  SignInBody,
  SignUpBody,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { currentSession } from '../plugins/auth.js';

export function authRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signInLimit = { max: app.config.rateLimit.signInPerMinute, timeWindow: '1 minute' };

  api.get(
    API_PATHS.authOptions,
    { config: { access: 'public' }, schema: { response: { 200: AuthOptions } } },
    async () => ({ signUpMode: await app.accounts.signUpMode() }),
  );

  api.get(
    '/api/invites/:token',
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { params: InviteParams, response: { 200: InvitePreview } },
    },
    (request) => app.admin.invitePreview(request.params.token),
  );

  api.post(
    API_PATHS.signUp,
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { body: SignUpBody, response: { 201: SessionResponse } },
    },
    async (request, reply) => {
      const session = await app.accounts.signUp(request.body, request.headers['user-agent'] ?? '');
      app.sessionCookie.set(reply, session);
      return reply.code(201).send({ user: session.user });
    },
  );

  api.post(
    API_PATHS.signIn,
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { body: SignInBody, response: { 200: SessionResponse } },
    },
    async (request, reply) => {
      const session = await app.accounts.signIn(request.body, request.headers['user-agent'] ?? '');
      app.sessionCookie.set(reply, session);
      return { user: session.user };
    },
  );

  api.post(API_PATHS.signOut, { config: { access: 'user' } }, async (request, reply) => {
    await app.accounts.signOut(currentSession(request));
    app.sessionCookie.clear(reply);
    return reply.code(204).send();
  });
}
