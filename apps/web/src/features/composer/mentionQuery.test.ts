import { describe, expect, it } from 'vitest';
import type { Member } from '@parley/protocol';
import { insertMention, mentionBeforeCaret, suggestMembers } from './mentionQuery';

function member(username: string, displayName: string): Member {
  return {
    person: { id: `id-${username}`, username, displayName, avatarColor: '#336699' },
    role: 'member',
    joinedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('mentionBeforeCaret', () => {
  it('finds the @name being typed just before the caret', () => {
    expect(mentionBeforeCaret('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionBeforeCaret('@b and more', 2)).toEqual({ start: 0, query: 'b' });
  });

  it('ignores e-mail addresses, a bare @ and a finished name', () => {
    expect(mentionBeforeCaret('mail bob@ex', 11)).toBeNull();
    expect(mentionBeforeCaret('hi @', 4)).toBeNull();
    expect(mentionBeforeCaret('hi @bob ', 8)).toBeNull();
  });
});

describe('suggestMembers', () => {
  const members = [
    member('alice', 'Alice Liddell'),
    member('bob', 'Robert Paulson'),
    member('bobby', 'Bobby Tables'),
    member('carol', 'Carol Bobson'),
  ];

  it('matches usernames first, then display names by any word, leaving out the reader', () => {
    expect(suggestMembers(members, 'bo', 'id-alice').map((p) => p.username)).toEqual([
      'bob',
      'bobby',
      'carol',
    ]);
    expect(suggestMembers(members, 'ROB', 'id-alice').map((p) => p.username)).toEqual(['bob']);
    expect(suggestMembers(members, 'al', 'id-alice')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the typed part with the name and a space, and puts the caret after it', () => {
    expect(insertMention('hi @bo there', { start: 3, query: 'bo' }, 6, 'bobby')).toEqual({
      text: 'hi @bobby there',
      caret: 10,
    });
    expect(insertMention('@b', { start: 0, query: 'b' }, 2, 'bob')).toEqual({ text: '@bob ', caret: 5 });
  });
});
