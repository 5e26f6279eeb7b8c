import { describe, expect, it } from 'vitest';
import { backoffDelay, jitteredDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles with each attempt, between half and all of the ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30, () => 1)).toBe(15_000);
    expect(backoffDelay(30, () => 0)).toBe(7_500);
  });
});

describe('jitteredDelay', () => {
  it('spreads over the given range', () => {
    expect(jitteredDelay(250, 1500, () => 0)).toBe(250);
    expect(jitteredDelay(250, 1500, () => 0.5)).toBe(875);
  });
});
