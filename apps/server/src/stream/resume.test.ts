import { describe, expect, it } from 'vitest';
import { resumePosition } from './resume.js';

describe('resumePosition', () => {
  it('prefers Last-Event-ID, then ?since=, else no position', () => {
    expect(resumePosition('42', 7)).toBe(42);
    expect(resumePosition(undefined, 7)).toBe(7);
    expect(resumePosition('', 7)).toBe(7);
    expect(resumePosition(undefined, undefined)).toBeUndefined();
    expect(resumePosition(['3', '4'], undefined)).toBe(3);
  });

  it('treats an id it could not have sent as an unknown position', () => {
    for (const id of ['abc', '-1', '1.5', '9'.repeat(20), ' 4']) {
      expect(resumePosition(id, undefined)).toBe('unknown');
    }
  });
});
