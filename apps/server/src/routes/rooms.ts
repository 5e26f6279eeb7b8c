import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  API_PATHS,
  AddMemberBody,
  CreateRoomBody,
  MemberParams,
  MemberResponse,
  MembersQuery,
  MembersResponse,
  OpenDmBody,
  RoomParams,
  RoomResponse,
  RoomsResponse,
  UpdateRoomBody,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { roomRole, signedInUser } from '../plugins/auth.js';

export function roomRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    API_PATHS.rooms,
    { config: { access: 'user' }, schema: { response: { 200: RoomsResponse } } },
    async (request) => {
      const user = signedInUser(request);
      return { rooms: await app.reads.withReaderState(user, await app.rooms.list(user)) };
    },
  );

  api.get(
    API_PATHS.roomsBrowse,
    { config: { access: 'user' }, schema: { response: { 200: RoomsResponse } } },
    async (request) => ({ rooms: await app.rooms.browse(signedInUser(request)) }),
  );

  api.post(
    API_PATHS.rooms,
    { config: { access: 'user' }, schema: { body: CreateRoomBody, response: { 201: RoomResponse } } },
    async (request, reply) => {
      const room = await app.rooms.create(signedInUser(request), request.body);
      return reply.code(201).send({ room });
    },
  );

  api.get(
    '/api/rooms/:roomId',
    { config: { access: 'member' }, schema: { params: RoomParams, response: { 200: RoomResponse } } },
    async (request) => ({ room: await app.rooms.view(signedInUser(request), request.params.roomId) }),
  );

  api.patch(
    '/api/rooms/:roomId',
    {
      config: { access: 'member' },
      schema: { params: RoomParams, body: UpdateRoomBody, response: { 200: RoomResponse } },
    },
    async (request) => ({
      room: await app.rooms.update(
        signedInUser(request),
        request.params.roomId,
        roomRole(request),
        request.body,
      ),
    }),
  );

  api.post(
    '/api/rooms/:roomId/join',
    { config: { access: 'user' }, schema: { params: RoomParams, response: { 200: RoomResponse } } },
    async (request) => ({ room: await app.rooms.join(signedInUser(request), request.params.roomId) }),
  );

  api.post(
    '/api/rooms/:roomId/leave',
    { config: { access: 'member' }, schema: { params: RoomParams } },
    async (request, reply) => {
      await app.rooms.leave(signedInUser(request), request.params.roomId);
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/rooms/:roomId/members',
    {
      config: { access: 'member' },
      schema: { params: RoomParams, querystring: MembersQuery, response: { 200: MembersResponse } },
    },
    async (request) => app.rooms.members(request.params.roomId, request.query),
  );

  api.post(
    '/api/rooms/:roomId/members',
    {
      config: { access: 'member' },
      schema: { params: RoomParams, body: AddMemberBody, response: { 201: MemberResponse } },
    },
    async (request, reply) => {
      const member = await app.rooms.addMember(
        signedInUser(request),
        request.params.roomId,
        roomRole(request),
        request.body.userId,
      );
      return reply.code(201).send({ member });
    },
  );

  // Not `member`: admins may remove people from rooms they are not in. The service hides rooms the
  // caller may not see behind the same 404.
  api.delete(
    '/api/rooms/:roomId/members/:userId',
    { config: { access: 'user' }, schema: { params: MemberParams } },
    async (request, reply) => {
      await app.rooms.removeMember(signedInUser(request), request.params.roomId, request.params.userId);
      return reply.code(204).send();
    },
  );

  api.post(
    API_PATHS.dms,
    {
      config: { access: 'user' },
      schema: { body: OpenDmBody, response: { 200: RoomResponse, 201: RoomResponse } },
    },
    async (request, reply) => {
      const { room, created } = await app.rooms.openDm(signedInUser(request), request.body.userIds);
      return reply.code(created ? 201 : 200).send({ room });
    },
  );
}
