import { describe, expect, it } from 'vitest';
import { statsRates } from './statsRates';

const stats = (uptimeSeconds: number, eventsAppended: number, eventsDelivered: number) => ({
  openStreams: 3,
  uptimeSeconds,
  eventsAppended,
  eventsDelivered,
});

describe('statsRates', () => {
  it('divides the counters’ growth by the time between polls on the server’s clock', () => {
    expect(statsRates(stats(100, 10, 40), stats(102, 16, 64))).toEqual({
      eventsPerSecond: 3,
      deliveriesPerSecond: 12,
    });
  });

  it('has no rate before a second poll', () => {
    expect(statsRates(null, stats(100, 10, 40))).toBeNull();
  });

  it('has no rate when the counters restarted or no time passed', () => {
    expect(statsRates(stats(100, 10, 40), stats(1, 0, 0))).toBeNull();
    expect(statsRates(stats(100, 10, 40), stats(100, 10, 40))).toBeNull();
  });
});
