import { describe, expect, it } from 'vitest';
import { AVATAR_PALETTE, initialsOf, textColorOn } from './avatar';

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('grace brewster murray hopper')).toBe('GH');
    expect(initialsOf('  bob ')).toBe('B');
  });

  it('takes one character of a CJK name', () => {
    expect(initialsOf('王小明')).toBe('王');
  });

  it('keeps a letter outside the BMP whole, and has a mark for an empty name', () => {
    expect(initialsOf('𝒜nna')).toBe('𝒜');
    expect(initialsOf('   ')).toBe('?');
  });
});

describe('textColorOn', () => {
  it('puts white on dark colours and black on light ones', () => {
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#ffffff')).toBe('#000000');
    expect(textColorOn('#f0c05a')).toBe('#000000');
  });

  it('gives every palette colour a text colour with at least 4.5:1 contrast', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const { color } of AVATAR_PALETTE) {
      const [light, dark] = [luminance(color), luminance(textColorOn(color))].sort((a, b) => b - a) as [
        number,
        number,
      ];
      expect((light + 0.05) / (dark + 0.05), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});
