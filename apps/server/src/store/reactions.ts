import type { Reaction } from '@parley/protocol';
import { toPerson } from './rows.js';
import type { Db } from './schema.js';

/** Who reacted to which message with which emoji: one row per person, emoji and message. */
export class Reactions {
  constructor(private readonly db: Db) {}

  /** True when the reaction is new; adding one that is there changes nothing (also across instances). */
  async add(input: { messageId: string; userId: string; emoji: string; now: Date }): Promise<boolean> {
    const result = await this.db
      .insertInto('reactions')
      .values({
        message_id: input.messageId,
        user_id: input.userId,
        emoji: input.emoji,
        created_at: input.now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['message_id', 'emoji', 'user_id']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** True when there was such a reaction to take away. */
  async remove(input: { messageId: string; userId: string; emoji: string }): Promise<boolean> {
    const result = await this.db
      .deleteFrom('reactions')
      .where('message_id', '=', input.messageId)
      .where('emoji', '=', input.emoji)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async removeAll(messageId: string): Promise<void> {
    await this.db.deleteFrom('reactions').where('message_id', '=', messageId).execute();
  }

  /** The distinct emoji on a message. */
  async emojiOn(messageId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('reactions')
      .select('emoji')
      .distinct()
      .where('message_id', '=', messageId)
      .execute();
    return rows.map((row) => row.emoji);
  }

  /**
   * The reactions of each message, emoji in the order of their first use and people in the order
   * they reacted. Messages without reactions are absent from the map.
   */
  async of(messageIds: readonly string[]): Promise<Map<string, Reaction[]>> {
    const byMessage = new Map<string, Reaction[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await this.db
      .selectFrom('reactions')
      .innerJoin('users', 'users.id', 'reactions.user_id')
      .select([
        'reactions.message_id',
        'reactions.emoji',
        'users.id',
        'users.username',
        'users.display_name',
        'users.avatar_color',
      ])
      .where('reactions.message_id', 'in', messageIds)
      // The user id breaks ties between reactions in the same millisecond, so every read agrees.
      .orderBy('reactions.created_at')
      .orderBy('reactions.user_id')
      .execute();
    for (const row of rows) {
      const reactions = byMessage.get(row.message_id) ?? [];
      if (reactions.length === 0) byMessage.set(row.message_id, reactions);
      let reaction = reactions.find((candidate) => candidate.emoji === row.emoji);
      if (!reaction) {
        reaction = { emoji: row.emoji, users: [] };
        reactions.push(reaction);
      }
      reaction.users.push(toPerson(row));
    }
    return byMessage;
  }
}
