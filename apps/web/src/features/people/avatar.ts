/** Up to two letters for someone's avatar: the first of each of two words, or one CJK character. */
export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (first === undefined) return '?';
  const letter = (word: string) => Array.from(word)[0] ?? '';
  // A CJK name is one word; its first character is the usual initial.
  if (/^\p{Script=Han}|^\p{Script=Hangul}|^\p{Script=Hiragana}|^\p{Script=Katakana}/u.test(first)) {
    return letter(first);
  }
  const second = words.length > 1 ? words[words.length - 1] : undefined;
  return (letter(first) + (second ? letter(second) : '')).toLocaleUpperCase();
}

/** Dark or light text, whichever reads better on this `#rrggbb` background (WCAG luminance). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!match) return '#ffffff';
  const [r, g, b] = match.slice(1).map((hex) => {
    const channel = Number.parseInt(hex, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05; they are equal at L≈0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** The colours someone can pick for their initials; `name` is the catalog key that names it. */
export const AVATAR_PALETTE = [
  { color: '#2f5fd0', name: 'blue' },
  { color: '#1e7d3c', name: 'green' },
  { color: '#b3261e', name: 'red' },
  { color: '#9a6700', name: 'amber' },
  { color: '#7b3fb5', name: 'purple' },
  { color: '#00838f', name: 'teal' },
  { color: '#c2185b', name: 'pink' },
  { color: '#5d6b7a', name: 'slate' },
] as const;

export type PaletteColorName = (typeof AVATAR_PALETTE)[number]['name'];
