import { quoteExcerpt, type Message, type Person, type Reaction } from '@parley/protocol';
import type { HistoryData } from './messageCache';

/** One person's reaction appearing or going away, from the stream or from this tab's own click. */
export type ReactionChange =
  | { kind: 'added'; messageId: string; emoji: string; user: Person }
  | { kind: 'removed'; messageId: string; emoji: string; userId: string };

/**
 * Applies a reaction change to the message that has it, in whichever page. Idempotent, as cache
 * updates must be (a replayed event, an optimistic change and then its event): the same object when
 * nothing changes. Emoji keep the order of their first use and people the order they reacted, as
 * the server lists them.
 */
export function applyReaction(
  data: HistoryData | undefined,
  change: ReactionChange,
): HistoryData | undefined {
  return updateMessages(data, (message) => {
    if (message.id !== change.messageId) return message;
    const current = message.reactions ?? [];
    const reactions = changedReactions(current, change);
    if (reactions === current) return message;
    const { reactions: _old, ...rest } = message;
    return reactions.length === 0 ? rest : { ...rest, reactions };
  });
}

function changedReactions(reactions: Reaction[], change: ReactionChange): Reaction[] {
  const index = reactions.findIndex((reaction) => reaction.emoji === change.emoji);
  const reaction = reactions[index];
  if (change.kind === 'added') {
    if (!reaction) return [...reactions, { emoji: change.emoji, users: [change.user] }];
    if (reaction.users.some((user) => user.id === change.user.id)) return reactions;
    return reactions.with(index, { ...reaction, users: [...reaction.users, change.user] });
  }
  if (!reaction?.users.some((user) => user.id === change.userId)) return reactions;
  const users = reaction.users.filter((user) => user.id !== change.userId);
  return users.length === 0 ? reactions.toSpliced(index, 1) : reactions.with(index, { ...reaction, users });
}

/** Quotes of a message that was deleted now say so, and nothing more of it. */
export function markQuotesDeleted(
  data: HistoryData | undefined,
  originalId: string,
): HistoryData | undefined {
  return updateMessages(data, (message) => {
    const quote = message.replyTo;
    if (quote?.id !== originalId || quote.deleted) return message;
    return { ...message, replyTo: { id: quote.id, seq: quote.seq, deleted: true } };
  });
}

/** Quotes of an edited message show its new text. */
export function refreshQuotes(data: HistoryData | undefined, original: Message): HistoryData | undefined {
  const excerpt = quoteExcerpt(original.body);
  return updateMessages(data, (message) => {
    const quote = message.replyTo;
    if (quote?.id !== original.id || quote.deleted || quote.excerpt === excerpt) return message;
    return { ...message, replyTo: { ...quote, excerpt } };
  });
}

/** Maps every cached message; pages and data stay the same objects where nothing changed. */
function updateMessages(
  data: HistoryData | undefined,
  update: (message: Message) => Message,
): HistoryData | undefined {
  if (data === undefined) return data;
  const pages = data.pages.map((page) => {
    const messages = page.messages.map(update);
    return messages.every((message, index) => message === page.messages[index])
      ? page
      : { ...page, messages };
  });
  return pages.every((page, index) => page === data.pages[index]) ? data : { ...data, pages };
}
