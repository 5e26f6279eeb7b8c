import { Type, type Static } from '@sinclair/typebox';
import { LIMITS, USERNAME_PATTERN } from './constants.js';
import {
  AdminUser,
  AuditEntry,
  AvatarColor,
  Id,
  Invite,
  Member,
  Message,
  NotificationLevel,
  Person,
  Reaction,
  Room,
  RoomUnread,
  Seq,
  SessionInfo,
  Settings,
  SignUpMode,
  User,
} from './entities.js';

export const Credentials = Type.Object(
  {
    username: Type.String({
      minLength: LIMITS.usernameMin,
      maxLength: LIMITS.usernameMax,
      pattern: USERNAME_PATTERN,
    }),
    password: Type.String({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);

export const SignUpBody = Type.Object(
  {
    username: Credentials.properties.username,
    password: Credentials.properties.password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax })),
    /** Required while sign-up is invite-only: the token from an invite link. */
    inviteToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SessionResponse = Type.Object({ user: User });
export type SessionResponse = Static<typeof SessionResponse>;

export const RoomsResponse = Type.Object({ rooms: Type.Array(Room) });
export type RoomsResponse = Static<typeof RoomsResponse>;

export const RoomParams = Type.Object({ roomId: Id });
export type RoomParams = Static<typeof RoomParams>;

/**
 * At most one of `before`, `after` and `around`; none asks for the newest page. A page always lists
 * its messages newest first.
 */
export const HistoryQuery = Type.Object(
  {
    /** Only messages with a seq strictly below this one (the cursor from the previous page). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    /** The oldest `limit` messages with a seq strictly above this one (reading towards the newest). */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    /**
     * A page with this message in the middle (about half older, half newer), for jumping to it. A
     * message that is not in the room, or deleted, is 404 `not_found`.
     */
    around: Type.Optional(Id),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: LIMITS.historyPageMax, default: LIMITS.historyPageDefault }),
    ),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryPage = Type.Object({
  /** Newest first. */
  messages: Type.Array(Message),
  /** Pass as `before` for the next (older) page; null when there is nothing older. */
  nextBefore: Type.Union([Seq, Type.Null()]),
  /**
   * Pass as `after` for the next newer page; null when this page reaches the newest message. Only
   * `after` and `around` pages have it: the newest page and `before` pages are read from the newer side.
   */
  nextAfter: Type.Optional(Type.Union([Seq, Type.Null()])),
});
export type HistoryPage = Static<typeof HistoryPage>;

export const PostMessageBody = Type.Object(
  {
    id: Id,
    body: Type.String({ minLength: 1, maxLength: LIMITS.messageBodyMax }),
    /** The message this one replies to, in the same room. */
    replyTo: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type PostMessageBody = Static<typeof PostMessageBody>;

export const PostMessageResponse = Type.Object({ message: Message });
export type PostMessageResponse = Static<typeof PostMessageResponse>;

export const EventsQuery = Type.Object({
  /** The last seq the client holds, for a first connect from cached state. `Last-Event-ID` wins. */
  since: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type EventsQuery = Static<typeof EventsQuery>;

export const HealthResponse = Type.Object({ status: Type.Literal('ok') });

export const AuthOptions = Type.Object({ signUpMode: SignUpMode });
export type AuthOptions = Static<typeof AuthOptions>;

export const InviteParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const InvitePreview = Type.Object({ expiresAt: Type.String({ format: 'date-time' }) });
export type InvitePreview = Static<typeof InvitePreview>;

export const UpdateProfileBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax })),
    avatarColor: Type.Optional(AvatarColor),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    newPassword: Credentials.properties.password,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const SessionsResponse = Type.Object({ sessions: Type.Array(SessionInfo) });
export type SessionsResponse = Static<typeof SessionsResponse>;
export const SessionParams = Type.Object({ sessionId: Id });

/** Commas between usernames, none around them: `alice,bob.smith`. */
export const USERNAME_LIST_PATTERN = '^[a-z0-9_.-]+(,[a-z0-9_.-]+)*$';

/**
 * `q`: active people whose username or display name contains it; with `notIn`, only those not in that
 * room (the reader must be in it: 404 otherwise), for adding people. `usernames`: exactly these people,
 * deactivated ones included (old messages still name them), for showing the @names of messages.
 */
export const PeopleQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: LIMITS.usernameMax })),
    notIn: Type.Optional(Id),
    usernames: Type.Optional(
      Type.String({
        pattern: USERNAME_LIST_PATTERN,
        maxLength: LIMITS.peopleLookupMax * (LIMITS.usernameMax + 1),
      }),
    ),
  },
  { additionalProperties: false },
);
export type PeopleQuery = Static<typeof PeopleQuery>;
export const PeopleResponse = Type.Object({ people: Type.Array(Person) });
export type PeopleResponse = Static<typeof PeopleResponse>;

