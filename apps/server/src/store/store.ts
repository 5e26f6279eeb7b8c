import type { Message, Room, User } from '@parley/protocol';

/** A user as the server knows them, with what never leaves it. */
export interface UserRecord extends User {
  passwordHash: string;
}

/** One entry of the event log. `data` is the serialized wire event, sent as is. */
export interface StoredEvent {
  seq: number;
  roomId: string;
  data: string;
}

export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: 'username_taken' };

export type AppendMessageResult =
  | { status: 'created'; message: Message; event: StoredEvent }
  /** The same client id was posted before with the same content: the retry is answered, not repeated. */
  | { status: 'existing'; message: Message }
  | { status: 'conflict' };

export interface LogBounds {
  /** The newest seq handed out (0 when the log is empty). */
  head: number;
  /** The oldest seq still in the log; a client that holds less than `oldest - 1` cannot be replayed. */
  oldest: number;
}

/**
 * Everything Parley persists, behind one interface: SQLite now, PostgreSQL later. It knows nothing of
 * HTTP; services decide who may do what.
 */
export interface Store {
  migrate(): Promise<void>;
  close(): Promise<void>;

  createUser(input: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    now: Date;
  }): Promise<CreateUserResult>;
  findUserByUsername(username: string): Promise<UserRecord | undefined>;

  createSession(input: { tokenHash: string; userId: string; now: Date; expiresAt: Date }): Promise<void>;
  findSessionUser(tokenHash: string, now: Date): Promise<User | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  listRoomsForUser(userId: string): Promise<Room[]>;
  roomIdsForUser(userId: string): Promise<string[]>;
  isMember(roomId: string, userId: string): Promise<boolean>;
  findRoomBySlug(slug: string): Promise<Room | undefined>;

  /** Persists the message and its `message.created` event, with the next seq, in one transaction. */
  appendMessage(input: {
    id: string;
    roomId: string;
    author: User;
    body: string;
    now: Date;
  }): Promise<AppendMessageResult>;
  /** Newest first; `before` is exclusive. */
  listMessages(roomId: string, page: { before?: number; limit: number }): Promise<Message[]>;

  /** Events after `seq` in the given rooms, oldest first, at most `limit`. */
  eventsSince(seq: number, roomIds: readonly string[], limit: number): Promise<StoredEvent[]>;
  logBounds(): Promise<LogBounds>;
  /** Drops all but the newest `keep` events; returns how many were dropped. */
  pruneEvents(keep: number): Promise<number>;
}
