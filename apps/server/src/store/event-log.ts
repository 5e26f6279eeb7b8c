import type { LoggedEvent } from '@parley/protocol';
import { PreparedQuery } from './prepared.js';
import type { Db } from './schema.js';

// Every change appends; every stream reads the bounds when it opens.
const nextSeq = new PreparedQuery((db: Db) =>
  db
    .updateTable('event_seq')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', 1)
    .returning('value'),
);
const insertEvent = new PreparedQuery(
  (db: Db, seq: number, channel: string, type: string, data: string, createdAt: string) =>
    db.insertInto('events').values({ seq, channel, type, data, created_at: createdAt }),
);
const headSeq = new PreparedQuery((db: Db) => db.selectFrom('event_seq').select('value').where('id', '=', 1));
const oldestSeq = new PreparedQuery((db: Db) =>
  db.selectFrom('events').select((eb) => eb.fn.min('seq').as('seq')),
);

/** One entry of the event log. `data` is the serialized wire event, sent as is. */
export interface StoredEvent {
  seq: number;
  /** A room id, or `user:<id>` for an event meant for one person. */
  channel: string;
  data: string;
}

export interface LogBounds {
  /** The newest seq handed out (0 when the log is empty). */
  head: number;
  /** The oldest seq still in the log; a client that holds less than `oldest - 1` cannot be replayed. */
  oldest: number;
}

export function userChannel(userId: string): string {
  return `user:${userId}`;
}

export class EventLog {
  constructor(private readonly db: Db) {}

  /**
   * Appends an event with the next seq. Call it inside the transaction that makes the change: the
   * counter row it bumps is the append lock, so events commit in seq order and the log has no holes.
   */
  async append(channel: string, build: (seq: number) => LoggedEvent, now: Date): Promise<StoredEvent> {
    const counter = await nextSeq.first(this.db);
    if (!counter) throw new Error('the event_seq row is missing');
    const seq = counter.value;
    const event = build(seq);
    const data = JSON.stringify(event);
    await insertEvent.execute(this.db, seq, channel, event.type, data, now.toISOString());
    return { seq, channel, data };
  }

  /**
   * Takes the append lock without appending, until the transaction ends: what the transaction reads
   * next includes every event committed before the one it will append (with several writers, an
   * append in flight elsewhere has either committed or waits for this one).
   */
  async lock(): Promise<void> {
    await this.db
      .updateTable('event_seq')
      .set((eb) => ({ value: eb.ref('value') }))
      .where('id', '=', 1)
      .execute();
  }

  /** Events after `seq` in the given channels, oldest first, at most `limit`. */
  async since(seq: number, channels: readonly string[], limit: number): Promise<StoredEvent[]> {
    if (channels.length === 0) return [];
    return this.db
      .selectFrom('events')
      .select(['seq', 'channel', 'data'])
      .where('seq', '>', seq)
      .where('channel', 'in', channels)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** Every channel's events after `after` and up to `through`, oldest first, at most `limit`. */
  async between(after: number, through: number, limit: number): Promise<StoredEvent[]> {
    return this.db
      .selectFrom('events')
      .select(['seq', 'channel', 'data'])
      .where('seq', '>', after)
      .where('seq', '<=', through)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The newest seq handed out (0 when the log is empty). */
  async head(): Promise<number> {
    const row = await headSeq.first(this.db);
    if (!row) throw new Error('the event_seq row is missing');
    return row.value;
  }

  async bounds(): Promise<LogBounds> {
    const head = await this.head();
    const oldest = await oldestSeq.first(this.db);
    return { head, oldest: oldest?.seq ?? head + 1 };
  }

  /** Drops all but the newest `keep` events; returns how many were dropped. */
  async prune(keep: number): Promise<number> {
    const { head } = await this.bounds();
    const result = await this.db
      .deleteFrom('events')
      .where('seq', '<=', head - keep)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
