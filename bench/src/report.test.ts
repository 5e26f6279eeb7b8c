import { describe, expect, it } from 'vitest';
import type { LoadgenResult } from './ipc.js';
import {
  busPasses,
  checks,
  renderBus,
  renderReport,
  type BusOutcome,
  type ReportMeta,
  type ScenarioOutcome,
} from './report.js';
import { fakeResult } from './fixtures.js';

function result(over: Partial<LoadgenResult>): LoadgenResult {
  return { ...fakeResult(), delivered: 100, expected: 100, ...over };
}

function outcome(
  key: 'big' | 'busy' | 'rooms' | 'ingest',
  floor: LoadgenResult,
  parley: LoadgenResult,
): ScenarioOutcome {
  return {
    spec: { key, title: key, subscribers: 10, messages: 10, rate: 1 },
    floor,
    parley,
    runs: { floor: [floor], parley: [parley] },
    errors: [],
  };
}

const meta = (): ReportMeta => ({
  date: 'd',
  machine: 'm',
  node: '20',
  commit: 'c',
  command: 'pnpm bench',
  bodyBytes: 100,
  loadBefore: '0.1',
  loadAfter: '0.1',
  cpus: 2,
  notes: [],
});

const latency = (p99: number) => ({ count: 100, mean: 1, p50: 1, p90: 1, p99, max: p99 });

describe('budget checks', () => {
  it('judges the big room by ratios to the floor', () => {
    const floor = result({ cpuNsPerDelivery: 10, latency: latency(100), rssPerIdleConnBytes: 10_000 });
    const parley = result({
      target: 'parley',
      cpuNsPerDelivery: 11,
      latency: latency(140),
      rssPerIdleConnBytes: 20_000,
    });
    const verdicts = Object.fromEntries(
      checks(outcome('big', floor, parley)).map((c) => [c.check.name, c.check.pass]),
    );
    expect(verdicts).toEqual({
      'nothing lost': true,
      'CPU per delivered event': true,
      'p99 publish-to-delivery': false,
      'RSS per idle connection': false,
    });
  });

  const verdicts = (o: ScenarioOutcome) =>
    Object.fromEntries(checks(o).map((c) => [c.check.name, c.check.pass]));

  it('judges ingest by publish rate against the floor and by the p99 of the posts themselves', () => {
    const floor = result({ achievedRate: 4000, post: latency(20) });
    const fast = result({ target: 'parley', achievedRate: 2100, post: latency(45) });
    const slow = result({ target: 'parley', achievedRate: 1900, post: latency(60) });
    expect(verdicts(outcome('ingest', floor, fast))).toEqual({
      'nothing lost': true,
      'p99 post': true,
      'publish rate': true,
    });
    expect(verdicts(outcome('ingest', floor, slow))).toEqual({
      'nothing lost': true,
      'p99 post': false,
      'publish rate': false,
    });
    const report = renderReport(meta(), [outcome('ingest', floor, slow)]);
    expect(report).toContain(
      '| achieved publish rate (msg/s) | 4000.0 | 1900.0 | 0.47x | >= 0.5x floor | **FAIL** |',
    );
    expect(report).toContain('ingest: p99 post; ingest: publish rate');
  });

  it('does not judge latency against a floor that fell behind, nor under a saturated load generator', () => {
    const floor = result({
      cpuNsPerDelivery: 10,
      latency: latency(9000),
      drainMs: 20_000,
      rssPerIdleConnBytes: 9,
    });
    const parley = result({
      target: 'parley',
      cpuNsPerDelivery: 11,
      latency: latency(50),
      delivered: 99,
      rssPerIdleConnBytes: 9,
    });
    expect(verdicts(outcome('big', floor, parley))).toEqual({
      'nothing lost': false,
      'CPU per delivered event': true,
      'p99 publish-to-delivery': null,
      'RSS per idle connection': true,
    });
    const busyParley = { ...parley, loadgenCpuShare: 0.95 };
    expect(verdicts(outcome('busy', floor, busyParley))).toEqual({
      'nothing lost': false,
      'p99 publish-to-delivery': null,
      'CPU per delivered event': false,
    });
  });

  it('counts deliveries out of seq order as a failure', () => {
    const parley = result({ target: 'parley', outOfOrder: 1 });
    expect(verdicts(outcome('big', result({}), parley))['nothing lost']).toBe(false);
  });

  it('judges the many rooms by CPU against the floor and fails deliveries to non-members', () => {
    const floor = result({ cpuNsPerDelivery: 10, latency: latency(100) });
    const parley = result({ target: 'parley', cpuNsPerDelivery: 12, latency: latency(500) });
    expect(verdicts(outcome('rooms', floor, parley))).toEqual({
      'nothing lost': true,
      'CPU per delivered event': true,
    });
    const stray = result({ target: 'parley', cpuNsPerDelivery: 13, strays: 2 });
    expect(verdicts(outcome('rooms', floor, stray))).toEqual({
      'nothing lost': false,
      'CPU per delivered event': false,
    });
    expect(checks(outcome('rooms', floor, stray))[0]!.value).toBe('100/100 (2 to non-members)');
  });

  it('renders a table with ratios and a verdict line', () => {
    const floor = result({ cpuNsPerDelivery: 10_000, latency: latency(100), rssPerIdleConnBytes: 10_240 });
    const parley = result({
      target: 'parley',
      cpuNsPerDelivery: 11_000,
      latency: latency(120),
      rssPerIdleConnBytes: 12_288,
    });
    const text = renderReport(
      {
        date: 'd',
        machine: 'm',
        node: 'n',
        commit: 'c',
        command: 'pnpm bench',
        bodyBytes: 100,
        loadBefore: '0',
        loadAfter: '0',
        cpus: 2,
        notes: [],
      },
      [outcome('big', floor, parley)],
    );
    expect(text).toContain(
      '| server CPU per delivered event (µs) | 10.00 | 11.00 | 1.10x | <= 1.2x floor | pass |',
    );
    expect(text).toContain(
      '| server RSS per idle connection (KB) | 10.0 | 12.0 | 1.20x | <= 1.5x floor | pass |',
    );
    expect(text).toContain('**All 4 judged budget checks pass.**');
  });
});

