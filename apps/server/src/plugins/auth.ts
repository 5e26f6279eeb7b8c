import cookie from '@fastify/cookie';
import { SESSION_COOKIE, type User } from '@parley/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { SignedIn } from '../services/accounts.js';

/**
 * Who may call a route. Every API route must say, or the app refuses to start: a route that forgot
 * would otherwise be open to anyone.
 */
export type Access = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: User | null;
  }
}

export const authPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  await app.register(cookie);
  app.decorateRequest('user', null);

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await app.accounts.userForSession(token) : undefined;
    if (!user) throw new AppError('unauthenticated', 'Sign in first');
    request.user = user;
  }

  const accessRules: AccessRule[] = [];
  app.decorate('accessRules', accessRules);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.url !== '/healthz') return;
    const access = route.config?.access;
    if (access !== 'public' && access !== 'user') {
      throw new Error(`Route ${route.method.toString()} ${route.url} does not declare config.access`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') accessRules.push({ method, url: route.url, access });
    }
    if (access === 'user') {
      const existing = route.onRequest;
      route.onRequest = [authenticate, ...(existing === undefined ? [] : [existing].flat())];
    }
  });

  app.decorate('sessionCookie', {
    set(reply: FastifyReply, session: SignedIn) {
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: config.cookie.sameSite,
        secure: config.cookie.secure,
        expires: session.expiresAt,
      });
    },
    clear(reply: FastifyReply) {
      void reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: config.cookie.sameSite,
        secure: config.cookie.secure,
      });
    },
  });
});

export interface AccessRule {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access, so tests can enumerate them. */
    accessRules: readonly AccessRule[];
    sessionCookie: {
      set(reply: FastifyReply, session: SignedIn): void;
      clear(reply: FastifyReply): void;
    };
  }
}

/** The signed-in user of a route declared `access: 'user'`. */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('unauthenticated', 'Sign in first');
  return request.user;
}
