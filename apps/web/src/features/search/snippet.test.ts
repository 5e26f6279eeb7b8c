import { describe, expect, it } from 'vitest';
import { snippetSegments } from './snippet';

describe('snippetSegments', () => {
  it('splits a short message at its matches, on one line', () => {
    expect(snippetSegments('Deploy\non Friday', [{ start: 10, end: 16 }])).toEqual([
      { text: 'Deploy on ', marked: false },
      { text: 'Friday', marked: true },
    ]);
  });

  it('cuts a long message around its first match, with ellipses', () => {
    const body = `${'a'.repeat(300)}会议${'b'.repeat(300)}`;
    const segments = snippetSegments(body, [{ start: 300, end: 302 }], 100);
    expect(segments[0]).toEqual({ text: '…', marked: false });
    expect(segments.at(-1)).toEqual({ text: '…', marked: false });
    expect(segments[2]).toEqual({ text: '会议', marked: true });
    expect(segments[1]?.text).toBe('a'.repeat(60));
    expect(
      segments
        .slice(1, -1)
        .map((s) => s.text)
        .join(''),
    ).toHaveLength(100);
  });

  it('leaves out matches beyond the cut and never splits an emoji', () => {
    const body = `${'x'.repeat(9)}😀${'y'.repeat(50)}`;
    const segments = snippetSegments(
      body,
      [
        { start: 0, end: 1 },
        { start: 55, end: 58 },
      ],
      10,
    );
    expect(segments.filter((s) => s.marked)).toEqual([{ text: 'x', marked: true }]);
    expect(segments.map((s) => s.text).join('')).toBe(`${'x'.repeat(9)}…`);
  });
});
