import { Type, type Static } from '@sinclair/typebox';
import { LIMITS, USERNAME_PATTERN } from './constants.js';
import { Id, Message, Room, Seq, User } from './entities.js';

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

export const HistoryQuery = Type.Object(
  {
    /** Only messages with a seq strictly below this one (the cursor from the previous page). */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
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
});
export type HistoryPage = Static<typeof HistoryPage>;

export const PostMessageBody = Type.Object(
  {
    id: Id,
    body: Type.String({ minLength: 1, maxLength: LIMITS.messageBodyMax }),
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
