import { describe, expect, it, vi } from 'vitest';
import type { Message, Person } from '@parley/protocol';
import { UsernameBatcher, withPerson } from './people';

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

describe('UsernameBatcher', () => {
  const people = new Map([alice, bob].map((person) => [person.username, person]));

  it('asks once for every username wanted in the same task, and answers each, null for nobody', async () => {
    const lookup = vi.fn((names: string[]) =>
      Promise.resolve(names.flatMap((name) => people.get(name) ?? [])),
    );
    const batcher = new UsernameBatcher(lookup);
    const answers = Promise.all(['alice', 'bob', 'nobody', 'alice'].map((name) => batcher.load(name)));
    expect(await answers).toEqual([alice, bob, null, alice]);
    expect(lookup.mock.calls).toEqual([[['alice', 'bob', 'nobody']]]);
    // A later task makes a request of its own.
    expect(await batcher.load('bob')).toEqual(bob);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('splits a long list into requests of at most 50 names, and fails only the batch that failed', async () => {
    const lookup = vi.fn((names: string[]) =>
      names.includes('u60') ? Promise.reject(new Error('offline')) : Promise.resolve([]),
    );
    const batcher = new UsernameBatcher(lookup);
    const answers = Array.from({ length: 70 }, (_, i) => batcher.load(`u${i}`).then(String, String));
    const settled = await Promise.all(answers);
    expect(lookup.mock.calls.map(([names]) => names.length)).toEqual([50, 20]);
    expect(settled[0]).toBe('null');
    expect(settled[69]).toBe('Error: offline');
  });
});
