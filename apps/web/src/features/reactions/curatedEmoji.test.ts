import { describe, expect, it } from 'vitest';
import { isReactionEmoji } from '@parley/protocol';
import { CURATED_EMOJI, PICKER_COLUMNS } from './curatedEmoji';

describe('curated emoji', () => {
  it('offers only emoji the server accepts, each once, filling whole rows', () => {
    expect(CURATED_EMOJI.filter((emoji) => !isReactionEmoji(emoji))).toEqual([]);
    expect(new Set(CURATED_EMOJI).size).toBe(CURATED_EMOJI.length);
    expect(CURATED_EMOJI.length % PICKER_COLUMNS).toBe(0);
  });
});
