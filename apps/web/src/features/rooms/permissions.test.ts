import { describe, expect, it } from 'vitest';
import type { Room } from '@parley/protocol';
import {
  canAddMembers,
  canDeleteMessage,
  canEditTopic,
  canLeave,
  canRemoveMember,
  canRename,
} from './permissions';

type RoomView = Pick<Room, 'kind' | 'name' | 'myRole'>;
const member = { id: 'me', role: 'member' } as const;
const admin = { id: 'me', role: 'admin' } as const;
const publicRoom: RoomView = { kind: 'public', name: 'books', myRole: 'member' };
const ownedPrivate: RoomView = { kind: 'private', name: 'plans', myRole: 'owner' };
const joinedPrivate: RoomView = { kind: 'private', name: 'plans', myRole: 'member' };
const general: RoomView = { kind: 'public', name: 'general', myRole: 'member' };
const dm: RoomView = { kind: 'dm', name: '', myRole: 'member' };

describe('room permissions', () => {
  it('lets any member set a topic, except in DMs; renaming needs an owner or an admin', () => {
    expect(canEditTopic(publicRoom)).toBe(true);
    expect(canEditTopic(dm)).toBe(false);
    expect(canRename(publicRoom, member)).toBe(false);
    expect(canRename(ownedPrivate, member)).toBe(true);
    expect(canRename(publicRoom, admin)).toBe(true);
    expect(canRename(dm, admin)).toBe(false);
  });

  it('lets anyone leave a room but #general and DMs', () => {
    expect(canLeave(publicRoom)).toBe(true);
    expect(canLeave(joinedPrivate)).toBe(true);
    expect(canLeave(general)).toBe(false);
    expect(canLeave(dm)).toBe(false);
  });

  it('lets any member add people to a public room, and only owners and admins to a private one', () => {
    expect(canAddMembers(publicRoom, member)).toBe(true);
    expect(canAddMembers(joinedPrivate, member)).toBe(false);
    expect(canAddMembers(ownedPrivate, member)).toBe(true);
    expect(canAddMembers(joinedPrivate, admin)).toBe(true);
    expect(canAddMembers(dm, admin)).toBe(false);
    expect(canAddMembers(general, admin)).toBe(false);
  });

  it('lets owners and admins remove others, never themselves, never from #general or a DM', () => {
    expect(canRemoveMember(ownedPrivate, member, 'them')).toBe(true);
    expect(canRemoveMember(ownedPrivate, member, 'me')).toBe(false);
    expect(canRemoveMember(joinedPrivate, member, 'them')).toBe(false);
    expect(canRemoveMember(publicRoom, admin, 'them')).toBe(true);
    expect(canRemoveMember(general, admin, 'them')).toBe(false);
    expect(canRemoveMember(dm, admin, 'them')).toBe(false);
  });

  it('lets the author, a room owner or an admin delete a message', () => {
    expect(canDeleteMessage(publicRoom, member, 'me')).toBe(true);
    expect(canDeleteMessage(publicRoom, member, 'them')).toBe(false);
    expect(canDeleteMessage(ownedPrivate, member, 'them')).toBe(true);
    expect(canDeleteMessage(dm, admin, 'them')).toBe(true);
  });
});