/** One tab's stream (the `connectionId` from its `hello`) went to the background or came back. */
export const PresenceBody = Type.Object(
  { connectionId: Id, away: Type.Boolean() },
  { additionalProperties: false },
);
export type PresenceBody = Static<typeof PresenceBody>;

/**
 * The people whose presence one stream shows (replacing what it watched before). Their current
 * status comes on that stream at once, then every change of theirs; no one else's.
 */
export const PresenceWatchBody = Type.Object(
  {
    connectionId: Id,
    userIds: Type.Array(Id, { maxItems: LIMITS.presenceWatchMax, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type PresenceWatchBody = Static<typeof PresenceWatchBody>;

export const CreateRoomBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.roomNameMax }),
    topic: Type.Optional(Type.String({ maxLength: LIMITS.topicMax })),
    kind: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  },
  { additionalProperties: false },
);
export type CreateRoomBody = Static<typeof CreateRoomBody>;

export const UpdateRoomBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.roomNameMax })),
    topic: Type.Optional(Type.String({ maxLength: LIMITS.topicMax })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateRoomBody = Static<typeof UpdateRoomBody>;

export const RoomResponse = Type.Object({ room: Room });
export type RoomResponse = Static<typeof RoomResponse>;

/** Base64url: the server's own cursor, given back as it was. */
export const MEMBERS_CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';

/**
 * Without `q`: a page of the room's members, owners first, then by display name; `after` is the
 * previous page's `nextAfter`. With `q`: the members whose username, or a word of whose display name,
 * starts with it (any case), those whose username does first; at most `limit`, with no further pages.
 */
export const MembersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax })),
    after: Type.Optional(Type.String({ pattern: MEMBERS_CURSOR_PATTERN, maxLength: 512 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.membersPageMax })),
  },
  { additionalProperties: false },
);
export type MembersQuery = Static<typeof MembersQuery>;
export const MembersResponse = Type.Object({
  members: Type.Array(Member),
  /** The cursor of the next page; null on the last page and for a search. */
  nextAfter: Type.Union([Type.String(), Type.Null()]),
});
export type MembersResponse = Static<typeof MembersResponse>;
export const AddMemberBody = Type.Object({ userId: Id }, { additionalProperties: false });
export type AddMemberBody = Static<typeof AddMemberBody>;
export const MemberParams = Type.Object({ roomId: Id, userId: Id });
export const MemberResponse = Type.Object({ member: Member });
export type MemberResponse = Static<typeof MemberResponse>;

export const MessageParams = Type.Object({ roomId: Id, messageId: Id });

/** The emoji is checked by the service (one RGI emoji), which answers `invalid_emoji`. */
export const ReactionParams = Type.Object({
  roomId: Id,
  messageId: Id,
  emoji: Type.String({ minLength: 1, maxLength: LIMITS.reactionEmojiMax }),
});
export type ReactionParams = Static<typeof ReactionParams>;

/** The message's reactions after the change (or after nothing changed, for a repeated request). */
export const ReactionsResponse = Type.Object({ messageId: Id, reactions: Type.Array(Reaction) });
export type ReactionsResponse = Static<typeof ReactionsResponse>;

export const EditMessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: LIMITS.messageBodyMax }) },
  { additionalProperties: false },
);
export type EditMessageBody = Static<typeof EditMessageBody>;

/** Start a DM with these people (the reader is added); the same people again open the same DM. */
export const OpenDmBody = Type.Object(
  { userIds: Type.Array(Id, { minItems: 1, maxItems: LIMITS.dmMembersMax - 1, uniqueItems: true }) },
  { additionalProperties: false },
);
export type OpenDmBody = Static<typeof OpenDmBody>;

export const UserParams = Type.Object({ userId: Id });
export const AdminUsersResponse = Type.Object({ users: Type.Array(AdminUser) });
export type AdminUsersResponse = Static<typeof AdminUsersResponse>;

