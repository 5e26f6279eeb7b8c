import { Type, type Static } from '@sinclair/typebox';
import { PROTOCOL_VERSION } from './constants.js';
import {
  Id,
  Member,
  Message,
  NotificationLevel,
  Person,
  PresenceEntry,
  Room,
  RoomUnread,
  Seq,
  User,
} from './entities.js';

/**
 * Server-to-client events on `GET /api/events`. Each SSE frame's `data:` is one of these as JSON; the
 * frame has no `event:` field, so a client needs only `onmessage`.
 *
 * Persisted events (with `seq`) carry `id: <seq>`, so the browser resumes after them through
 * `Last-Event-ID`. `hello`, `resync` and `reconnect` are control events: only `resync` sets an `id:`
 * (the current head), so that the next reconnect starts from there.
 */
export const HelloEvent = Type.Object({
  type: Type.Literal('hello'),
  protocolVersion: Type.Literal(PROTOCOL_VERSION),
  user: User,
  /** The newest seq in the log when the stream opened. */
  seq: Seq,
  /** This stream's id, for reporting the tab as away (`PUT /api/presence`) and choosing whose presence it shows (`PUT /api/presence/watch`). */
  connectionId: Id,
  /** True when the server replays from the client's `Last-Event-ID`/`since` (no refetch needed). */
  resumed: Type.Boolean(),
});

/** The gap cannot be replayed (it is older than the log keeps, or from another database): refetch. */
export const ResyncEvent = Type.Object({
  type: Type.Literal('resync'),
  seq: Seq,
  reason: Type.Union([Type.Literal('gap_too_old'), Type.Literal('unknown_position')]),
});

/** The server is shutting down: reconnect (with `Last-Event-ID`) after a short, jittered delay. */
export const ReconnectEvent = Type.Object({
  type: Type.Literal('reconnect'),
  reason: Type.Literal('server_shutdown'),
});

export const MessageCreatedEvent = Type.Object({
  type: Type.Literal('message.created'),
  seq: Seq,
  roomId: Id,
  message: Message,
});

/** The author edited a message: replace it, keeping its place (its seq is the creation's). */
export const MessageUpdatedEvent = Type.Object({
  type: Type.Literal('message.updated'),
  seq: Seq,
  roomId: Id,
  message: Message,
});

export const MessageDeletedEvent = Type.Object({
  type: Type.Literal('message.deleted'),
  seq: Seq,
  roomId: Id,
  messageId: Id,
});

/** Someone reacted to a message with an emoji (never sent twice for the same person and emoji). */
export const ReactionAddedEvent = Type.Object({
  type: Type.Literal('reaction.added'),
  seq: Seq,
  roomId: Id,
  messageId: Id,
  emoji: Type.String(),
  user: Person,
});

/** Someone took their reaction back. A deleted message's reactions go with it, without this event. */
export const ReactionRemovedEvent = Type.Object({
  type: Type.Literal('reaction.removed'),
  seq: Seq,
  roomId: Id,
  messageId: Id,
  emoji: Type.String(),
  userId: Id,
});

/** The room's name or topic changed (sent to its members). */
export const RoomUpdatedEvent = Type.Object({
  type: Type.Literal('room.updated'),
  seq: Seq,
  roomId: Id,
  room: Room,
});

/**
 * Someone in the room changed their display name or avatar colour: one event per room they are in,
 * so it reaches exactly the people who share a room with them, and is replayed like the room's other
 * events. Whatever shows that person (messages, quotes, members, reactions, DMs) takes the new look.
 */
export const UserUpdatedEvent = Type.Object({
  type: Type.Literal('user.updated'),
  seq: Seq,
  roomId: Id,
  user: Person,
});

export const MemberJoinedEvent = Type.Object({
  type: Type.Literal('member.joined'),
  seq: Seq,
  roomId: Id,
  member: Member,
});

export const MemberLeftEvent = Type.Object({
  type: Type.Literal('member.left'),
  seq: Seq,
  roomId: Id,
  userId: Id,
});

/**
 * Sent to one user only: they are now in this room (joined, added, created it, or a DM was opened
 * with them). The stream starts carrying the room's events at once; fetch its history.
 */
