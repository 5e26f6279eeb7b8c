import type { NotificationLevel, RoomKind } from '@parley/protocol';
import type { Db } from './schema.js';

/** One room of a reader, as the unread counts see it. */
export interface UnreadRow {
  roomId: string;
  kind: RoomKind;
  readSeq: number;
  /** The reader's own choice; null when they never chose (the room kind's default applies). */
  level: NotificationLevel | null;
  unreadCount: number;
  mentionCount: number;
  /** The log's head in the same statement: the counts are exact as of this seq. */
  asOf: number;
}

/**
 * Read positions and notification levels. The counts of every room of a reader come from one
 * statement (not one query per room), and one statement sees one snapshot, so the counts and the
 * head they are exact at agree, in SQLite and in PostgreSQL alike.
 */
export class ReadPositions {
  constructor(private readonly db: Db) {}

  /** Every room the reader is in, with their counts. Rooms they are not in never appear. */
  async unreadFor(userId: string): Promise<UnreadRow[]> {
    return this.query(userId);
  }

  async unreadIn(userId: string, roomId: string): Promise<UnreadRow | undefined> {
    const [row] = await this.query(userId, roomId);
    return row;
  }

  /** Moves the position forward to `seq`; a lower or equal `seq` changes nothing. */
  async advance(userId: string, roomId: string, seq: number): Promise<void> {
    await this.db
      .insertInto('read_positions')
      .values({ user_id: userId, room_id: roomId, read_seq: seq })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'room_id'])
          .doUpdateSet((eb) => ({ read_seq: eb.ref('excluded.read_seq') }))
          .where('read_positions.read_seq', '<', seq),
      )
      .execute();
  }

  /** A newcomer has read what was said before they came: their position starts at the log's head. */
  async startAtHead(userId: string, roomId: string): Promise<void> {
    const { value } = await this.db
      .selectFrom('event_seq')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    await this.advance(userId, roomId, value);
  }

  /** The seq of the room's newest message (deleted ones included), 0 when it has none. */
  async newestMessageSeq(roomId: string): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row?.seq ?? 0;
  }

  async setLevel(userId: string, roomId: string, level: NotificationLevel): Promise<void> {
    await this.db
      .insertInto('notification_settings')
      .values({ user_id: userId, room_id: roomId, level })
      .onConflict((oc) => oc.columns(['user_id', 'room_id']).doUpdateSet({ level }))
      .execute();
  }

  private async query(userId: string, roomId?: string): Promise<UnreadRow[]> {
    // Others' live messages after the reader's position, per room; the index on (room_id, seq)
    // makes this a range read per room of what is unread, not a scan of the history.
    const counts = this.db
      .selectFrom('room_members as mine')
      .innerJoin('rooms', 'rooms.id', 'mine.room_id')
      .leftJoin('read_positions as rp', (join) =>
        join.onRef('rp.room_id', '=', 'mine.room_id').on('rp.user_id', '=', userId),
      )
      .innerJoin('messages as m', (join) =>
        join
          .onRef('m.room_id', '=', 'mine.room_id')
          .on((eb) => eb('m.seq', '>', eb.fn.coalesce('rp.read_seq', eb.lit(0)))),
      )
      .where('mine.user_id', '=', userId)
      .$if(roomId !== undefined, (q) => q.where('mine.room_id', '=', roomId ?? ''))
      .where('m.deleted_at', 'is', null)
      .where('m.author_id', '!=', userId)
      .groupBy('mine.room_id')
      .select((eb) => [
        'mine.room_id as room_id',
        eb.fn.countAll<number>().as('unread'),
        // Every message of a DM is addressed to the reader, so it counts as a mention.
        eb.fn
          .sum<number>(
            eb
              .case()
              .when('rooms.kind', '=', 'dm')
              .then(1)
              .when(
                eb.exists(
                  eb
                    .selectFrom('message_mentions as mm')
                    .select('mm.message_id')
                    .whereRef('mm.message_id', '=', 'm.id')
                    .where('mm.user_id', '=', userId),
                ),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('mentions'),
      ]);

    const rows = await this.db
      .selectFrom('room_members as mine')
      .innerJoin('rooms', 'rooms.id', 'mine.room_id')
      .leftJoin('read_positions as rp', (join) =>
        join.onRef('rp.room_id', '=', 'mine.room_id').on('rp.user_id', '=', userId),
      )
      .leftJoin('notification_settings as ns', (join) =>
        join.onRef('ns.room_id', '=', 'mine.room_id').on('ns.user_id', '=', userId),
      )
      .leftJoin(counts.as('c'), 'c.room_id', 'mine.room_id')
      .where('mine.user_id', '=', userId)
      .$if(roomId !== undefined, (q) => q.where('mine.room_id', '=', roomId ?? ''))
      .select(['mine.room_id', 'rooms.kind', 'rp.read_seq', 'ns.level', 'c.unread', 'c.mentions'])
      .select((eb) => eb.selectFrom('event_seq').select('value').where('id', '=', 1).as('head'))
      .execute();

    return rows.map((row) => ({
      roomId: row.room_id,
      kind: row.kind,
      readSeq: row.read_seq ?? 0,
      level: row.level,
      unreadCount: row.unread ?? 0,
      mentionCount: row.mentions ?? 0,
      asOf: row.head ?? 0,
    }));
  }
}
