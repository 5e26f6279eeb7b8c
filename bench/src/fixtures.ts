/** Test fixtures. */
import type { LoadgenResult } from './ipc.js';

/** A load-generator result with every figure zero; tests override what they look at. */
export function fakeResult(): LoadgenResult {
  const summary = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  return {
    target: 'floor',
    subscribers: 1,
    connectMs: 1,
    rssBeforeBytes: 0,
    rssIdleBytes: 0,
    rssPerIdleConnBytes: 0,
    rssAfterPublishBytes: 0,
    messages: 1,
    postsOk: 1,
    postErrors: 0,
    firstPostError: null,
    post: summary,
    publishMs: 1,
    drainMs: 0,
    achievedRate: 1,
    expected: 1,
    delivered: 1,
    duplicates: 0,
    strays: 0,
    outOfOrder: 0,
    disconnects: 0,
    latency: summary,
    serverCpuNs: 0,
    sideCpuNs: 0,
    cpuSource: 'stat',
    cpuNsPerDelivery: 0,
    sideCpuNsPerDelivery: 0,
    serverCpuShare: 0,
    loadgenCpuShare: 0,
    frameBytes: 0,
    timedOut: false,
    slowest: [],
  };
}
