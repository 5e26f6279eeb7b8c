import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineItem } from '../../api/messageCache';
import { ArrivalBatcher, arrivalsSince, authorList } from './announcements';

const person = (id: string, displayName: string) => ({
  id,
  username: id,
  displayName,
  avatarColor: '#2f5fd0',
});
const alice = person('u1', 'Alice');
const bob = person('u2', 'Bob');
const me = person('me', 'Me');

const confirmed = (seq: number, author = alice): TimelineItem => ({
  kind: 'confirmed',
  message: {
    id: `m${seq}`,
    roomId: 'r1',
    seq,
    author,
    body: 'hi',
    createdAt: '2025-01-01T00:00:00Z',
    mentions: [],
  },
});

describe('arrivalsSince', () => {
  it('announces nothing for the first history it sees, only remembers where it ends', () => {
    expect(arrivalsSince([confirmed(1), confirmed(2)], null, 'me')).toEqual({ authors: [], highest: 2 });
  });

  it('lists authors of newer messages from other people, never the reader’s own', () => {
    const items = [confirmed(1), confirmed(2), confirmed(3, bob), confirmed(4, me), confirmed(5)];
    expect(arrivalsSince(items, 2, 'me')).toEqual({ authors: ['Bob', 'Alice'], highest: 5 });
  });

  it('ignores older messages loaded by scrolling up, and unconfirmed ones', () => {
    const pending: TimelineItem = {
      kind: 'unconfirmed',
      message: { ...confirmed(9).message, status: 'pending', errorCode: null },
    };
    expect(arrivalsSince([confirmed(1), confirmed(5), pending], 5, 'me')).toEqual({
      authors: [],
      highest: 5,
    });
  });
});

describe('authorList', () => {
  it('names each author once, joined as the language does', () => {
    expect(authorList(['Alice', 'Bob', 'Alice'], 'en')).toBe('Alice and Bob');
    expect(authorList(['Alice'], 'en')).toBe('Alice');
    expect(authorList(['Alice', 'Bob'], 'zh-CN')).toBe('Alice和Bob');
  });
});

describe('ArrivalBatcher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const batcher = (flush: (authors: string[]) => void) =>
    new ArrivalBatcher(flush, { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(run, ms) });

  it('turns a burst into one batch', () => {
    const flush = vi.fn();
    const arrivals = batcher(flush);
    arrivals.add(['Alice']);
    arrivals.add(['Bob']);
    vi.advanceTimersByTime(100);
    arrivals.add(['Alice']);
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledOnce();
    expect(flush).toHaveBeenCalledWith(['Alice', 'Bob', 'Alice']);
  });

  it('keeps batches at least two seconds apart', () => {
    const flush = vi.fn();
    const arrivals = batcher(flush);
    arrivals.add(['Alice']);
    vi.advanceTimersByTime(500);
    expect(flush).toHaveBeenCalledTimes(1);
    arrivals.add(['Bob']);
    vi.advanceTimersByTime(1900);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(2);
    expect(flush).toHaveBeenLastCalledWith(['Bob']);
  });

  it('says nothing once cancelled', () => {
    const flush = vi.fn();
    const arrivals = batcher(flush);
    arrivals.add(['Alice']);
    arrivals.cancel();
    vi.advanceTimersByTime(5000);
    expect(flush).not.toHaveBeenCalled();
  });
});
