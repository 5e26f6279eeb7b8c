import { randomUUID } from 'node:crypto';
import type {
  CreateRoomBody,
  Member,
  MemberRole,
  MembersQuery,
  MembersResponse,
  Room,
  UpdateRoomBody,
  User,
} from '@parley/protocol';
import { GENERAL_ROOM_NAME, LIMITS } from '@parley/protocol';
import type { PublishedEvent } from '../bus/bus.js';
import { AppError } from '../errors.js';
import { userChannel } from '../store/event-log.js';
import type { MemberCursor } from '../store/rooms.js';
import type { Store, Tables } from '../store/store.js';
import type { AccessCache } from './access-cache.js';
import type { Writer } from './writer.js';

const notFound = () => new AppError('not_found', 'No such room');

/** A room as `userId` sees it, read inside the transaction that just changed it. */
async function viewOf(t: Tables, roomId: string, userId: string): Promise<Room> {
  const room = await t.rooms.view(roomId, userId);
  if (!room) throw notFound();
  return room;
}

async function memberOf(t: Tables, roomId: string, userId: string): Promise<Member> {
  const member = await t.rooms.member(roomId, userId);
  if (!member) throw new AppError('not_found', 'Not a member');
  return member;
}

/** The cursor as the client holds it: opaque, and checked when it comes back. */
export function encodeMemberCursor(cursor: MemberCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.name, cursor.id])).toString('base64url');
}

export function decodeMemberCursor(text: string): MemberCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
  } catch {
    value = undefined;
  }
  const [rank, name, id, ...rest] = Array.isArray(value) ? (value as unknown[]) : [];
  if ((rank === 0 || rank === 1) && typeof name === 'string' && typeof id === 'string' && rest.length === 0) {
    return { rank, name, id };
  }
  throw new AppError('validation_failed', 'That is not a cursor this server gave');
}

