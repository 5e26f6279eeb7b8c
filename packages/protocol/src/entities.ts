import { Type, type Static } from '@sinclair/typebox';

export const Id = Type.String({ format: 'uuid' });

/** The sequence number of an event in the log; it only grows. */
export const Seq = Type.Integer({ minimum: 0 });

export const User = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/** What other people see of a message's author. */
export const Author = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
});
export type Author = Static<typeof Author>;

export const Room = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    name: Type.String(),
    topic: Type.String(),
    kind: Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('dm')]),
  },
  { $id: 'Room' },
);
export type Room = Static<typeof Room>;

export const Message = Type.Object(
  {
    /** Chosen by the client (UUID), which makes posting idempotent. */
    id: Id,
    roomId: Id,
    /** The seq of the event that created the message; orders a room's history. */
    seq: Seq,
    author: Author,
    body: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Message' },
);
export type Message = Static<typeof Message>;
