import type { Member, MemberRole, Person, Room, RoomKind } from '@parley/protocol';
import { GENERAL_ROOM_NAME } from '@parley/protocol';
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Dialect } from './dialect.js';
import { escapeLike, like } from './like.js';
import { PreparedQuery } from './prepared.js';
import { ReadPositions } from './read-positions.js';
import { toPerson } from './rows.js';
import type { Database, Db } from './schema.js';

type RoomRow = Selectable<Database['rooms']>;

// Every request to a room's routes checks membership; every stream reads its rooms when it opens.
const roleOf = new PreparedQuery((db: Db, roomId: string, userId: string) =>
  db.selectFrom('room_members').select('role').where('room_id', '=', roomId).where('user_id', '=', userId),
);
const roomIdsOf = new PreparedQuery((db: Db, userId: string) =>
  db.selectFrom('room_members').select('room_id').where('user_id', '=', userId),
);

/**
 * Where a page of a member list ends, in the list's order: owners (rank 0) first, then by display
 * name as the store lower-cases it, then by id.
 */
export interface MemberCursor {
  rank: number;
  name: string;
  id: string;
}

export class Rooms {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async create(input: {
    id: string;
    kind: RoomKind;
    name: string;
    topic: string;
    dmKey?: string;
    now: Date;
  }) {
    const taken =
      input.kind !== 'dm' &&
      (await this.db
        .selectFrom('rooms')
        .select('id')
        .where('name_key', '=', nameKey(input.name))
        .executeTakeFirst());
    if (taken) return 'room_name_taken' as const;
    await this.db
      .insertInto('rooms')
      .values({
        id: input.id,
        kind: input.kind,
        name: input.name,
        name_key: input.kind === 'dm' ? null : nameKey(input.name),
        topic: input.topic,
        dm_key: input.dmKey ?? null,
        created_at: input.now.toISOString(),
      })
      .execute();
    return 'created' as const;
  }

