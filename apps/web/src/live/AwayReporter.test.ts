import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwayReporter, IDLE_AFTER_MS, type PageSignals } from './AwayReporter';

function fakePage() {
  const visibility = new Set<() => void>();
  const activity = new Set<() => void>();
  const page = {
    hidden: false,
    isHidden: () => page.hidden,
    onVisibilityChange: (listener: () => void) => {
      visibility.add(listener);
      return () => visibility.delete(listener);
    },
    onActivity: (listener: () => void) => {
      activity.add(listener);
      return () => activity.delete(listener);
    },
    setHidden(hidden: boolean) {
      page.hidden = hidden;
      for (const listener of visibility) listener();
    },
    act() {
      for (const listener of activity) listener();
    },
  };
  return page satisfies PageSignals;
}

describe('AwayReporter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp() {
    const page = fakePage();
    const reports: [string, boolean][] = [];
    const reporter = new AwayReporter(
      (connectionId, away) => {
        reports.push([connectionId, away]);
        return Promise.resolve();
      },
      page,
      () => Date.now(),
    );
    reporter.start();
    return { page, reports, reporter };
  }

  it('reports the tab away when hidden and back when shown, once per change', () => {
    const { page, reports, reporter } = setUp();
    reporter.connected('c1');
    expect(reports).toEqual([]);
    page.setHidden(true);
    page.setHidden(true);
    page.setHidden(false);
    expect(reports).toEqual([
      ['c1', true],
      ['c1', false],
    ]);
  });

  it('tells a new stream at once that the tab is hidden', () => {
    const { page, reports, reporter } = setUp();
    reporter.connected('c1');
    page.setHidden(true);
    reporter.connected('c2');
    expect(reports).toEqual([
      ['c1', true],
      ['c2', true],
    ]);
  });

  it('goes away after a long idle spell and comes back on input', () => {
    const { page, reports, reporter } = setUp();
    reporter.connected('c1');
    vi.advanceTimersByTime(IDLE_AFTER_MS - 60_000);
    page.act();
    vi.advanceTimersByTime(IDLE_AFTER_MS - 60_000);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(90_000);
    expect(reports).toEqual([['c1', true]]);
    page.act();
    expect(reports).toEqual([
      ['c1', true],
      ['c1', false],
    ]);
  });

  it('says nothing before the first stream, nor after stopping', () => {
    const { page, reports, reporter } = setUp();
    page.setHidden(true);
    reporter.stop();
    reporter.connected('c1');
    page.setHidden(false);
    expect(reports).toEqual([['c1', true]]);
  });
});