describe('two-instance report', () => {
  const bus = (one: LoadgenResult | null, two: LoadgenResult | null): BusOutcome => ({
    subscribers: 10,
    messages: 10,
    rate: 1,
    one,
    two,
    errors: [],
  });

  it('shows what the second instance and Redis cost, as ratios to one process', () => {
    const one = result({ target: 'parley', cpuNsPerDelivery: 10_000, latency: latency(20) });
    const two = result({
      target: 'parley',
      cpuNsPerDelivery: 12_000,
      sideCpuNs: 300_000,
      sideCpuNsPerDelivery: 3_000,
      latency: { ...latency(26), p50: 4 },
    });
    const text = renderBus(bus({ ...one, latency: { ...latency(20), p50: 3 } }, two));
    expect(busPasses(bus(one, two))).toBe(true);
    expect(text).toContain('| server CPU per delivered event (µs, all instances) | 10.00 | 12.00 | 1.20x |');
    expect(text).toContain('| Redis CPU per delivered event (µs) | 0.00 | 3.00 | – |');
    expect(text).toContain('| CPU per delivered event with Redis (µs) | 10.00 | 15.00 | 1.50x |');
    expect(text).toContain('+1.0 ms at p50, +6.0 ms at p99');
  });

  it('fails on a loss in either set-up, or a run that did not finish', () => {
    const whole = result({ target: 'parley' });
    expect(busPasses(bus(whole, result({ delivered: 99 })))).toBe(false);
    expect(busPasses(bus(result({ duplicates: 1 }), whole))).toBe(false);
    expect(busPasses(bus(whole, null))).toBe(false);
    expect(renderReport(meta(), [], null, bus(whole, result({ outOfOrder: 2 })))).toContain(
      '**1 of 1 judged budget checks fail:** two instances: nothing lost.',
    );
  });
});
