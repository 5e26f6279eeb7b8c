import { describe, expect, it } from 'vitest';
import type { Message } from '@parley/protocol';
import {
  containsMessageId,
  highestSeq,
  insertMessage,
  lastMessageBy,
  removeMessage,
  replaceMessage,
  timelineOf,
  type HistoryData,
  type UnconfirmedMessage,
} from './messageCache';

const author = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };

function message(seq: number, id = `m${seq}`): Message {
  return {
    id,
    roomId: 'r1',
    seq,
    author,
    body: `body ${seq}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    mentions: [],
  };
}

/** Pages as the server sends them: newest page first, each newest first. */
function history(...pages: number[][]): HistoryData {
  return {
    pages: pages.map((seqs) => ({ messages: seqs.map((seq) => message(seq)), nextBefore: null })),
    pageParams: pages.map((_, index) => (index === 0 ? null : index)),
  };
}

function pending(id: string, status: UnconfirmedMessage['status'] = 'pending'): UnconfirmedMessage {
  return {
    id,
    roomId: 'r1',
    author,
    body: 'draft',
    createdAt: '2025-01-01T00:00:00.000Z',
    status,
    errorCode: null,
  };
}

const seqsOf = (data: HistoryData | undefined) => data?.pages.map((page) => page.messages.map((m) => m.seq));

describe('insertMessage', () => {
  it('prepends a newer message to the newest page', () => {
    expect(seqsOf(insertMessage(history([5, 4], [3, 2]), message(6)))).toEqual([
      [6, 5, 4],
      [3, 2],
    ]);
  });

  it('keeps seq order when events arrive out of order', () => {
    expect(seqsOf(insertMessage(history([7, 5]), message(6)))).toEqual([[7, 6, 5]]);
  });

  it('inserts into an empty room', () => {
    expect(seqsOf(insertMessage(history([]), message(1)))).toEqual([[1]]);
  });

  it('ignores a message whose id is already in any page and returns the same object', () => {
    const data = history([5, 4], [3, 2]);
    expect(insertMessage(data, message(3))).toBe(data);
  });

  it('ignores a replayed event whose seq is already present under another id', () => {
    const data = history([5, 4]);
    expect(insertMessage(data, message(5, 'other-id'))).toBe(data);
  });

  it('does nothing when the history was never loaded', () => {
    expect(insertMessage(undefined, message(1))).toBeUndefined();
  });

  it('does not mutate the cached pages', () => {
    const data = history([5, 4]);
    insertMessage(data, message(6));
    expect(seqsOf(data)).toEqual([[5, 4]]);
  });
});

describe('removeMessage', () => {
  it('takes the message out of whichever page holds it, leaving the other pages as they were', () => {
    const data = history([5, 4], [3, 2]);
    const after = removeMessage(data, 'm3');
    expect(seqsOf(after)).toEqual([[5, 4], [2]]);
    expect(after?.pages[0]).toBe(data.pages[0]);
  });

  it('returns the same object when the message is not there, or nothing was loaded', () => {
    const data = history([5, 4]);
    expect(removeMessage(data, 'm9')).toBe(data);
    expect(removeMessage(undefined, 'm1')).toBeUndefined();
  });
});

describe('replaceMessage', () => {
  const edit = (seq: number, body: string, editedAt: string): Message => ({
    ...message(seq),
    body,
    editedAt,
  });

  it('swaps in the edited text where the message was, leaving other pages as they were', () => {
    const data = history([5, 4], [3, 2]);
    const after = replaceMessage(data, edit(3, 'fixed', '2025-01-02T00:00:00.000Z'));
    expect(seqsOf(after)).toEqual([
      [5, 4],
      [3, 2],
    ]);
    expect(after?.pages[1]?.messages[0]?.body).toBe('fixed');
    expect(after?.pages[0]).toBe(data.pages[0]);
  });

  it('returns the same object for a message not cached, a replayed edit or an older one', () => {
    const data = history([5, 4]);
    expect(replaceMessage(data, edit(9, 'x', '2025-01-02T00:00:00.000Z'))).toBe(data);
    expect(replaceMessage(undefined, edit(5, 'x', '2025-01-02T00:00:00.000Z'))).toBeUndefined();
    const edited = replaceMessage(data, edit(5, 'new', '2025-01-02T00:00:00.000Z'));
    expect(replaceMessage(edited, edit(5, 'new', '2025-01-02T00:00:00.000Z'))).toBe(edited);
    expect(replaceMessage(edited, edit(5, 'old', '2025-01-01T12:00:00.000Z'))).toBe(edited);
  });
});

describe('lastMessageBy', () => {
  it('finds the author’s newest message across pages', () => {
    const data = history([5, 4], [3]);
    const others = { ...author, id: 'u2' };
    data.pages[0] = { ...data.pages[0]!, messages: [{ ...message(5), author: others }, message(4)] };
    expect(lastMessageBy(data, 'u1')?.id).toBe('m4');
    expect(lastMessageBy(data, 'u9')).toBeUndefined();
    expect(lastMessageBy(undefined, 'u1')).toBeUndefined();
  });
});

describe('highestSeq and containsMessageId', () => {
  it('finds the highest seq across pages', () => {
    expect(highestSeq(history([9, 8], [7]))).toBe(9);
    expect(highestSeq(history([]))).toBeNull();
    expect(highestSeq(undefined)).toBeNull();
  });

  it('finds a message by id in any page', () => {
    const data = history([5], [4]);
    expect(containsMessageId(data, 'm4')).toBe(true);
    expect(containsMessageId(data, 'm6')).toBe(false);
  });
});

describe('timelineOf', () => {
  it('lists history oldest first', () => {
    const items = timelineOf(history([5, 4], [3, 2]), []);
    expect(items.map((item) => item.message.id)).toEqual(['m2', 'm3', 'm4', 'm5']);
  });

  it('shows unconfirmed messages after history, in the order they were written', () => {
    const items = timelineOf(history([2, 1]), [pending('a'), pending('b', 'failed')]);
    expect(items.map((item) => [item.kind, item.message.id])).toEqual([
      ['confirmed', 'm1'],
      ['confirmed', 'm2'],
      ['unconfirmed', 'a'],
      ['unconfirmed', 'b'],
    ]);
  });

  it('replaces a pending message by the confirmed one with the same id', () => {
    const confirmed = insertMessage(history([1]), message(2, 'client-uuid'));
    const items = timelineOf(confirmed, [pending('client-uuid')]);
    expect(items).toHaveLength(2);
    expect(items[1]).toEqual({ kind: 'confirmed', message: message(2, 'client-uuid') });
  });

  it('shows a message only once if overlapping pages hold it twice', () => {
    const data = history([3, 2], [2, 1]);
    expect(timelineOf(data, []).map((item) => item.message.id)).toEqual(['m1', 'm2', 'm3']);
  });
});
