import { describe, expect, it } from 'vitest';
import type { Member } from '@parley/protocol';
import { mentionKindOf } from './mentionKind';

function member(id: string, username: string): Member {
  return {
    person: { id, username, displayName: username, avatarColor: '#336699' },
    role: 'member',
    joinedAt: '2026-01-01T00:00:00.000Z',
  };
}

const members = [member('u-bob', 'bob'), member('u-ann', 'ann'), member('u-cy', 'cy')];
const reader = { id: 'u-bob', username: 'bob' };

describe('mentionKindOf', () => {
  it('highlights the names the server counted, the reader as "you"', () => {
    const facts = { members, mentions: ['u-ann', 'u-bob'], reader };
    expect(mentionKindOf('bob', facts)).toBe('you');
    expect(mentionKindOf('ann', facts)).toBe('member');
    // A member now, but not counted when posted (joined later): no highlight.
    expect(mentionKindOf('cy', facts)).toBeNull();
    expect(mentionKindOf('nobody', facts)).toBeNull();
  });

  it('knows the reader without the members list', () => {
    expect(mentionKindOf('bob', { members: undefined, mentions: ['u-bob'], reader })).toBe('you');
    expect(mentionKindOf('ann', { members: undefined, mentions: ['u-ann'], reader })).toBeNull();
  });

  it('before the server has the message, highlights current members', () => {
    expect(mentionKindOf('cy', { members, mentions: undefined, reader })).toBe('member');
    expect(mentionKindOf('zed', { members, mentions: undefined, reader })).toBeNull();
  });
});
