import type { User } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../bus/bus.js';
import { AccessCache, type CachedSession } from './access-cache.js';

function user(id: string): User {
  return { id, username: id, displayName: id, avatarColor: '#4f46e5', role: 'member', createdAt: '' };
}

function session(userId: string, sessionId: string, expiresAt = 10_000_000): CachedSession {
  return { user: user(userId), sessionId, lastSeenAt: 0, expiresAt };
}

/** A cache over a fake clock, and a loader that counts how often the store was asked. */
function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = { now: 1_000, usable: true };
  const cache = new AccessCache({ ...options, usable: () => clock.usable, now: () => clock.now });
  const reads: string[] = [];
  const load = (value: CachedSession | undefined, key: string) => () => {
    reads.push(key);
    return Promise.resolve(value);
  };
  return { cache, clock, reads, load };
}

function membershipEvent(userId: string, roomId: string, change: 'added' | 'removed'): PublishedEvent {
  return {
    seq: 1,
    channel: `user:${userId}`,
    data: JSON.stringify({ type: change === 'added' ? 'room.added' : 'room.removed', seq: 1, roomId }),
    membership: { userId, roomId, change },
  };
}

describe('AccessCache sessions', () => {
  it('reads a session from the store once, then from memory', async () => {
    const { cache, reads, load } = setup();
    const bob = session('bob', 's1');
    expect(await cache.session('h1', load(bob, 'h1'))).toBe(bob);
    expect(await cache.session('h1', load(bob, 'h1'))).toBe(bob);
    expect(reads).toEqual(['h1']);
  });

  it('never keeps a refusal: an unknown token is asked of the store every time', async () => {
    const { cache, reads, load } = setup();
    expect(await cache.session('nope', load(undefined, 'nope'))).toBeUndefined();
    expect(await cache.session('nope', load(undefined, 'nope'))).toBeUndefined();
    expect(reads).toEqual(['nope', 'nope']);
  });

  it('drops the sessions a disconnect ends: one, all of a user, or all but one', async () => {
    const { cache, reads, load } = setup();
    const warm = async () => {
      for (const [hash, s] of [
        ['h1', session('bob', 's1')],
        ['h2', session('bob', 's2')],
        ['h3', session('carol', 's3')],
      ] as const) {
        await cache.session(hash, load(s, hash));
      }
      reads.length = 0;
    };
    const reread = async () => {
      for (const hash of ['h1', 'h2', 'h3']) await cache.session(hash, load(undefined, hash));
      const again = [...reads];
      reads.length = 0;
      return again;
    };

    await warm();
    cache.disconnect({ userId: 'bob', sessionId: 's1' });
    expect(await reread()).toEqual(['h1']);

    cache.clear();
    await warm();
    cache.disconnect({ userId: 'bob', exceptSessionId: 's2' });
    expect(await reread()).toEqual(['h1']);

    cache.clear();
    await warm();
    cache.disconnect({ userId: 'bob' });
    expect(await reread()).toEqual(['h1', 'h2']);
  });

  it("drops a person's sessions when their profile changes, by event or by signal", async () => {
    const { cache, reads, load } = setup();
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    cache.event({
      seq: 2,
      channel: 'room-1',
      data: JSON.stringify({ type: 'user.updated', seq: 2, roomId: 'room-1', user: { id: 'bob' } }),
    });
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    cache.signal({ kind: 'user.changed', userId: 'bob' });
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    cache.signal({ kind: 'user.changed', userId: 'carol' });
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    expect(reads).toEqual(['h1', 'h1', 'h1']);
  });

  it('reads again once the session has expired, and after the time to live', async () => {
    const { cache, clock, reads, load } = setup({ ttlMs: 500 });
    const expiring = session('bob', 's1', 1_200);
    await cache.session('h1', load(expiring, 'h1'));
    clock.now = 1_200;
    expect(await cache.session('h1', load(undefined, 'h1'))).toBeUndefined();

    await cache.session('h2', load(session('carol', 's2'), 'h2'));
    clock.now = 1_699;
    await cache.session('h2', load(session('carol', 's2'), 'h2'));
    clock.now = 1_700;
    await cache.session('h2', load(session('carol', 's2'), 'h2'));
    expect(reads).toEqual(['h1', 'h1', 'h2', 'h2']);
  });

  it('with no time to live (one process), keeps an entry until it is invalidated or its session ends', async () => {
    const { cache, clock, reads, load } = setup({ ttlMs: Number.POSITIVE_INFINITY });
    await cache.session('h1', load(session('bob', 's1', 100_000_000), 'h1'));
    await cache.role('bob', 'r1', () => {
      reads.push('bob r1');
      return Promise.resolve('member');
    });
    clock.now = 99_000_000;
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    expect(await cache.role('bob', 'r1', () => Promise.resolve(undefined))).toBe('member');
    expect(reads).toEqual(['h1', 'bob r1']);

    cache.disconnect({ userId: 'bob', sessionId: 's1' });
    cache.event(membershipEvent('bob', 'r1', 'removed'));
    clock.now = 100_000_000;
    expect(await cache.session('h1', load(undefined, 'h1'))).toBeUndefined();
    expect(await cache.role('bob', 'r1', () => Promise.resolve(undefined))).toBeUndefined();
    expect(reads).toEqual(['h1', 'bob r1', 'h1']);
  });

  it('neither reads nor fills the cache while the bus is unhealthy, and forgets what it had', async () => {
    const { cache, clock, reads, load } = setup();
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    clock.usable = false;
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    expect(cache.stats().sessions).toBe(0);
    clock.usable = true;
    await cache.session('h1', load(session('bob', 's1'), 'h1'));
    expect(reads).toEqual(['h1', 'h1', 'h1', 'h1']);
  });

  it('does not store a read that an invalidation overtook', async () => {
    const { cache, reads, load } = setup();
    let release: (value: CachedSession) => void = () => undefined;
    const slow = cache.session(
      'h1',
      () =>
        new Promise<CachedSession>((resolve) => {
          release = resolve;
        }),
    );
    // The session ends while its (now stale) row is on the way back from the store.
    cache.disconnect({ userId: 'bob', sessionId: 's1' });
    release(session('bob', 's1'));
    await slow;
    expect(await cache.session('h1', load(undefined, 'h1'))).toBeUndefined();
    expect(reads).toEqual(['h1']);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const { cache, reads, load } = setup({ maxEntries: 2 });
    for (const hash of ['h1', 'h2', 'h3']) await cache.session(hash, load(session(hash, hash), hash));
    expect(cache.stats().sessions).toBe(2);
    await cache.session('h3', load(undefined, 'h3'));
    await cache.session('h1', load(undefined, 'h1'));
    expect(reads).toEqual(['h1', 'h2', 'h3', 'h1']);
  });
});

describe('AccessCache memberships', () => {
  it('keeps a role until that membership changes, on a commit here or an event from the bus', async () => {
    const { cache } = setup();
    const asked: string[] = [];
    const role = (userId: string, roomId: string) =>
      cache.role(userId, roomId, () => {
        asked.push(`${userId}/${roomId}`);
        return Promise.resolve('member' as const);
      });
    await role('bob', 'r1');
    await role('bob', 'r2');
    await role('bob', 'r1');
    expect(asked).toEqual(['bob/r1', 'bob/r2']);

    cache.committed([membershipEvent('bob', 'r1', 'removed')]);
    await role('bob', 'r1');
    await role('bob', 'r2');
    cache.event(membershipEvent('bob', 'r2', 'removed'));
    await role('bob', 'r2');
    expect(asked).toEqual(['bob/r1', 'bob/r2', 'bob/r1', 'bob/r2']);
  });

  it('asks again for a non-member every time, so that joining takes effect at once', async () => {
    const { cache } = setup();
    let member = false;
    const role = () => cache.role('bob', 'r1', () => Promise.resolve(member ? 'member' : undefined));
    expect(await role()).toBeUndefined();
    member = true;
    expect(await role()).toBe('member');
  });
});
