import type { Reaction, User } from '@parley/protocol';
import { isReactionEmoji, LIMITS } from '@parley/protocol';
import type { PublishedEvent } from '../bus/bus.js';
import { AppError } from '../errors.js';
import type { Tables } from '../store/store.js';
import type { Writer } from './writer.js';

interface ReactionTarget {
  roomId: string;
  messageId: string;
  emoji: string;
}

/**
 * Reactions to messages. Routes have checked membership. Both directions are idempotent: asking for
 * the state that already holds answers with the reactions and publishes nothing.
 */
export class ReactionsService {
  constructor(private readonly writer: Writer) {}

  addReaction(user: User, target: ReactionTarget): Promise<Reaction[]> {
    const { roomId, messageId, emoji } = checked(target);
    return this.writer.write(async (t) => {
      await liveMessage(t, roomId, messageId);
      const present = await t.reactions.emojiOn(messageId);
      if (!present.includes(emoji) && present.length >= LIMITS.reactionsPerMessageMax) {
        throw new AppError(
          'too_many_reactions',
          `A message can carry at most ${LIMITS.reactionsPerMessageMax} different emoji`,
        );
      }
      const now = new Date();
      const added = await t.reactions.add({ messageId, userId: user.id, emoji, now });
      const events: PublishedEvent[] = [];
      if (added) {
        const person = {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          avatarColor: user.avatarColor,
        };
        events.push(
          await t.events.append(
            roomId,
            (seq) => ({ type: 'reaction.added', seq, roomId, messageId, emoji, user: person }),
            now,
          ),
        );
      }
      return { value: await reactionsOf(t, messageId), events };
    });
  }

  removeReaction(user: User, target: ReactionTarget): Promise<Reaction[]> {
    const { roomId, messageId, emoji } = checked(target);
    return this.writer.write(async (t) => {
      await liveMessage(t, roomId, messageId);
      const removed = await t.reactions.remove({ messageId, userId: user.id, emoji });
      const events: PublishedEvent[] = [];
      if (removed) {
        events.push(
          await t.events.append(
            roomId,
            (seq) => ({ type: 'reaction.removed', seq, roomId, messageId, emoji, userId: user.id }),
            new Date(),
          ),
        );
      }
      return { value: await reactionsOf(t, messageId), events };
    });
  }
}

function checked(target: ReactionTarget): ReactionTarget {
  if (!isReactionEmoji(target.emoji)) {
    throw new AppError('invalid_emoji', 'A reaction is exactly one emoji');
  }
  return target;
}

/** A message of this room that is not deleted; anything else is not found, wherever it is. */
async function liveMessage(t: Tables, roomId: string, messageId: string): Promise<void> {
  const message = await t.messages.find(messageId);
  if (!message || message.deleted || message.roomId !== roomId) {
    throw new AppError('not_found', 'No such message');
  }
}

async function reactionsOf(t: Tables, messageId: string): Promise<Reaction[]> {
  return (await t.reactions.of([messageId])).get(messageId) ?? [];
}
