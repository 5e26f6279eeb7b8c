import { describe, expect, it } from 'vitest';
import { highlightRanges, searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('splits on any whitespace, the ideographic space included, and drops repeats ignoring case', () => {
    expect(searchTerms('  deploy\tFriday\n会议\u3000明天 DEPLOY ')).toEqual([
      'deploy',
      'Friday',
      '会议',
      '明天',
    ]);
  });

  it('refuses an empty query and one with too many words', () => {
    expect(() => searchTerms(' \u3000 ')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => searchTerms('a b c d e f g h i')).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe('highlightRanges', () => {
  it('finds every occurrence of every term, ignoring case', () => {
    expect(highlightRanges('Deploy, then deploy again', ['DEPLOY'])).toEqual([
      { start: 0, end: 6 },
      { start: 13, end: 19 },
    ]);
  });

  it('joins overlapping and touching ranges and keeps them in order', () => {
    expect(highlightRanges('abcdef xyz', ['xyz', 'cde', 'bcd', 'ef'])).toEqual([
      { start: 1, end: 6 },
      { start: 7, end: 10 },
    ]);
  });

  it('treats regular expression characters literally and counts UTF-16 offsets', () => {
    expect(highlightRanges('a.b (c) a*b', ['a*b', '(c)'])).toEqual([
      { start: 4, end: 7 },
      { start: 8, end: 11 },
    ]);
    expect(highlightRanges('😀 会议室', ['会议'])).toEqual([{ start: 3, end: 5 }]);
  });
});
