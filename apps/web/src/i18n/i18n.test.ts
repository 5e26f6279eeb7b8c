import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@parley/protocol';
import { ApiError } from '../api/ApiError';
import { en } from './en';
import { errorMessageKey } from './errorMessage';
import { formatMessageTime } from './formatTime';
import { pickLanguage } from './language';
import { zhCN } from './zh-CN';

describe('pickLanguage', () => {
  it('follows a Chinese browser to zh-CN and anything else to English', () => {
    expect(pickLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(pickLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(pickLanguage(null, 'zh')).toBe('zh-CN');
    expect(pickLanguage(null, 'de-DE')).toBe('en');
    expect(pickLanguage(null, undefined)).toBe('en');
  });

  it('prefers the remembered choice, ignoring garbage', () => {
    expect(pickLanguage('en', 'zh-CN')).toBe('en');
    expect(pickLanguage('klingon', 'zh-CN')).toBe('zh-CN');
  });
});

/** Every message of a catalog by its dotted path, e.g. `admin.modes.open`. */
function leaves(catalog: object, prefix = ''): [string, unknown][] {
  return Object.entries(catalog).flatMap(([key, value]: [string, unknown]): [string, unknown][] => {
    const path = prefix + key;
    return typeof value === 'object' && value !== null ? leaves(value, `${path}.`) : [[path, value]];
  });
}
const keyPaths = (catalog: object) => leaves(catalog).map(([path]) => path);

describe('catalogs', () => {
  it('have exactly the same keys in English and Chinese, nested ones included', () => {
    const english = keyPaths(en);
    const chinese = keyPaths(zhCN);
    expect(chinese.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !chinese.includes(key))).toEqual([]);
  });

  it('have no empty messages', () => {
    const empty = (catalog: object) =>
      leaves(catalog)
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([path]) => path);
    expect(empty(en)).toEqual([]);
    expect(empty(zhCN)).toEqual([]);
  });

  it('lists nested keys, so a key only one catalog has is found', () => {
    expect(keyPaths({ a: { b: 'x', c: { d: 'y' } } })).toEqual(['a.b', 'a.c.d']);
  });
});

describe('error messages', () => {
  it('maps every protocol error code to a message in both catalogs', () => {
    for (const code of ERROR_CODES) {
      const key = errorMessageKey(new ApiError(400, code, 'x'));
      expect(key).toBe(`errors.${code}`);
      expect(en.errors[code]).toBeTruthy();
      expect(zhCN.errors[code]).toBeTruthy();
    }
  });

  it('falls back to a generic message for errors that are not from the API', () => {
    expect(errorMessageKey(new Error('boom'))).toBe('errors.unknown');
  });
});

describe('formatMessageTime', () => {
  const now = new Date('2025-03-04T18:00:00Z');

  it('shows only the time for a message from today', () => {
    expect(formatMessageTime('2025-03-04T15:07:00Z', 'en', now, 'UTC')).toMatch(/^3:07\sPM$/u);
    expect(formatMessageTime('2025-03-04T15:07:00Z', 'zh-CN', now, 'UTC')).toBe('15:07');
  });

  it('writes dates in the selected language', () => {
    const text = formatMessageTime('2025-03-03T15:07:00Z', 'zh-CN', now, 'UTC');
    expect(text).toContain('2025年3月3日');
  });

  it('adds the date for an older message', () => {
    const text = formatMessageTime('2025-03-03T15:07:00Z', 'en', now, 'UTC');
    expect(text).toContain('Mar 3');
    expect(text).toContain('2025');
  });
});
