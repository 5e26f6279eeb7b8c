import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PATHS, SessionResponse, SignInBody, SignUpBody } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';
import { SESSION_COOKIE } from '@parley/protocol';

export function authRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signInLimit = { max: app.config.rateLimit.signInPerMinute, timeWindow: '1 minute' };

  api.post(
    API_PATHS.signUp,
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { body: SignUpBody, response: { 201: SessionResponse } },
    },
    async (request, reply) => {
      const session = await app.accounts.signUp(request.body);
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
      const session = await app.accounts.signIn(request.body);
      app.sessionCookie.set(reply, session);
      return { user: session.user };
    },
  );

  api.post(API_PATHS.signOut, { config: { access: 'user' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.accounts.signOut(token);
    app.sessionCookie.clear(reply);
    return reply.code(204).send();
  });

  api.get(
    API_PATHS.me,
    { config: { access: 'user' }, schema: { response: { 200: SessionResponse } } },
    (request) => ({ user: signedInUser(request) }),
  );
}
