import { describe, expect, it } from 'vitest';
import type { Message, Person } from '@parley/protocol';
import { withPerson } from './people';

const alice: Person = { id: 'a', username: 'alice', displayName: 'Alice', avatarColor: '#2563eb' };
const bob: Person = { id: 'b', username: 'bob', displayName: 'Bob', avatarColor: '#b91c1c' };
const renamed: Person = { ...alice, displayName: 'Alice Liddell', avatarColor: '#0f766e' };

function message(id: string, author: Person, extra: Partial<Message> = {}): Message {
  const base: Message = {
    id,
    seq: 1,
    roomId: 'r',
    author,
    body: 'hi',
    createdAt: '2026-11-24T00:00:00.000Z',
    mentions: [],
  };
  return { ...base, ...extra };
}

describe('withPerson', () => {
  it('gives every copy of the person, however deep, the new name and colour', () => {
    const history = {
      pages: [
        {
          messages: [
            message('1', alice),
            message('2', bob, {
              replyTo: { id: '1', seq: 1, author: alice, excerpt: 'hi', deleted: false },
              reactions: [{ emoji: '👍', users: [bob, alice] }],
            }),
          ],
          nextBefore: null,
        },
      ],
      pageParams: [null],
    };
    const next = withPerson(history, renamed);
    const [first, second] = next.pages[0]!.messages;
    expect(first!.author).toEqual(renamed);
    expect(second!.replyTo?.author).toEqual(renamed);
    expect(second!.reactions?.[0]?.users).toEqual([bob, renamed]);
    // Bob's own message is a new object only because it holds a copy of Alice; Bob is untouched.
    expect(second!.author).toBe(bob);
    expect(history.pages[0]!.messages[0]!.author).toEqual(alice);
  });

  it('returns the very same value when nothing in it shows the person, or shows them as they are', () => {
    const members = [{ person: bob, role: 'member' }];
    expect(withPerson(members, renamed)).toBe(members);
    const current = { rooms: [{ id: 'dm', dmMembers: [renamed] }] };
    expect(withPerson(current, renamed)).toBe(current);
  });
});
