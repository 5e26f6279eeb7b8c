import { Type, type Static } from '@sinclair/typebox';

export const Id = Type.String({ format: 'uuid' });

/** The sequence number of an event in the log; it only grows. */
export const Seq = Type.Integer({ minimum: 0 });

const Timestamp = Type.String({ format: 'date-time' });

/** `#rrggbb`, the background of the user's initials. */
export const AvatarColor = Type.String({ pattern: '^#[0-9a-f]{6}$' });

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export type Role = Static<typeof Role>;

export const User = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    avatarColor: AvatarColor,
    role: Role,
    createdAt: Timestamp,
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/** What other people see of someone: a message's author, a member, a search result. */
export const Person = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  avatarColor: AvatarColor,
});
export type Person = Static<typeof Person>;
/** A message's author is a person. */
export const Author = Person;
export type Author = Person;

export const RoomKind = Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('dm')]);
export type RoomKind = Static<typeof RoomKind>;

export const MemberRole = Type.Union([Type.Literal('owner'), Type.Literal('member')]);
export type MemberRole = Static<typeof MemberRole>;

/**
 * A room as its members see it. A DM has no name of its own (`name` is empty): the client names it
 * after `dmMembers`, the other people in it.
 */
export const Room = Type.Object(
  {
    id: Id,
    kind: RoomKind,
    name: Type.String(),
    topic: Type.String(),
    memberCount: Type.Integer({ minimum: 0 }),
    /** The reader's role in the room; absent when the reader is not a member (browsing). */
    myRole: Type.Optional(MemberRole),
    /** DMs only: everyone in it but the reader. */
    dmMembers: Type.Optional(Type.Array(Person)),
    createdAt: Timestamp,
  },
  { $id: 'Room' },
);
export type Room = Static<typeof Room>;

export const Member = Type.Object({
  person: Person,
  role: MemberRole,
  joinedAt: Timestamp,
});
export type Member = Static<typeof Member>;

export const Message = Type.Object(
  {
    /** Chosen by the client (UUID), which makes posting idempotent. */
    id: Id,
    roomId: Id,
    /** The seq of the event that created the message; orders a room's history. */
    seq: Seq,
    author: Author,
    body: Type.String(),
    createdAt: Timestamp,
    /** Set once the author has edited the message. */
    editedAt: Type.Optional(Timestamp),
  },
  { $id: 'Message' },
);
export type Message = Static<typeof Message>;

/** One signed-in browser or device of the reader. */
export const SessionInfo = Type.Object({
  id: Id,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  userAgent: Type.String(),
  current: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const Invite = Type.Object({
  id: Id,
  createdBy: Person,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  maxUses: Type.Integer({ minimum: 1 }),
  uses: Type.Integer({ minimum: 0 }),
  revoked: Type.Boolean(),
});
export type Invite = Static<typeof Invite>;

export const AdminUser = Type.Object({
  person: Person,
  role: Role,
  createdAt: Timestamp,
  deactivated: Type.Boolean(),
});
export type AdminUser = Static<typeof AdminUser>;

export const AUDIT_ACTIONS = [
  'user.deactivated',
  'message.deleted',
  'member.removed',
  'invite.created',
  'invite.revoked',
  'settings.changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = Type.Object({
  id: Id,
  at: Timestamp,
  actor: Person,
  action: Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action))),
  /** What was acted on, e.g. a user id or a message id. */
  target: Type.String(),
  /** Human-readable context: the room, the user's name, the old and new values. */
  details: Type.Record(Type.String(), Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const SignUpMode = Type.Union([Type.Literal('open'), Type.Literal('invite_only')]);
export type SignUpMode = Static<typeof SignUpMode>;

export const Settings = Type.Object({ signUpMode: SignUpMode });
export type Settings = Static<typeof Settings>;
