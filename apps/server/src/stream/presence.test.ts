import type { PresenceEntry } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalBus } from '../bus/local-bus.js';
import { PresenceTracker } from './presence.js';

const INTERVAL = 100;

/** One instance: its tracker, and the presence frames it wrote to its own streams. */
function instance(bus: LocalBus, instanceId: string) {
  const shown: PresenceEntry[][] = [];
  /** Watches this instance applied: whose stream, and the statuses it would send. */
  const watched: { userId: string; connectionId: string; statuses: PresenceEntry[] }[] = [];
  const tracker = new PresenceTracker({
    instanceId,
    bus,
    showLocally: (changes) => shown.push(changes),
    watchLocally: (userId, connectionId, userIds, statusOf) => {
      watched.push({
        userId,
        connectionId,
        statuses: userIds.map((id) => ({ userId: id, status: statusOf(id) })),
      });
    },
    offlineGraceMs: 1000,
    flushIntervalMs: INTERVAL,
    fullReportEvery: 5,
    expireAfter: 12,
  });
  return { tracker, shown, watched };
}

describe('PresenceTracker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a user online on every instance, whichever instance holds their stream', () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    const b = instance(bus, 'b');
    a.tracker.connected('u1', 'c1');
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(b.tracker.statusOf('u1')).toBe('online');
    expect(b.shown.flat()).toEqual([{ userId: 'u1', status: 'online' }]);
    expect(a.shown.flat()).toEqual([{ userId: 'u1', status: 'online' }]);

    // A tab on instance b: the user is online while either is in use.
    b.tracker.connected('u1', 'c2');
    a.tracker.setAway('u1', 'c1', true);
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(a.tracker.statusOf('u1')).toBe('online');
    b.tracker.setAway('u1', 'c2', true);
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(a.tracker.statusOf('u1')).toBe('away');
  });

  it('changes nothing anyone sees when a stream reconnects within the grace period', () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    a.tracker.connected('u1', 'c1');
    vi.advanceTimersByTime(INTERVAL * 2);
    a.tracker.disconnected('u1', 'c1');
    vi.advanceTimersByTime(500);
    a.tracker.connected('u1', 'c2');
    vi.advanceTimersByTime(2000);
    expect(a.shown.flat()).toEqual([{ userId: 'u1', status: 'online' }]);

    a.tracker.disconnected('u1', 'c2');
    vi.advanceTimersByTime(1000 + INTERVAL * 2);
    expect(a.shown.flat()).toEqual([
      { userId: 'u1', status: 'online' },
      { userId: 'u1', status: 'offline' },
    ]);
  });

  it('batches many changes into one frame per interval', () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    for (let i = 0; i < 50; i++) a.tracker.connected(`u${i}`, `c${i}`);
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(a.shown).toHaveLength(1);
    expect(a.shown[0]).toHaveLength(50);
  });

  it('looks again only at the people a full report changes, not at everyone it repeats', () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    const b = instance(bus, 'b');
    for (let i = 0; i < 50; i++) a.tracker.connected(`u${i}`, `c${i}`);
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(b.tracker.statusOf('u7')).toBe('online');
    const looked = vi.spyOn(b.tracker, 'statusOf');

    // Both instances send their full picture every 5 intervals; nothing changed in it.
    vi.advanceTimersByTime(INTERVAL * 10);
    expect(looked).not.toHaveBeenCalled();

    a.tracker.setAway('u7', 'c7', true);
    vi.advanceTimersByTime(INTERVAL * 5);
    expect(looked.mock.calls).toEqual([['u7']]);
    expect(b.shown.at(-1)).toEqual([{ userId: 'u7', status: 'away' }]);
  });

  it("forgets a killed instance's users, and a new instance learns the picture from the others", () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    const b = instance(bus, 'b');
    a.tracker.connected('u1', 'c1');
    vi.advanceTimersByTime(INTERVAL * 2);

    const c = instance(bus, 'c');
    expect(c.tracker.statusOf('u1')).toBe('online');

    a.tracker.close(); // killed: it says nothing more
    vi.advanceTimersByTime(INTERVAL * 20);
    expect(b.tracker.statusOf('u1')).toBe('offline');
    expect(c.tracker.statusOf('u1')).toBe('offline');
    expect(b.shown.flat().at(-1)).toEqual({ userId: 'u1', status: 'offline' });
  });

  it('applies a watch on every instance with the statuses it has shown, whichever took the request', () => {
    const bus = new LocalBus();
    const a = instance(bus, 'a');
    const b = instance(bus, 'b');
    a.tracker.connected('u1', 'c1');
    vi.advanceTimersByTime(INTERVAL * 2);
    // The request reached b; the instance holding the stream (each hub checks) applies it.
    b.tracker.watch('u2', 'c9', ['u1', 'u3']);
    const expected = {
      userId: 'u2',
      connectionId: 'c9',
      statuses: [
        { userId: 'u1', status: 'online' },
        { userId: 'u3', status: 'offline' },
      ],
    };
    expect(a.watched).toEqual([expected]);
    expect(b.watched).toEqual([expected]);
  });
});