export const CreateInviteBody = Type.Object(
  {
    expiresInHours: Type.Integer({ minimum: 1, maximum: LIMITS.inviteMaxHours }),
    maxUses: Type.Integer({ minimum: 1, maximum: LIMITS.inviteMaxUses }),
  },
  { additionalProperties: false },
);
export type CreateInviteBody = Static<typeof CreateInviteBody>;
/** The token is shown once, at creation; the server keeps only its hash. */
export const CreatedInviteResponse = Type.Object({ invite: Invite, token: Type.String() });
export type CreatedInviteResponse = Static<typeof CreatedInviteResponse>;
export const InvitesResponse = Type.Object({ invites: Type.Array(Invite) });
export type InvitesResponse = Static<typeof InvitesResponse>;
export const InviteIdParams = Type.Object({ inviteId: Id });

/** An audit cursor: the last entry's time, and its id to break ties between entries of one millisecond. */
export const AUDIT_CURSOR_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z(~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$';

export const AuditQuery = Type.Object(
  {
    /** The `nextBefore` of the previous page (opaque; a bare date-time also works). */
    before: Type.Optional(Type.String({ pattern: AUDIT_CURSOR_PATTERN, maxLength: 80 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.auditPageMax, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditPage = Type.Object({
  /** Newest first. */
  entries: Type.Array(AuditEntry),
  /** Pass as `before` for older entries; null at the end. */
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPage>;

export const SettingsResponse = Type.Object({ settings: Settings });
export type SettingsResponse = Static<typeof SettingsResponse>;
export const UpdateSettingsBody = Type.Object({ signUpMode: SignUpMode }, { additionalProperties: false });
export type UpdateSettingsBody = Static<typeof UpdateSettingsBody>;

export const SearchQuery = Type.Object(
  {
    /** Words separated by spaces; a hit contains every one, anywhere, ignoring case (CJK too). */
    q: Type.String({ minLength: 1, maxLength: LIMITS.searchQueryMax }),
    /** Only this room (one the reader is in; any other is 404 `not_found`). */
    roomId: Type.Optional(Id),
    /** Only messages by this person. */
    authorId: Type.Optional(Id),
    /** Only messages with a seq below this (the cursor from the previous page). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: LIMITS.searchPageMax, default: LIMITS.searchPageDefault }),
    ),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** Where a search word occurs in a message's body: UTF-16 offsets, `end` exclusive, as String#slice takes them. */
export const TextRange = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
});
export type TextRange = Static<typeof TextRange>;

export const SearchHit = Type.Object({
  message: Message,
  /** In order, not overlapping; plain offsets, never markup, so the client renders the text safely. */
  highlights: Type.Array(TextRange),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchPage = Type.Object({
  /** Newest first. A page may hold fewer hits than `limit`, even none, and still have a next one. */
  hits: Type.Array(SearchHit),
  /** Pass as `before` for the next (older) page; null when nothing older is left to search. */
  nextBefore: Type.Union([Seq, Type.Null()]),
});
export type SearchPage = Static<typeof SearchPage>;

/** Live counters of this instance; the admin page polls them and shows rates. */
export const AdminStats = Type.Object({
  openStreams: Type.Integer({ minimum: 0 }),
  /** Cumulative since the process started: events committed, and event deliveries to streams. */
  eventsAppended: Type.Integer({ minimum: 0 }),
  eventsDelivered: Type.Integer({ minimum: 0 }),
  uptimeSeconds: Type.Number({ minimum: 0 }),
});
export type AdminStats = Static<typeof AdminStats>;

/**
 * Marks a room read up to a message, named by its seq or its id (exactly one). A position behind the
 * reader's current one changes nothing: it never moves back.
 */
export const MarkReadBody = Type.Object(
  { seq: Type.Optional(Seq), messageId: Type.Optional(Id) },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);
export type MarkReadBody = Static<typeof MarkReadBody>;
export const RoomUnreadResponse = Type.Object({ unread: RoomUnread });
export type RoomUnreadResponse = Static<typeof RoomUnreadResponse>;

export const NotificationLevelBody = Type.Object(
  { level: NotificationLevel },
  { additionalProperties: false },
);
export type NotificationLevelBody = Static<typeof NotificationLevelBody>;
export const NotificationLevelResponse = Type.Object({ level: NotificationLevel });
export type NotificationLevelResponse = Static<typeof NotificationLevelResponse>;
