import { LIMITS } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceWatcher } from './PresenceWatcher';

function recorder(fail = () => false) {
  const sent: [string, string[]][] = [];
  const watcher = new PresenceWatcher((connectionId, userIds) => {
    sent.push([connectionId, userIds]);
    return fail() ? Promise.reject(new Error('offline')) : Promise.resolve();
  }, 50);
  return { watcher, sent };
}

describe('PresenceWatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the people on screen once per burst of changes, and everyone again for a new stream', () => {
    const { watcher, sent } = recorder();
    const offAda = watcher.watch('ada');
    watcher.connected('c1');
    expect(sent).toEqual([['c1', ['ada']]]);

    // A member list appears: one request for all of it.
    const offs = ['grace', 'bob', 'ada'].map((id) => watcher.watch(id));
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual(['c1', ['ada', 'bob', 'grace']]);

    // Ada's other dot goes; one of hers is still on screen, so nothing changes.
    offAda();
    offAda();
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2);

    // The stream reconnects: the new one is told everything, at once.
    watcher.connected('c2');
    expect(sent.at(-1)).toEqual(['c2', ['ada', 'bob', 'grace']]);

    for (const off of offs) off();
    vi.advanceTimersByTime(50);
    expect(sent.at(-1)).toEqual(['c2', []]);
    expect(sent).toHaveLength(4);
  });

  it('says nothing before it has a stream, or after it stops', () => {
    const { watcher, sent } = recorder();
    watcher.watch('ada');
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
    watcher.connected('c1');
    watcher.stop();
    watcher.watch('bob');
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([['c1', ['ada']]]);
  });

  it('tries again after a failed request', async () => {
    let failing = true;
    const { watcher, sent } = recorder(() => failing);
    watcher.watch('ada');
    watcher.connected('c1');
    await vi.advanceTimersByTimeAsync(0);
    failing = false;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent).toEqual([
      ['c1', ['ada']],
      ['c1', ['ada']],
    ]);
  });

  it('watches no more people than the server accepts', () => {
    const { watcher, sent } = recorder();
    for (let i = 0; i < LIMITS.presenceWatchMax + 10; i++) watcher.watch(`u${String(i).padStart(4, '0')}`);
    watcher.connected('c1');
    expect(sent[0]?.[1]).toHaveLength(LIMITS.presenceWatchMax);
  });
});
