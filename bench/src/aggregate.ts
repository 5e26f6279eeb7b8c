/** Combines repeated runs of one server into one result: medians of figures, sums of counts. Pure. */
import type { LoadgenResult } from './ipc.js';
import type { Summary } from './stats.js';

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function medianSummary(summaries: Summary[]): Summary {
  const of = (key: keyof Summary) => median(summaries.map((s) => s[key]));
  return {
    count: summaries.reduce((sum, s) => sum + s.count, 0),
    mean: of('mean'),
    p50: of('p50'),
    p90: of('p90'),
    p99: of('p99'),
    max: Math.max(...summaries.map((s) => s.max)),
  };
}

/**
 * One result for several runs of the same server and scenario: the median of every figure
 * (percentiles, CPU, RSS), the sum of every count (deliveries, losses, errors), the worst max.
 */
export function aggregate(runs: readonly LoadgenResult[]): LoadgenResult {
  const first = runs[0];
  if (!first) throw new Error('aggregate: no runs');
  if (runs.length === 1) return first;
  const med = (pick: (r: LoadgenResult) => number) => median(runs.map(pick));
  const sum = (pick: (r: LoadgenResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const worst = runs.reduce((a, b) => (b.latency.max > a.latency.max ? b : a));
  return {
    target: first.target,
    subscribers: first.subscribers,
    connectMs: med((r) => r.connectMs),
    rssBeforeBytes: med((r) => r.rssBeforeBytes),
    rssIdleBytes: med((r) => r.rssIdleBytes),
    rssPerIdleConnBytes: med((r) => r.rssPerIdleConnBytes),
    rssAfterPublishBytes: med((r) => r.rssAfterPublishBytes),
    messages: sum((r) => r.messages),
    postsOk: sum((r) => r.postsOk),
    postErrors: sum((r) => r.postErrors),
    firstPostError: runs.find((r) => r.firstPostError !== null)?.firstPostError ?? null,
    post: medianSummary(runs.map((r) => r.post)),
    publishMs: med((r) => r.publishMs),
    drainMs: Math.max(...runs.map((r) => r.drainMs)),
    achievedRate: med((r) => r.achievedRate),
    expected: sum((r) => r.expected),
    delivered: sum((r) => r.delivered),
    duplicates: sum((r) => r.duplicates),
    strays: sum((r) => r.strays),
    outOfOrder: sum((r) => r.outOfOrder),
    disconnects: sum((r) => r.disconnects),
    latency: medianSummary(runs.map((r) => r.latency)),
    serverCpuNs: med((r) => r.serverCpuNs),
    sideCpuNs: med((r) => r.sideCpuNs),
    cpuSource: first.cpuSource,
    cpuNsPerDelivery: med((r) => r.cpuNsPerDelivery),
    sideCpuNsPerDelivery: med((r) => r.sideCpuNsPerDelivery),
    serverCpuShare: med((r) => r.serverCpuShare),
    loadgenCpuShare: med((r) => r.loadgenCpuShare),
    frameBytes: med((r) => r.frameBytes),
    timedOut: runs.some((r) => r.timedOut),
    slowest: worst.slowest,
  };
}