export const RoomAddedEvent = Type.Object({
  type: Type.Literal('room.added'),
  seq: Seq,
  roomId: Id,
  room: Room,
});

/** Sent to one user only: they are no longer in this room; its events have stopped. */
export const RoomRemovedEvent = Type.Object({
  type: Type.Literal('room.removed'),
  seq: Seq,
  roomId: Id,
  reason: Type.Union([Type.Literal('left'), Type.Literal('removed')]),
});

/**
 * Sent to one user only: they read the room up to `unread.readSeq` (in this tab or another, on this
 * device or another). `unread` is their state as of this event (`unread.asOf` is its seq).
 */
export const RoomReadEvent = Type.Object({
  type: Type.Literal('room.read'),
  seq: Seq,
  roomId: Id,
  unread: RoomUnread,
});

/** Sent to one user only: they changed which messages of the room notify them. */
export const RoomNotificationsEvent = Type.Object({
  type: Type.Literal('room.notifications'),
  seq: Seq,
  roomId: Id,
  level: NotificationLevel,
});

/**
 * Ephemeral: someone in the room is typing. No seq, never replayed; it lapses after `expiresInMs`
 * unless repeated, and at once when their message arrives.
 */
export const TypingEvent = Type.Object({
  type: Type.Literal('typing'),
  roomId: Id,
  user: Person,
  expiresInMs: Type.Integer({ minimum: 0 }),
});

/**
 * Ephemeral: the presence of people this stream watches (`PUT /api/presence/watch`): their status when
 * the watch starts, then their changes, batched (at most one frame per interval). No seq; a new
 * stream watches again and gets the current statuses.
 */
export const PresenceEvent = Type.Object({
  type: Type.Literal('presence'),
  changes: Type.Array(PresenceEntry),
});

export const ServerEvent = Type.Union([
  HelloEvent,
  ResyncEvent,
  ReconnectEvent,
  MessageCreatedEvent,
  MessageUpdatedEvent,
  MessageDeletedEvent,
  ReactionAddedEvent,
  ReactionRemovedEvent,
  RoomUpdatedEvent,
  UserUpdatedEvent,
  MemberJoinedEvent,
  MemberLeftEvent,
  RoomAddedEvent,
  RoomRemovedEvent,
  RoomReadEvent,
  RoomNotificationsEvent,
  TypingEvent,
  PresenceEvent,
]);
export type ServerEvent = Static<typeof ServerEvent>;
export type HelloEvent = Static<typeof HelloEvent>;
export type ResyncEvent = Static<typeof ResyncEvent>;
export type ReconnectEvent = Static<typeof ReconnectEvent>;
export type MessageCreatedEvent = Static<typeof MessageCreatedEvent>;
export type MessageUpdatedEvent = Static<typeof MessageUpdatedEvent>;
export type MessageDeletedEvent = Static<typeof MessageDeletedEvent>;
export type ReactionAddedEvent = Static<typeof ReactionAddedEvent>;
export type ReactionRemovedEvent = Static<typeof ReactionRemovedEvent>;
export type RoomUpdatedEvent = Static<typeof RoomUpdatedEvent>;
export type UserUpdatedEvent = Static<typeof UserUpdatedEvent>;
export type MemberJoinedEvent = Static<typeof MemberJoinedEvent>;
export type MemberLeftEvent = Static<typeof MemberLeftEvent>;
export type RoomAddedEvent = Static<typeof RoomAddedEvent>;
export type RoomRemovedEvent = Static<typeof RoomRemovedEvent>;
export type RoomReadEvent = Static<typeof RoomReadEvent>;
export type RoomNotificationsEvent = Static<typeof RoomNotificationsEvent>;
export type TypingEvent = Static<typeof TypingEvent>;
export type PresenceEvent = Static<typeof PresenceEvent>;

/** Events that live in the log: they have a seq and a room, and are replayed on resume. */
export type LoggedEvent = Extract<ServerEvent, { seq: number; roomId: string }>;
export type ServerEventType = ServerEvent['type'];
