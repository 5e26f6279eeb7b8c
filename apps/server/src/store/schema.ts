/** Table shapes as Kysely sees them. Times are ISO-8601 UTC strings, which sort as they compare. */
export interface Database {
  users: {
    id: string;
    username: string;
    display_name: string;
    password_hash: string;
    role: 'admin' | 'member';
    created_at: string;
  };
  sessions: {
    /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
    token_hash: string;
    user_id: string;
    created_at: string;
    expires_at: string;
  };
  rooms: {
    id: string;
    slug: string;
    name: string;
    topic: string;
    kind: 'public' | 'private' | 'dm';
    created_at: string;
  };
  room_members: {
    room_id: string;
    user_id: string;
    joined_at: string;
  };
  messages: {
    id: string;
    room_id: string;
    seq: number;
    author_id: string;
    body: string;
    created_at: string;
  };
  /** The durable event log: the SSE stream replays from here. `data` is the wire JSON, ready to send. */
  events: {
    seq: number;
    room_id: string;
    type: string;
    data: string;
    created_at: string;
  };
  /** One row: the last seq handed out. Bumping it inside the append transaction serialises appends. */
  event_seq: {
    id: number;
    value: number;
  };
}
