import { describe, expect, it } from 'vitest';
import { LocalCounts } from './rate-limit-store.js';

describe('LocalCounts (rate limits while Redis is away)', () => {
  it('counts a key within its window, and starts again when the window has passed', () => {
    const clock = { now: 1_000 };
    const counts = new LocalCounts(100, () => clock.now);
    expect(counts.increment('alice', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    clock.now = 31_000;
    expect(counts.increment('alice', 60_000)).toEqual({ current: 2, ttl: 30_000 });
    expect(counts.increment('bob', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    clock.now = 61_000;
    expect(counts.increment('alice', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('holds at most maxKeys, forgetting the oldest', () => {
    const counts = new LocalCounts(2, () => 0);
    counts.increment('a', 1_000);
    counts.increment('a', 1_000);
    counts.increment('b', 1_000);
    counts.increment('c', 1_000);
    expect(counts.size).toBe(2);
    expect(counts.increment('a', 1_000).current).toBe(1);
    expect(counts.increment('c', 1_000).current).toBe(2);
  });
});
