import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  API_PATHS,
  AdminStats,
  AdminUsersResponse,
  AuditPage,
  AuditQuery,
  CreateInviteBody,
  CreatedInviteResponse,
  InviteIdParams,
  InvitesResponse,
  SettingsResponse,
  UpdateSettingsBody,
  UserParams,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { signedInUser } from '../plugins/auth.js';

export function adminRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { access: 'admin' } as const;

  api.get(
    API_PATHS.adminUsers,
    { config: admin, schema: { response: { 200: AdminUsersResponse } } },
    async () => ({
      users: await app.admin.users(),
    }),
  );

  api.post(
    '/api/admin/users/:userId/deactivate',
    { config: admin, schema: { params: UserParams } },
    async (request, reply) => {
      await app.admin.deactivate(signedInUser(request), request.params.userId);
      return reply.code(204).send();
    },
  );

  api.get(
    API_PATHS.adminInvites,
    { config: admin, schema: { response: { 200: InvitesResponse } } },
    async () => ({
      invites: await app.admin.invites(),
    }),
  );

  api.post(
    API_PATHS.adminInvites,
    { config: admin, schema: { body: CreateInviteBody, response: { 201: CreatedInviteResponse } } },
    async (request, reply) =>
      reply.code(201).send(await app.admin.createInvite(signedInUser(request), request.body)),
  );

  api.delete(
    '/api/admin/invites/:inviteId',
    { config: admin, schema: { params: InviteIdParams } },
    async (request, reply) => {
      await app.admin.revokeInvite(signedInUser(request), request.params.inviteId);
      return reply.code(204).send();
    },
  );

  api.get(
    API_PATHS.adminAudit,
    { config: admin, schema: { querystring: AuditQuery, response: { 200: AuditPage } } },
    (request) => app.admin.audit(request.query.before, request.query.limit ?? 50),
  );

  api.get(API_PATHS.adminStats, { config: admin, schema: { response: { 200: AdminStats } } }, async () => {
    const [appended, delivered] = await Promise.all([
      app.metrics.eventsAppended.get(),
      app.metrics.eventsDelivered.get(),
    ]);
    return {
      openStreams: app.hub.stats().open,
      eventsAppended: appended.values[0]?.value ?? 0,
      eventsDelivered: delivered.values[0]?.value ?? 0,
      uptimeSeconds: process.uptime(),
    };
  });

  api.get(
    API_PATHS.adminSettings,
    { config: admin, schema: { response: { 200: SettingsResponse } } },
    async () => ({
      settings: await app.admin.settings(),
    }),
  );

  api.patch(
    API_PATHS.adminSettings,
    { config: admin, schema: { body: UpdateSettingsBody, response: { 200: SettingsResponse } } },
    async (request) => ({
      settings: await app.admin.setSignUpMode(signedInUser(request), request.body.signUpMode),
    }),
  );
}
