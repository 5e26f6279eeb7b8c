import type { Kysely, Transaction } from 'kysely';

/** Table shapes as Kysely sees them. Times are ISO-8601 UTC strings, which sort as they compare. */
export interface Database {
  users: {
    id: string;
    username: string;
    display_name: string;
    avatar_color: string;
    password_hash: string;
    role: 'admin' | 'member';
    created_at: string;
    deactivated_at: string | null;
  };
  sessions: {
    /** Public id, shown in the session list; the token itself is never stored. */
    id: string;
    /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
    token_hash: string;
    user_id: string;
    user_agent: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
  rooms: {
    id: string;
    kind: 'public' | 'private' | 'dm';
    name: string;
    /** Lower-cased name of a public or private room, unique; null for DMs. */
    name_key: string | null;
    topic: string;
    /** A DM's sorted member ids, unique: the same people always get the same DM. */
    dm_key: string | null;
    created_at: string;
  };
  room_members: {
    room_id: string;
    user_id: string;
    role: 'owner' | 'member';
    joined_at: string;
  };
  messages: {
    id: string;
    room_id: string;
    seq: number;
    author_id: string;
    body: string;
    created_at: string;
    edited_at: string | null;
    /** Set when deleted: the body is erased, the row stays so a retried post stays idempotent. */
    deleted_at: string | null;
    /** The message this one replies to, in the same room. */
    reply_to_id: string | null;
  };
  /** One person's one emoji on one message; deleting the message deletes its reactions. */
  reactions: {
    message_id: string;
    user_id: string;
    emoji: string;
    created_at: string;
  };
  /** Room members a message @mentions (never anyone else); gone with the message. */
  message_mentions: {
    message_id: string;
    user_id: string;
    room_id: string;
    /** The message's seq. */
    seq: number;
    /** Order of first appearance in the body. */
    ordinal: number;
  };
  /**
   * The durable event log: the SSE stream replays from here. `channel` is a room id, or `user:<id>`
   * for events meant for one person. `data` is the wire JSON, ready to send.
   */
  events: {
    seq: number;
    channel: string;
    type: string;
    data: string;
    created_at: string;
  };
  /** One row: the last seq handed out. Bumping it inside the append transaction serialises appends. */
  event_seq: {
    id: number;
    value: number;
  };
  invites: {
    id: string;
    token_hash: string;
    created_by: string;
    created_at: string;
    expires_at: string;
    max_uses: number;
    uses: number;
    revoked_at: string | null;
  };
  audit_log: {
    id: string;
    actor_id: string;
    action: string;
    target: string;
    /** JSON object of strings. */
    details: string;
    created_at: string;
  };
  settings: {
    key: string;
    value: string;
  };
  /** How far each person has read each room: the seq of the last message read. Only grows. */
  read_positions: {
    user_id: string;
    room_id: string;
    read_seq: number;
  };
  /** A person's notification level for a room, when they chose one (else the room kind's default). */
  notification_settings: {
    user_id: string;
    room_id: string;
    level: 'all' | 'mentions' | 'none';
  };
}

export type Db = Kysely<Database> | Transaction<Database>;
