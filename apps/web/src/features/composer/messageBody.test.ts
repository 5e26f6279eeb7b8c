import { describe, expect, it } from 'vitest';
import { LIMITS } from '@parley/protocol';
import { bodyLength, checkBody } from './messageBody';

describe('checkBody', () => {
  it('sends nothing for a blank draft', () => {
    expect(checkBody('  \n\t ')).toEqual({ kind: 'empty' });
  });

  it('trims the ends but keeps newlines inside', () => {
    expect(checkBody('\n  line one\nline two  \n')).toEqual({ kind: 'ok', body: 'line one\nline two' });
  });

  it('refuses a body over the limit, reporting its length', () => {
    const draft = 'a'.repeat(LIMITS.messageBodyMax + 1);
    expect(checkBody(draft)).toEqual({
      kind: 'tooLong',
      length: LIMITS.messageBodyMax + 1,
      max: LIMITS.messageBodyMax,
    });
    expect(checkBody('a'.repeat(LIMITS.messageBodyMax)).kind).toBe('ok');
  });

  it('counts an emoji or a CJK character as one character', () => {
    expect(bodyLength('😀你好')).toBe(3);
    expect(checkBody('😀'.repeat(LIMITS.messageBodyMax)).kind).toBe('ok');
  });
});
