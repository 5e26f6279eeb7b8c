import { describe, expect, it } from 'vitest';
import { LIMITS, type Message, type Person } from '@parley/protocol';
import { replaceMessage, type HistoryData } from './messageCache';
import { applyReaction, markQuotesDeleted, refreshQuotes } from './reactionCache';

const ada: Person = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
const bo: Person = { id: 'u2', username: 'bo', displayName: 'Bo', avatarColor: '#1e7d3c' };
const createdAt = '2025-01-01T00:00:00.000Z';

/** What a test sets on a message beyond its seq. */
type Extra = Pick<Message, 'editedAt' | 'reactions' | 'replyTo'> & { body?: string };

function message(seq: number, extra: Extra = {}): Message {
  return {
    id: `m${seq}`,
    roomId: 'r1',
    seq,
    author: ada,
    createdAt,
    mentions: [],
    ...extra,
    body: extra.body ?? `body ${seq}`,
  };
}

function history(...pages: Message[][]): HistoryData {
  return {
    pages: pages.map((messages) => ({ messages, nextBefore: null })),
    pageParams: pages.map((_, index) => (index === 0 ? null : index)),
  };
}

const added = (emoji: string, user: Person, messageId = 'm1') =>
  ({ kind: 'added', messageId, emoji, user }) as const;
const removed = (emoji: string, userId: string, messageId = 'm1') =>
  ({ kind: 'removed', messageId, emoji, userId }) as const;
const reactionsOf = (data: HistoryData | undefined, id = 'm1') =>
  data?.pages.flatMap((p) => p.messages).find((m) => m.id === id)?.reactions;

describe('reactions in cached history', () => {
  it('adds people in order, new emoji at the end, and finds the message in an older page', () => {
    let data = history([message(3)], [message(2), message(1)]);
    for (const change of [added('👍', ada), added('🎉', bo), added('👍', bo)])
      data = applyReaction(data, change)!;
    expect(reactionsOf(data)).toEqual([
      { emoji: '👍', users: [ada, bo] },
      { emoji: '🎉', users: [bo] },
    ]);
  });

  it('is idempotent: a repeated add or remove returns the very same data', () => {
    const once = applyReaction(history([message(1)]), added('👍', ada))!;
    expect(applyReaction(once, added('👍', ada))).toBe(once);
    const gone = applyReaction(once, removed('👍', ada.id))!;
    expect(applyReaction(gone, removed('👍', ada.id))).toBe(gone);
    expect(applyReaction(once, added('👍', ada, 'not-cached'))).toBe(once);
  });

  it('drops an emoji when its last person goes, and the field when the last emoji goes', () => {
    let data = applyReaction(history([message(1)]), added('👍', ada))!;
    data = applyReaction(data, added('👍', bo))!;
    data = applyReaction(data, removed('👍', ada.id))!;
    expect(reactionsOf(data)).toEqual([{ emoji: '👍', users: [bo] }]);
    data = applyReaction(data, removed('👍', bo.id))!;
    expect(data.pages[0]!.messages[0]).toEqual(message(1));
  });

  it('leaves other pages as they were, so their rows do not re-render', () => {
    const before = history([message(3)], [message(2), message(1)]);
    const after = applyReaction(before, added('👍', ada))!;
    expect(after.pages[0]).toBe(before.pages[0]);
    expect(after.pages[1]).not.toBe(before.pages[1]);
  });

  it('keeps the cached reactions when an edit arrives with older ones', () => {
    const data = history([message(1, { reactions: [{ emoji: '👍', users: [ada, bo] }] })]);
    const edit = message(1, { body: 'edited', editedAt: '2025-01-02T00:00:00.000Z', reactions: [] });
    const edited = replaceMessage(data, edit)!.pages[0]!.messages[0]!;
    expect(edited.body).toBe('edited');
    expect(edited.reactions).toEqual([{ emoji: '👍', users: [ada, bo] }]);
  });
});

describe('quotes in cached history', () => {
  const quote = { id: 'm1', seq: 1, deleted: false, author: ada, excerpt: 'body 1' };
  const withReply = () => history([message(2, { replyTo: quote }), message(1)]);

  it('says the original was deleted, and nothing else of it', () => {
    const data = markQuotesDeleted(withReply(), 'm1')!;
    expect(data.pages[0]!.messages[0]!.replyTo).toEqual({ id: 'm1', seq: 1, deleted: true });
    expect(markQuotesDeleted(data, 'm1')).toBe(data);
  });

  it('shows the edited text of the original, cut like the server cuts it', () => {
    const long = 'x'.repeat(LIMITS.quoteExcerptMax + 10);
    const data = refreshQuotes(withReply(), message(1, { body: long }))!;
    const excerpt = data.pages[0]!.messages[0]!.replyTo!.excerpt!;
    expect(excerpt).toHaveLength(LIMITS.quoteExcerptMax);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(refreshQuotes(data, message(1, { body: long }))).toBe(data);
    expect(refreshQuotes(data, message(9))).toBe(data);
  });
});