/** Rooms, DMs and who is in them. Every membership change is an event, so open streams follow it. */
export class RoomsService {
  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
    private readonly cache: AccessCache,
  ) {}

  list(user: User): Promise<Room[]> {
    return this.store.rooms.listForUser(user.id);
  }

  /** The user's role in the room, or undefined when they are not in it. */
  roleOf(user: User, roomId: string): Promise<MemberRole | undefined> {
    return this.cache.role(user.id, roomId, () => this.store.rooms.role(roomId, user.id));
  }

  /** The rooms whose events the user's stream carries. */
  roomIdsOf(user: User): Promise<string[]> {
    return this.store.rooms.roomIdsForUser(user.id);
  }

  browse(user: User): Promise<Room[]> {
    return this.store.rooms.listPublic(user.id);
  }

  /** Only for members (the route's access rule has checked). */
  async view(user: User, roomId: string): Promise<Room> {
    const room = await this.store.rooms.view(roomId, user.id);
    if (!room) throw notFound();
    return room;
  }

  /** A page of the room's members, or those matching `q` (see `MembersQuery`). */
  async members(roomId: string, query: MembersQuery): Promise<MembersResponse> {
    if (query.q !== undefined) {
      const q = query.q.trim().toLowerCase();
      if (q === '') throw new AppError('validation_failed', 'Search for at least one character');
      if (query.after !== undefined) throw new AppError('validation_failed', 'A search has no further pages');
      const limit = query.limit ?? LIMITS.memberSearchDefault;
      return { members: await this.store.rooms.searchMembers(roomId, q, limit), nextAfter: null };
    }
    const after = query.after === undefined ? undefined : decodeMemberCursor(query.after);
    const page = await this.store.rooms.memberPage(roomId, after, query.limit ?? LIMITS.membersPageDefault);
    return { members: page.members, nextAfter: page.next && encodeMemberCursor(page.next) };
  }

  create(user: User, input: CreateRoomBody): Promise<Room> {
    const name = input.name.trim();
    if (name === '') throw new AppError('validation_failed', 'A room needs a name');
    return this.writer.write(async (t) => {
      const now = new Date();
      const id = randomUUID();
      const created = await t.rooms.create({
        id,
        kind: input.kind,
        name,
        topic: input.topic?.trim() ?? '',
        now,
      });
      if (created === 'room_name_taken')
        throw new AppError('room_name_taken', 'A room with that name exists');
      const added = await addMember(t, id, user.id, 'owner', now);
      return { value: added.room, events: added.events };
    });
  }

  update(user: User, roomId: string, role: MemberRole, input: UpdateRoomBody): Promise<Room> {
    return this.writer.write(async (t) => {
      const room = await t.rooms.find(roomId);
      if (!room) throw notFound();
      if (room.kind === 'dm') throw new AppError('forbidden', 'A DM has no name or topic');
      if (input.name !== undefined) {
        const name = input.name.trim();
        if (role !== 'owner' && user.role !== 'admin') {
          throw new AppError('forbidden', 'Only the room owner or an admin can rename it');
        }
        if (room.name === GENERAL_ROOM_NAME) throw new AppError('forbidden', '#general keeps its name');
        if (name === '') throw new AppError('validation_failed', 'A room needs a name');
        if ((await t.rooms.rename(roomId, name)) === 'room_name_taken') {
          throw new AppError('room_name_taken', 'A room with that name exists');
        }
      }
      if (input.topic !== undefined) await t.rooms.setTopic(roomId, input.topic.trim());
      const view = await t.rooms.view(roomId, '');
      if (!view) throw notFound();
      const { myRole: _role, ...shared } = view;
      const event = await t.events.append(
        roomId,
        (seq) => ({ type: 'room.updated', seq, roomId, room: shared }),
        new Date(),
      );
      return { value: { ...view, myRole: role }, events: [event] };
    });
  }

  /** Public rooms only; for any other room this is indistinguishable from a missing one. */
  join(user: User, roomId: string): Promise<Room> {
    return this.writer.write(async (t) => {
      const room = await t.rooms.find(roomId);
      if (room?.kind !== 'public') throw notFound();
      const existing = await t.rooms.role(roomId, user.id);
      if (existing) {
        return { value: await viewOf(t, roomId, user.id), events: [] };
      }
      const added = await addMember(t, roomId, user.id, 'member', new Date());
      return { value: added.room, events: added.events };
    });
  }

  leave(user: User, roomId: string): Promise<void> {
    return this.writer.write(async (t) => {
      const room = await t.rooms.find(roomId);
      if (!room) throw notFound();
      if (room.kind === 'dm' || (room.kind === 'public' && room.name === GENERAL_ROOM_NAME)) {
        throw new AppError('cannot_leave', 'This room cannot be left');
      }
      const events = await removeMember(t, roomId, user.id, 'left', new Date());
      return { value: undefined, events };
    });
  }

  addMember(actor: User, roomId: string, actorRole: MemberRole, userId: string): Promise<Member> {
    return this.writer.write(async (t) => {
      const room = await t.rooms.find(roomId);
      if (!room) throw notFound();
      if (room.kind === 'dm') throw new AppError('forbidden', 'People cannot be added to a DM');
      if (room.kind === 'private' && actorRole !== 'owner' && actor.role !== 'admin') {
        throw new AppError('forbidden', 'Only the room owner or an admin can add people to a private room');
      }
      const target = await t.users.findById(userId);
      if (!target || target.deactivated) throw new AppError('not_found', 'No such person');
      if (await t.rooms.role(roomId, userId)) throw new AppError('already_member', 'Already in this room');
      const added = await addMember(t, roomId, userId, 'member', new Date());
      return { value: await memberOf(t, roomId, userId), events: added.events };
    });
  }

  /** Room owners (who are members) and admins (even when not in the room) may remove people. */
  removeMember(actor: User, roomId: string, userId: string): Promise<void> {
    return this.writer.write(async (t) => {
      const room = await t.rooms.find(roomId);
      const actorRole = await t.rooms.role(roomId, actor.id);
      if (!room || (!actorRole && actor.role !== 'admin')) throw notFound();
      if (actorRole !== 'owner' && actor.role !== 'admin') {
        throw new AppError('forbidden', 'Only the room owner or an admin can remove people');
      }
      if (room.kind === 'dm' || (room.kind === 'public' && room.name === GENERAL_ROOM_NAME)) {
        throw new AppError('forbidden', 'Nobody can be removed from this room');
      }
      const target = await t.users.findById(userId);
      if (!target || !(await t.rooms.role(roomId, userId))) throw new AppError('not_found', 'Not a member');
      const now = new Date();
      const events = await removeMember(t, roomId, userId, userId === actor.id ? 'left' : 'removed', now);
      if (userId !== actor.id) {
        await t.audit.record({
          id: randomUUID(),
          actorId: actor.id,
          action: 'member.removed',
          target: userId,
          details: { username: target.username, room: room.name, roomId },
          now,
        });
      }
      return { value: undefined, events };
    });
  }

  /** The same set of people always gets the same DM. */
  openDm(user: User, userIds: readonly string[]): Promise<{ room: Room; created: boolean }> {
    const ids = [...new Set([user.id, ...userIds])].sort();
    if (ids.length < 2) throw new AppError('validation_failed', 'A DM needs someone else in it');
    const dmKey = ids.join(',');
    return this.writer.write<{ room: Room; created: boolean }>(async (t) => {
      const existing = await t.rooms.findDm(dmKey);
      if (existing) {
        return { value: { room: await viewOf(t, existing.id, user.id), created: false }, events: [] };
      }
      for (const id of ids) {
        const person = await t.users.findById(id);
        if (!person || person.deactivated) throw new AppError('not_found', 'No such person');
      }
      const now = new Date();
      const roomId = randomUUID();
      await t.rooms.create({ id: roomId, kind: 'dm', name: '', topic: '', dmKey, now });
      const events: PublishedEvent[] = [];
      for (const id of ids) await t.rooms.addMember(roomId, id, 'member', now);
      for (const id of ids) events.push(...(await announceRoom(t, roomId, id, now)));
      return { value: { room: await viewOf(t, roomId, user.id), created: true }, events };
    });
  }
}

