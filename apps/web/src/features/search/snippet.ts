import type { TextRange } from '@parley/protocol';

/** A piece of a result's text; `marked` pieces are where the search words matched. */
export interface Segment {
  text: string;
  marked: boolean;
}

/** Characters of context kept before the first match when a long message is cut. */
const LEAD = 60;

/**
 * The part of `body` a result shows, split at the matches, on one line: the whole message if it is
 * short, else `maxLength` characters starting a little before the first match, with "…" where cut.
 * Plain text pieces, never markup: the list renders them as text and marks the matched ones.
 */
export function snippetSegments(body: string, highlights: readonly TextRange[], maxLength = 240): Segment[] {
  const text = body.replace(/\s/g, ' ');
  let start = 0;
  let end = text.length;
  if (text.length > maxLength) {
    start = Math.max(0, (highlights[0]?.start ?? 0) - LEAD);
    end = Math.min(text.length, start + maxLength);
    start = Math.max(0, end - maxLength);
    start = outsidePair(text, start);
    end = outsidePair(text, end);
  }
  const segments: Segment[] = [];
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) segments.push({ text: text.slice(from, to), marked });
  };
  let at = start;
  for (const range of highlights) {
    const from = Math.max(range.start, at);
    const to = Math.min(range.end, end);
    if (to <= from) continue;
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, end, false);
  if (start > 0) segments.unshift({ text: '…', marked: false });
  if (end < text.length) segments.push({ text: '…', marked: false });
  return segments;
}

/** Moves a cut that would split a surrogate pair (an emoji, a rare character) to before the pair. */
function outsidePair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
