import { describe, expect, it } from 'vitest';
import type { Person } from '@parley/protocol';
import { NAMED_REACTORS_MAX, readersEmoji, reactorsOf } from './reactors';

const person = (n: number): Person => ({
  id: `u${n}`,
  username: `p${n}`,
  displayName: `Person ${n}`,
  avatarColor: '#2f5fd0',
});

describe('who reacted', () => {
  it('names the others in order and says whether the reader is among them', () => {
    const reaction = { emoji: '👍', users: [person(1), person(2), person(3)] };
    expect(reactorsOf(reaction, 'u2')).toEqual({ mine: true, names: ['Person 1', 'Person 3'], more: 0 });
    expect(reactorsOf(reaction, 'u9')).toEqual({
      mine: false,
      names: ['Person 1', 'Person 2', 'Person 3'],
      more: 0,
    });
  });

  it(`names at most ${NAMED_REACTORS_MAX} people, the reader included, and counts the rest`, () => {
    const users = Array.from({ length: 15 }, (_, i) => person(i + 1));
    const asOutsider = reactorsOf({ emoji: '🎉', users }, 'nobody');
    expect(asOutsider.names).toHaveLength(NAMED_REACTORS_MAX);
    expect(asOutsider.more).toBe(5);
    const asMember = reactorsOf({ emoji: '🎉', users }, 'u15');
    expect(asMember.names).toHaveLength(NAMED_REACTORS_MAX - 1);
    expect(asMember.more).toBe(5);
  });

  it("lists the reader's own emoji", () => {
    const reactions = [
      { emoji: '👍', users: [person(1)] },
      { emoji: '🎉', users: [person(2), person(1)] },
      { emoji: '👀', users: [person(2)] },
    ];
    expect(readersEmoji(reactions, 'u1')).toEqual(['👍', '🎉']);
    expect(readersEmoji(undefined, 'u1')).toEqual([]);
  });
});
