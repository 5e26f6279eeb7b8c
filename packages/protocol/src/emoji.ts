/**
 * What counts as one reaction: exactly one emoji as Unicode recommends it for interchange (RGI),
 * including skin tones, ZWJ sequences, flags and keycaps. Text characters that merely can look like
 * emoji without the emoji variation selector (such as a bare U+2764) are refused, so every client
 * shows the same thing. The `v` flag needs Node 20 / Chrome 112; it is built on first use so that
 * bundlers never have to transpile it.
 */
let pattern: RegExp | undefined;

export function isReactionEmoji(value: string): boolean {
  pattern ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  return pattern.test(value);
}
