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
/** Where someone is: a stream open and in use, open but in the background or idle, or none open. */
export const PresenceStatus = Type.Union([
  Type.Literal('online'),
  Type.Literal('away'),
  Type.Literal('offline'),
]);
export type PresenceStatus = Static<typeof PresenceStatus>;

export const PresenceEntry = Type.Object({ userId: Id, status: PresenceStatus });
export type PresenceEntry = Static<typeof PresenceEntry>;

export const Author = Person;
export type Author = Person;

export const RoomKind = Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('dm')]);
export type RoomKind = Static<typeof RoomKind>;

export const MemberRole = Type.Union([Type.Literal('owner'), Type.Literal('member')]);
export type MemberRole = Static<typeof MemberRole>;

/**
 * Which new messages of a room notify the reader: every one, only those that mention them (every DM
 * message counts as a mention), or none. Unset, rooms notify on mentions and DMs on every message.
 */
export const NotificationLevel = Type.Union([
  Type.Literal('all'),
  Type.Literal('mentions'),
  Type.Literal('none'),
]);
export type NotificationLevel = Static<typeof NotificationLevel>;

/**
 * The reader's place in a room. The counts are of other people's messages after `readSeq`, as of the
 * log position `asOf`: a client adds the messages it receives with a seq above `asOf` itself.
 */
export const RoomUnread = Type.Object({
  /** The seq of the last message the reader has read (0: none). It never moves back. */
  readSeq: Seq,
  unreadCount: Type.Integer({ minimum: 0 }),
  /** Unread messages that mention the reader; in a DM, every unread message. */
  mentionCount: Type.Integer({ minimum: 0 }),
  asOf: Seq,
});
export type RoomUnread = Static<typeof RoomUnread>;

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
    /** The reader's unread state; in the list of the reader's own rooms. */
    unread: Type.Optional(RoomUnread),
    /** The reader's notification level for the room; in the list of the reader's own rooms. */
    notifications: Type.Optional(NotificationLevel),
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

/** One emoji on a message and the people who reacted with it, in the order they did. */
export const Reaction = Type.Object({
  emoji: Type.String(),
  users: Type.Array(Person),
});
export type Reaction = Static<typeof Reaction>;

/**
 * What a reply shows of the message it answers, always in the same room. Read when the reply is read,
 * so it follows edits; once the original is deleted only `deleted: true` remains of it.
 */
export const QuotedMessage = Type.Object({
  id: Id,
  /** The original's place in history, to jump to it. */
  seq: Seq,
  deleted: Type.Boolean(),
  author: Type.Optional(Person),
  /** The start of the original's text, at most `LIMITS.quoteExcerptMax` characters. */
  excerpt: Type.Optional(Type.String()),
});
export type QuotedMessage = Static<typeof QuotedMessage>;

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
    /** Absent when nobody has reacted. Ordered by each emoji's first use. */
    reactions: Type.Optional(Type.Array(Reaction)),
    /** Present when the message is a reply. */
    replyTo: Type.Optional(QuotedMessage),
    /**
     * Ids of the room members the body @mentions, in the order they first appear; worked out by the
     * server when the message is posted or edited. Names that are not members are left out.
     */
    mentions: Type.Array(Id),
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