/** Adds someone to a room and tells the room (member list) and them (sidebar, live subscription). */
async function addMember(t: Tables, roomId: string, userId: string, role: MemberRole, now: Date) {
  await t.rooms.addMember(roomId, userId, role, now);
  const member = await memberOf(t, roomId, userId);
  const joined = await t.events.append(
    roomId,
    (seq) => ({ type: 'member.joined', seq, roomId, member }),
    now,
  );
  const events = [joined, ...(await announceRoom(t, roomId, userId, now))];
  return { room: await viewOf(t, roomId, userId), events };
}

async function announceRoom(t: Tables, roomId: string, userId: string, now: Date): Promise<PublishedEvent[]> {
  const room = await viewOf(t, roomId, userId);
  const added = await t.events.append(
    userChannel(userId),
    (seq) => ({ type: 'room.added', seq, roomId, room }),
    now,
  );
  return [{ ...added, membership: { userId, roomId, change: 'added' } }];
}

async function removeMember(
  t: Tables,
  roomId: string,
  userId: string,
  reason: 'left' | 'removed',
  now: Date,
): Promise<PublishedEvent[]> {
  if (!(await t.rooms.removeMember(roomId, userId))) throw new AppError('not_found', 'Not a member');
  // The personal event goes first: the hub drops the subscription before the room hears of it.
  const removed = await t.events.append(
    userChannel(userId),
    (seq) => ({ type: 'room.removed', seq, roomId, reason }),
    now,
  );
  const left = await t.events.append(roomId, (seq) => ({ type: 'member.left', seq, roomId, userId }), now);
  return [{ ...removed, membership: { userId, roomId, change: 'removed' } }, left];
}
