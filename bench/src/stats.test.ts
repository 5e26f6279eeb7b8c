import { describe, expect, it } from 'vitest';
import { aggregate, median } from './aggregate.js';
import { fakeResult } from './fixtures.js';
import type { LoadgenResult } from './ipc.js';
import { estimateParleyFrameBytes, floorFrame, floorPayload, messageBody } from './messages.js';
import { markerIndex } from './sse-parse.js';
import { percentile, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the smallest value with at least p% at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 99.5)).toBe(100);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no values and refuses p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(hundred, 101)).toThrow(RangeError);
    expect(() => percentile(hundred, Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts numerically, not as strings', () => {
    const s = summarize([10, 9, 100, 1, 2]);
    expect(s).toMatchObject({ count: 5, p50: 9, max: 100, mean: 24.4 });
  });

  it('copes with no values', () => {
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).p99).toBeNaN();
  });
});

describe('median and aggregate', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('combines runs: medians of figures, sums of counts', () => {
    const run = (p99: number, delivered: number): LoadgenResult => ({
      ...fakeResult(),
      latency: { count: delivered, mean: 1, p50: 1, p90: 1, p99, max: p99 * 2 },
      delivered,
      expected: 100,
    });
    const combined = aggregate([run(10, 100), run(30, 99), run(20, 100)]);
    expect(combined.latency.p99).toBe(20);
    expect(combined.latency.max).toBe(60);
    expect(combined.delivered).toBe(299);
    expect(combined.expected).toBe(300);
  });

  it('takes per-delivery CPU as the median of each run, not a median total over summed deliveries', () => {
    const run = (sideCpuNs: number): LoadgenResult => ({
      ...fakeResult(),
      delivered: 1_000,
      sideCpuNs,
      sideCpuNsPerDelivery: sideCpuNs / 1_000,
      cpuNsPerDelivery: sideCpuNs / 100,
    });
    const combined = aggregate([run(200_000), run(300_000), run(250_000)]);
    expect(combined.sideCpuNsPerDelivery).toBe(250);
    expect(combined.cpuNsPerDelivery).toBe(2_500);
  });
});

describe('message sizes', () => {
  it('builds bodies of the exact size that carry their index', () => {
    const body = messageBody(42, 1234.5678, 100);
    expect(body).toHaveLength(100);
    expect(markerIndex(body)).toBe(42);
    expect(body).toMatch(/^#pb:42:1234\.568:/);
  });

  it('pads the floor payload so that its frame has the target size', () => {
    const body = messageBody(1, 1, 100);
    const target = estimateParleyFrameBytes(2, body, 'bench0');
    const payload = floorPayload(body, 2, target);
    expect(floorFrame(2, JSON.stringify(JSON.parse(payload)))).toHaveLength(target);
    expect(floorFrame(2, floorPayload(body, 2, 10)).length).toBeGreaterThan(10);
  });

  it("estimates Parley's message.created frame from the protocol's shape", () => {
    const uuid = '7b4f3c1e-2a59-4a8e-9a51-0d1c2b3a4f5e';
    const body = messageBody(3, 5, 100);
    const message = {
      id: uuid,
      roomId: uuid,
      seq: 12,
      author: { id: uuid, username: 'bench0', displayName: 'bench0' },
      body,
      createdAt: '2026-01-02T03:04:05.678Z',
    };
    const real = `id: 12\ndata: ${JSON.stringify({ type: 'message.created', seq: 12, roomId: uuid, message })}\n\n`;
    expect(estimateParleyFrameBytes(12, body, 'bench0')).toBe(real.length);
  });
});
