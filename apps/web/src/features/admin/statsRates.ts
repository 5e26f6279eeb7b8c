import type { AdminStats } from '@parley/protocol';

export interface StatsRates {
  eventsPerSecond: number;
  deliveriesPerSecond: number;
}

/**
 * Rates from two polls of the cumulative counters, over the server's own clock (its uptime), so a
 * slow answer does not skew them. Null when there is no earlier poll to compare with, or when the
 * counters went backwards (the instance restarted, or another instance answered).
 */
export function statsRates(previous: AdminStats | null, current: AdminStats): StatsRates | null {
  if (previous === null) return null;
  const seconds = current.uptimeSeconds - previous.uptimeSeconds;
  const appended = current.eventsAppended - previous.eventsAppended;
  const delivered = current.eventsDelivered - previous.eventsDelivered;
  if (seconds <= 0 || appended < 0 || delivered < 0) return null;
  return { eventsPerSecond: appended / seconds, deliveriesPerSecond: delivered / seconds };
}
