import type { LoggedEvent } from '@parley/protocol';
import type { Db } from './schema.js';

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
    const { value: seq } = await this.db
      .updateTable('event_seq')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('id', '=', 1)
      .returning('value')
      .executeTakeFirstOrThrow();
    const event = build(seq);
    const data = JSON.stringify(event);
    await this.db
      .insertInto('events')
      .values({ seq, channel, type: event.type, data, created_at: now.toISOString() })
      .execute();
    return { seq, channel, data };
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

  async bounds(): Promise<LogBounds> {
    const head = await this.db
      .selectFrom('event_seq')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const oldest = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .executeTakeFirst();
    return { head: head.value, oldest: oldest?.seq ?? head.value + 1 };
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
