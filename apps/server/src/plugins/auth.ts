import cookie from '@fastify/cookie';
import { SESSION_COOKIE, type MemberRole, type User } from '@parley/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { DOCS_PREFIX } from './docs.js';
import type { Session, SignedIn } from '../services/accounts.js';

/**
 * Who may call a route. Every API route must say, or the app refuses to start: a route that forgot
 * would otherwise be open to anyone.
 * - `public`: anyone.
 * - `user`: a signed-in user.
 * - `member`: a signed-in member of the route's `:roomId`; anyone else gets the same 404 as for a
 *   room that does not exist, so private rooms and DMs leak nothing.
 * - `admin`: a signed-in admin; others get 403.
 */
export type Access = 'public' | 'user' | 'member' | 'admin';
const ACCESS: readonly Access[] = ['public', 'user', 'member', 'admin'];

export interface AccessRule {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: Session | null;
    /** Set on `member` routes: the reader's role in the room. */
    roomRole: MemberRole | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared access, so tests can enumerate them. */
    accessRules: readonly AccessRule[];
    sessionCookie: {
      set(reply: FastifyReply, session: SignedIn): void;
      clear(reply: FastifyReply): void;
    };
  }
}

export const authPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorateRequest('roomRole', null);

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await app.accounts.authenticate(token) : undefined;
    if (!session) throw new AppError('unauthenticated', 'Sign in first');
    request.session = session;
  }

  async function requireMember(request: FastifyRequest): Promise<void> {
    const { roomId } = request.params as { roomId?: string };
    const role = roomId === undefined ? undefined : await app.rooms.roleOf(signedInUser(request), roomId);
    if (!role) throw new AppError('not_found', 'No such room');
    request.roomRole = role;
  }

  function requireAdmin(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
    done(signedInUser(request).role === 'admin' ? undefined : new AppError('forbidden', 'Admins only'));
  }

  const accessRules: AccessRule[] = [];
  app.decorate('accessRules', accessRules);
  app.addHook('onRoute', (route) => {
    // The API documentation is public and carries no data.
    if (route.url.startsWith(DOCS_PREFIX)) return;
    if (!route.url.startsWith('/api/') && !['/healthz', '/readyz', '/metrics'].includes(route.url)) return;
    const access = route.config?.access;
    if (access === undefined || !ACCESS.includes(access)) {
      throw new Error(`Route ${route.method.toString()} ${route.url} does not declare config.access`);
    }
    if (access === 'member' && !route.url.includes(':roomId')) {
      throw new Error(`Route ${route.url} is 'member' but has no :roomId`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') accessRules.push({ method, url: route.url, access });
    }
    if (access === 'public') return;
    route.onRequest = [authenticate, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
    // Before validation: a non-member learns nothing, not even whether their body would have been valid.
    const check = access === 'member' ? [requireMember] : access === 'admin' ? [requireAdmin] : [];
    route.preValidation = [
      ...check,
      ...(route.preValidation === undefined ? [] : [route.preValidation].flat()),
    ];
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

/** The session of a route that is not `public`. */
export function currentSession(request: FastifyRequest): Session {
  if (!request.session) throw new AppError('unauthenticated', 'Sign in first');
  return request.session;
}

export function signedInUser(request: FastifyRequest): User {
  return currentSession(request).user;
}

/** The reader's role in the room of a `member` route. */
export function roomRole(request: FastifyRequest): MemberRole {
  if (!request.roomRole) throw new AppError('not_found', 'No such room');
  return request.roomRole;
}
