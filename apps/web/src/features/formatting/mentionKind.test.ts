import { describe, expect, it } from 'vitest';
import { mentionKindOf } from './mentionKind';

const reader = { id: 'u-bob', username: 'bob' };

describe('mentionKindOf', () => {
  it('highlights the names the server counted, the reader as "you"', () => {
    const mentions = ['u-ann', 'u-bob'];
    expect(mentionKindOf('bob', { person: undefined, mentions, reader })).toBe('you');
    expect(mentionKindOf('ann', { person: { id: 'u-ann' }, mentions, reader })).toBe('member');
    // Someone by that name, but not counted when posted (not a member then): no highlight.
    expect(mentionKindOf('cy', { person: { id: 'u-cy' }, mentions, reader })).toBeNull();
    expect(mentionKindOf('nobody', { person: null, mentions, reader })).toBeNull();
  });

  it('knows the reader without a lookup, and nobody else before the lookup answers', () => {
    expect(mentionKindOf('bob', { person: undefined, mentions: ['u-bob'], reader })).toBe('you');
    expect(mentionKindOf('ann', { person: undefined, mentions: ['u-ann'], reader })).toBeNull();
  });

  it('before the server has the message, highlights anyone by that name', () => {
    expect(mentionKindOf('cy', { person: { id: 'u-cy' }, mentions: undefined, reader })).toBe('member');
    expect(mentionKindOf('bob', { person: undefined, mentions: undefined, reader })).toBe('you');
    expect(mentionKindOf('zed', { person: null, mentions: undefined, reader })).toBeNull();
  });
});