  /** #general, created on first start. */
  async ensureGeneral(id: string, now: Date): Promise<void> {
    await this.db
      .insertInto('rooms')
      .values({
        id,
        kind: 'public',
        name: GENERAL_ROOM_NAME,
        name_key: GENERAL_ROOM_NAME,
        topic: '',
        dm_key: null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
  }

  async generalId(): Promise<string> {
    const row = await this.db
      .selectFrom('rooms')
      .select('id')
      .where('name_key', '=', GENERAL_ROOM_NAME)
      .where('kind', '=', 'public')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async find(roomId: string): Promise<RoomRow | undefined> {
    return this.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
  }

  async findDm(dmKey: string): Promise<RoomRow | undefined> {
    return this.db.selectFrom('rooms').selectAll().where('dm_key', '=', dmKey).executeTakeFirst();
  }

  async rename(roomId: string, name: string): Promise<'renamed' | 'room_name_taken'> {
    const taken = await this.db
      .selectFrom('rooms')
      .select('id')
      .where('name_key', '=', nameKey(name))
      .where('id', '!=', roomId)
      .executeTakeFirst();
    if (taken) return 'room_name_taken';
    await this.db
      .updateTable('rooms')
      .set({ name, name_key: nameKey(name) })
      .where('id', '=', roomId)
      .execute();
    return 'renamed';
  }

  async setTopic(roomId: string, topic: string): Promise<void> {
    await this.db.updateTable('rooms').set({ topic }).where('id', '=', roomId).execute();
  }

  async role(roomId: string, userId: string): Promise<MemberRole | undefined> {
    const row = await roleOf.first(this.db, roomId, userId);
    return row?.role;
  }

  async addMember(roomId: string, userId: string, role: MemberRole, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('room_members')
      .values({ room_id: roomId, user_id: userId, role, joined_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['room_id', 'user_id']).doNothing())
      .executeTakeFirst();
    const added = (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    // Whoever joins has nothing unread from before they came; every way in passes here.
    if (added) await new ReadPositions(this.db).startAtHead(userId, roomId);
    return added;
  }

  async removeMember(roomId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('room_members')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async roomIdsForUser(userId: string): Promise<string[]> {
    const rows = await roomIdsOf.rows(this.db, userId);
    return rows.map((row) => row.room_id);
  }

  /**
   * Up to `limit` members after `after`, in the list's order. The sort key is worked out in SQL, so
   * the next page's cursor is exactly what the store compares with, however it folds case.
   */
  async memberPage(
    roomId: string,
    after: MemberCursor | undefined,
    limit: number,
  ): Promise<{ members: Member[]; next: MemberCursor | null }> {
    const rank = sql<number>`case ${sql.ref('room_members.role')} when 'owner' then 0 else 1 end`;
    // PostgreSQL would otherwise order by the database's locale, which ignores spaces and punctuation
    // at first; byte order is SQLite's too.
    const name =
      this.dialect === 'postgres'
        ? sql<string>`lower(${sql.ref('users.display_name')}) collate "C"`
        : sql<string>`lower(${sql.ref('users.display_name')})`;
    let query = this.membersQuery(roomId).select([rank.as('rank'), name.as('sort_name')]);
    if (after) {
      query = query.where(
        sql<SqlBool>`(${rank}, ${name}, ${sql.ref('users.id')}) > (${after.rank}, ${after.name}, ${after.id})`,
      );
    }
    const rows = await query
      .orderBy(rank)
      .orderBy(name)
      .orderBy('users.id')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      members: page.map(toMember),
      next: rows.length > limit && last ? { rank: last.rank, name: last.sort_name, id: last.id } : null,
    };
  }

  /**
   * Members whose username, or a word of whose display name, starts with `query` (lower case), those
   * whose username does first, then by username.
   */
  async searchMembers(roomId: string, query: string, limit: number): Promise<Member[]> {
    const prefix = `${escapeLike(query)}%`;
    const byUsername = like(sql.ref('users.username'), prefix);
    const displayName = sql<string>`lower(${sql.ref('users.display_name')})`;
    const rows = await this.membersQuery(roomId)
      .where((eb) => eb.or([byUsername, like(displayName, prefix), like(displayName, `% ${prefix}`)]))
      .orderBy(sql`case when ${byUsername} then 0 else 1 end`)
      .orderBy('users.username')
      .limit(limit)
      .execute();
    return rows.map(toMember);
  }

  /** Of these usernames, the ones that belong to the room's members, with their user ids. */
  async memberIdsByUsername(roomId: string, usernames: string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select(['users.id', 'users.username'])
      .where('room_members.room_id', '=', roomId)
      .where('users.username', 'in', usernames)
      .execute();
    return new Map(rows.map((row) => [row.username, row.id]));
  }

  async member(roomId: string, userId: string): Promise<Member | undefined> {
    const row = await this.membersQuery(roomId).where('users.id', '=', userId).executeTakeFirst();
    return row && toMember(row);
  }

  private membersQuery(roomId: string) {
    return this.db
      .selectFrom('room_members')
      .innerJoin('users', 'users.id', 'room_members.user_id')
      .select(['users.id', 'users.username', 'users.display_name', 'users.avatar_color'])
      .select(['room_members.role', 'room_members.joined_at'])
      .where('room_members.room_id', '=', roomId);
  }

  /** The reader's rooms and DMs, as they see them. */
  async listForUser(userId: string): Promise<Room[]> {
    const rows = await this.roomsQuery()
      .innerJoin('room_members as mine', (join) =>
        join.onRef('mine.room_id', '=', 'rooms.id').on('mine.user_id', '=', userId),
      )
      .select('mine.role as my_role')
      .execute();
    return this.withDmMembers(rows, userId);
  }

  /** Every public room, joined or not. */
  async listPublic(userId: string): Promise<Room[]> {
    const rows = await this.roomsQuery()
      .leftJoin('room_members as mine', (join) =>
        join.onRef('mine.room_id', '=', 'rooms.id').on('mine.user_id', '=', userId),
      )
      .select('mine.role as my_role')
      .where('rooms.kind', '=', 'public')
      .orderBy('rooms.name')
      .execute();
    return this.withDmMembers(rows, userId);
  }

  /** One room as `userId` sees it. */
  async view(roomId: string, userId: string): Promise<Room | undefined> {
    const rows = await this.roomsQuery()
      .leftJoin('room_members as mine', (join) =>
        join.onRef('mine.room_id', '=', 'rooms.id').on('mine.user_id', '=', userId),
      )
      .select('mine.role as my_role')
      .where('rooms.id', '=', roomId)
      .execute();
    const [room] = await this.withDmMembers(rows, userId);
    return room;
  }

  private roomsQuery() {
    return this.db
      .selectFrom('rooms')
      .selectAll('rooms')
      .select((eb) =>
        eb
          .selectFrom('room_members as counted')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('counted.room_id', '=', 'rooms.id')
          .as('member_count'),
      );
  }

  private async withDmMembers(
    rows: (RoomRow & { member_count: number | null; my_role: MemberRole | null })[],
    readerId: string,
  ): Promise<Room[]> {
    const dmIds = rows.filter((row) => row.kind === 'dm').map((row) => row.id);
    const people = new Map<string, Person[]>();
    if (dmIds.length > 0) {
      const members = await this.db
        .selectFrom('room_members')
        .innerJoin('users', 'users.id', 'room_members.user_id')
        .select([
          'room_members.room_id',
          'users.id',
          'users.username',
          'users.display_name',
          'users.avatar_color',
        ])
        .where('room_members.room_id', 'in', dmIds)
        .where('users.id', '!=', readerId)
        .orderBy('users.username')
        .execute();
      for (const member of members) {
        const list = people.get(member.room_id) ?? [];
        list.push(toPerson(member));
        people.set(member.room_id, list);
      }
    }
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      topic: row.topic,
      memberCount: row.member_count ?? 0,
      createdAt: row.created_at,
      ...(row.my_role !== null && { myRole: row.my_role }),
      ...(row.kind === 'dm' && { dmMembers: people.get(row.id) ?? [] }),
    }));
  }
}

function toMember(
  row: { id: string; username: string; display_name: string; avatar_color: string } & {
    role: MemberRole;
    joined_at: string;
  },
): Member {
  return { person: toPerson(row), role: row.role, joinedAt: row.joined_at };
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
