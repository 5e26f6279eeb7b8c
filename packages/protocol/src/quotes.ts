import { LIMITS } from './constants.js';

/**
 * The excerpt a reply's quote shows of the original: its text on one line, cut to
 * `LIMITS.quoteExcerptMax` characters (code points, never half a surrogate pair) ending in `…`.
 * The server sends it; the client computes it again when the original is edited live.
 */
export function quoteExcerpt(body: string): string {
  const characters = Array.from(body.replace(/\s+/g, ' ').trim());
  return characters.length <= LIMITS.quoteExcerptMax
    ? characters.join('')
    : `${characters.slice(0, LIMITS.quoteExcerptMax - 1).join('')}…`;
}
