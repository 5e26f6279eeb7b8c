import { LIMITS, type TextRange } from '@parley/protocol';
import { AppError } from '../errors.js';

/**
 * The words of a search: split on any whitespace (the ideographic space too), each a substring that
 * a hit must contain. Text without spaces, as Chinese and Japanese are written, is one word.
 */
export function searchTerms(query: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of query.split(/\s+/u)) {
    const key = word.toLowerCase();
    if (word === '' || seen.has(key)) continue;
    seen.add(key);
    terms.push(word);
  }
  if (terms.length === 0) throw new AppError('validation_failed', 'Type something to search for');
  if (terms.length > LIMITS.searchTermsMax) {
    throw new AppError('validation_failed', `Search for at most ${LIMITS.searchTermsMax} words at once`);
  }
  return terms;
}

/** Where the terms occur in `body`, ignoring case: sorted, overlapping and touching ranges joined. */
export function highlightRanges(body: string, terms: readonly string[]): TextRange[] {
  const found: TextRange[] = [];
  for (const term of terms) {
    const pattern = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    for (const match of body.matchAll(pattern)) {
      found.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
