/** Turns load-generator results into the markdown report, with PRODUCT.md's budgets. Pure. */
import type { LoadgenResult } from './ipc.js';
import type { ResumeResult } from './resume.js';

export type ScenarioKey = 'big' | 'busy' | 'rooms' | 'ingest';

/** What a budget check belongs to: a scenario against the floor, or the resume measurement. */
export type CheckScope = ScenarioKey | 'resume' | 'bus';

export interface ScenarioSpec {
  key: ScenarioKey;
  title: string;
  subscribers: number;
  messages: number;
  rate: number;
  /** Many-rooms scenario: subscriber i is in room i % rooms, message k goes to room k % rooms. */
  rooms?: number;
  /** Ingest: this many clients post at once, each again as soon as it is answered (no pacing). */
  concurrency?: number;
  /** At least this many warm-up messages (the default is 10 s of `rate`). */
  minWarmup?: number;
}

export interface ScenarioOutcome {
  spec: ScenarioSpec;
  floor: LoadgenResult | null;
  parley: LoadgenResult | null;
  /** Every run (with --repeat); floor/parley above are their aggregate. */
  runs: { floor: LoadgenResult[]; parley: LoadgenResult[] };
  /** Set when a run failed before it produced figures. */
  errors: string[];
}

export interface ReportMeta {
  date: string;
  machine: string;
  node: string;
  commit: string;
  command: string;
  bodyBytes: number;
  /** /proc/loadavg's 1-minute figure before and after the run. */
  loadBefore: string;
  loadAfter: string;
  cpus: number;
  notes: string[];
}

export interface Check {
  scenario: CheckScope;
  name: string;
  /** null: not judged, because a process was overloaded and the figure says more about the machine. */
  pass: boolean | null;
}

/** Above this share of a core, the load generator was the bottleneck: latencies include its queueing. */
export const SATURATED = 0.85;

/**
 * A server "fell behind" when its last delivery came this long after the last post: it could not keep
 * up with the offered rate on this machine, so its latency is the length of its queue.
 */
export const BEHIND_MS = 2_000;

export const fellBehind = (r: LoadgenResult | null) => r !== null && r.drainMs > BEHIND_MS;
const loadgenSaturated = (r: LoadgenResult | null) => r !== null && r.loadgenCpuShare > SATURATED;

const fmt = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const us = (ns: number) => fmt(ns / 1000, 2);
const ms = (value: number) => fmt(value, 1);
const kb = (bytes: number) => fmt(bytes / 1024, 1);
const signedMs = (value: number) => (value > 0 ? `+${ms(value)}` : ms(value));
const ratioText = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : '–');
const mark = (pass: boolean | null) => (pass === null ? 'n/a (see notes)' : pass ? 'pass' : '**FAIL**');

function ratio(parley: number | undefined, floor: number | undefined): number {
  if (parley === undefined || floor === undefined || !(floor > 0)) return NaN;
  return parley / floor;
}

function deliveredText(r: LoadgenResult | null): string {
  if (!r) return '–';
  const lost = r.expected - r.delivered;
  const extra = [];
  if (lost > 0) extra.push(r.timedOut ? `${lost} not arrived by the deadline` : `${lost} lost`);
  if (r.duplicates > 0) extra.push(`${r.duplicates} dup`);
  if (r.strays > 0) extra.push(`${r.strays} to non-members`);
  if (r.postErrors > 0) extra.push(`${r.postErrors} posts failed`);
  if (r.outOfOrder > 0) extra.push(`${r.outOfOrder} out of seq order`);
  return `${r.delivered}/${r.expected}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

const complete = (r: LoadgenResult | null) =>
  r !== null &&
  r.delivered === r.expected &&
  r.duplicates === 0 &&
  r.strays === 0 &&
  r.outOfOrder === 0 &&
  r.postErrors === 0 &&
  !r.timedOut;

/** PRODUCT.md's budget checks for one scenario (those its runs allow: ratios need both servers). */
export function checks(outcome: ScenarioOutcome): { check: Check; budget: string; value: string }[] {
  const { spec, floor, parley } = outcome;
  const out: { check: Check; budget: string; value: string }[] = [];
  const loadgenBusy = loadgenSaturated(floor) || loadgenSaturated(parley);
  const add = (name: string, budget: string, value: string, pass: boolean, judged = true) =>
    out.push({ check: { scenario: spec.key, name, pass: judged ? pass : null }, budget, value });
  if (parley) add('nothing lost', 'all, once, in seq order', deliveredText(parley), complete(parley));
  if (spec.key === 'busy') {
    // Coalescing is the point here, so CPU is judged even when a server fell behind.
    if (parley) {
      const p99 = parley.latency.p99;
      add('p99 publish-to-delivery', '< 100 ms', `${ms(p99)} ms`, p99 < 100, !loadgenBusy);
    }
    if (floor && parley) {
      const cpu = ratio(parley.cpuNsPerDelivery, floor.cpuNsPerDelivery);
      add('CPU per delivered event', '< 1.0x floor', ratioText(cpu), cpu < 1.0);
    }
    return out;
  }
  if (spec.key === 'ingest') {
    if (parley) {
      const p99 = parley.post.p99;
      add('p99 post', '< 50 ms', `${ms(p99)} ms`, p99 < 50, !loadgenBusy);
    }
    if (floor && parley) {
      const rate = ratio(parley.achievedRate, floor.achievedRate);
      add('publish rate', '>= 0.5x floor', ratioText(rate), rate >= 0.5, !loadgenBusy);
    }
    return out;
  }
  if (spec.key === 'rooms') {
    if (floor && parley) {
      const cpu = ratio(parley.cpuNsPerDelivery, floor.cpuNsPerDelivery);
      add('CPU per delivered event', '<= 1.2x floor', ratioText(cpu), cpu <= 1.2, !fellBehind(parley));
    }
    return out;
  }
  if (!floor || !parley) return out;
  const cpu = ratio(parley.cpuNsPerDelivery, floor.cpuNsPerDelivery);
  const p99 = ratio(parley.latency.p99, floor.latency.p99);
  const rss = ratio(parley.rssPerIdleConnBytes, floor.rssPerIdleConnBytes);
  // A server that fell behind writes several events per write: its CPU per delivery flatters it.
  add('CPU per delivered event', '<= 1.2x floor', ratioText(cpu), cpu <= 1.2, !fellBehind(parley));
  // A floor that fell behind is no reference for latency.
  add(
    'p99 publish-to-delivery',
    '<= 1.3x floor',
    ratioText(p99),
    p99 <= 1.3,
    !fellBehind(floor) && !loadgenBusy,
  );
  add('RSS per idle connection', '<= 1.5x floor', ratioText(rss), rss <= 1.5);
  return out;
}

interface Row {
  label: string;
  value: (r: LoadgenResult) => string;
  /** Parley/floor ratio of this figure, when meaningful. */
  ratioOf?: (r: LoadgenResult) => number;
  /** The budget check (by name) this row is judged by. */
  check?: string;
}

const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 0);

const ROWS: Row[] = [
  {
    label: 'server CPU per delivered event (µs)',
    value: (r) => us(r.cpuNsPerDelivery),
    ratioOf: (r) => r.cpuNsPerDelivery,
    check: 'CPU per delivered event',
  },
  {
    label: 'publish-to-delivery p99 (ms)',
    value: (r) => ms(r.latency.p99),
    ratioOf: (r) => r.latency.p99,
    check: 'p99 publish-to-delivery',
  },
  {
    label: 'server RSS per idle connection (KB)',
    value: (r) => kb(r.rssPerIdleConnBytes),
    ratioOf: (r) => r.rssPerIdleConnBytes,
    check: 'RSS per idle connection',
  },
  { label: 'delivered / expected', value: deliveredText, check: 'nothing lost' },
  { label: 'publish-to-delivery p50 (ms)', value: (r) => ms(r.latency.p50), ratioOf: (r) => r.latency.p50 },
  { label: 'publish-to-delivery max (ms)', value: (r) => ms(r.latency.max), ratioOf: (r) => r.latency.max },
  {
    label: 'publish request p50 / p99 (ms)',
    value: (r) => `${ms(r.post.p50)} / ${ms(r.post.p99)}`,
    check: 'p99 post',
  },
  {
    label: 'server CPU in publish phase (s, share of a core)',
    value: (r) => `${fmt(r.serverCpuNs / 1e9, 2)} (${fmt(r.serverCpuShare * 100, 0)}%)`,
  },
  {
    label: 'server RSS idle / after publish (MB)',
    value: (r) => `${mb(r.rssIdleBytes)} / ${mb(r.rssAfterPublishBytes)}`,
  },
  {
    label: 'achieved publish rate (msg/s)',
    value: (r) => fmt(r.achievedRate, 1),
    ratioOf: (r) => r.achievedRate,
    check: 'publish rate',
  },
  { label: 'message frame size (bytes)', value: (r) => fmt(r.frameBytes, 0) },
  {
    label: 'all streams opened in (s)',
    value: (r) => fmt(r.connectMs / 1000, 1),
    ratioOf: (r) => r.connectMs,
  },
  { label: 'load generator CPU (share of a core)', value: (r) => `${fmt(r.loadgenCpuShare * 100, 0)}%` },
];

export function renderScenario(outcome: ScenarioOutcome): string {
  const { spec, floor, parley } = outcome;
  const judged = new Map(checks(outcome).map((c) => [c.check.name, c]));
  const lines: string[] = [
    `### ${spec.title}: ${spec.subscribers.toLocaleString('en-US')} subscribers` +
      `${spec.rooms ? ` in ${spec.rooms} rooms` : ''}, ` +
      (spec.concurrency
        ? `${spec.messages} messages posted by ${spec.concurrency} clients at once`
        : `${spec.messages} messages at ${spec.rate}/s`),
    '',
    '| figure | floor | Parley | Parley/floor | budget | result |',
    '| --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of ROWS) {
    const r = row.ratioOf
      ? ratio(parley ? row.ratioOf(parley) : undefined, floor ? row.ratioOf(floor) : undefined)
      : NaN;
    const check = row.check === undefined ? undefined : judged.get(row.check);
    lines.push(
      `| ${row.label} | ${floor ? row.value(floor) : '–'} | ${parley ? row.value(parley) : '–'} | ` +
        `${row.ratioOf ? ratioText(r) : ''} | ${check?.budget ?? ''} | ${check ? mark(check.check.pass) : ''} |`,
    );
  }
  const repeated = Math.max(outcome.runs.floor.length, outcome.runs.parley.length);
  if (repeated > 1) {
    const perRun = (runs: LoadgenResult[], pick: (r: LoadgenResult) => string) =>
      runs.length > 0 ? runs.map(pick).join(' / ') : '–';
    const extra: [string, (r: LoadgenResult) => string][] = [
      ['each run: CPU per delivered event (µs)', (r) => us(r.cpuNsPerDelivery)],
      ['each run: p99 (ms)', (r) => ms(r.latency.p99)],
      ['each run: RSS per idle connection (KB)', (r) => kb(r.rssPerIdleConnBytes)],
    ];
    for (const [label, pick] of extra) {
      lines.push(
        `| ${label} | ${perRun(outcome.runs.floor, pick)} | ${perRun(outcome.runs.parley, pick)} |  |  |  |`,
      );
    }
  }
  for (const error of outcome.errors) lines.push('', `**Error:** ${error}`);
  return lines.join('\n');
}

export function warningsFor(outcome: ScenarioOutcome): string[] {
  const warnings: string[] = [];
  const { floor, parley, spec } = outcome;
  for (const r of [floor, parley]) {
    if (!r) continue;
    if (fellBehind(r)) {
      warnings.push(
        `${spec.title}, ${r.target}: fell behind the offered rate on this machine (its last delivery came ` +
          `${(r.drainMs / 1000).toFixed(1)} s after the last post, using ${(r.serverCpuShare * 100).toFixed(0)}% ` +
          'of a core): its latency is the length of its queue.',
      );
    }
    if (r.loadgenCpuShare > SATURATED) {
      warnings.push(
        `${spec.title}, ${r.target}: the load generator used ${(r.loadgenCpuShare * 100).toFixed(0)}% of a core; ` +
          'latencies include its own queueing. Lower the rate.',
      );
    }
    if (r.cpuSource === 'stat' && r.serverCpuNs < 2e9) {
      warnings.push(
        `${spec.title}, ${r.target}: server CPU comes from /proc/<pid>/stat (10 ms ticks) and totals ` +
          `${(r.serverCpuNs / 1e9).toFixed(2)} s; send more messages for a steadier figure.`,
      );
    }
    if (r.timedOut)
      warnings.push(`${spec.title}, ${r.target}: the drain deadline passed before every delivery.`);
    if (r.outOfOrder > 0) {
      warnings.push(
        `${spec.title}, ${r.target}: ${r.outOfOrder} deliveries did not come in seq order (SSE id) on their stream.`,
      );
    }
  }
  if (floor && parley && Number.isFinite(floor.frameBytes) && Number.isFinite(parley.frameBytes)) {
    const diff = Math.abs(parley.frameBytes - floor.frameBytes) / parley.frameBytes;
    if (diff > 0.03) {
      warnings.push(
        `${spec.title}: frame sizes differ by ${(diff * 100).toFixed(1)}% ` +
          `(floor ${floor.frameBytes.toFixed(0)} B, Parley ${parley.frameBytes.toFixed(0)} B).`,
      );
    }
  }
  return warnings;
}

const SCENARIO_NAMES: Record<CheckScope, string> = {
  resume: 'resume',
  bus: 'two instances',
  big: 'big room',
  busy: 'busy room',
  rooms: 'many rooms',
  ingest: 'ingest',
};

/** PRODUCT.md: replaying 1,000 missed events costs under 50 ms of server time (the median replay). */
export const RESUME_BUDGET_MS = 50;

export function resumePasses(resume: ResumeResult): boolean {
  return resume.complete === resume.replays && resume.cpuMs.p50 < RESUME_BUDGET_MS;
}

export function renderResume(resume: ResumeResult): string {
  const { cpuMs, wallMs } = resume;
  return [
    `### Resume: ${resume.replays} reconnects, each replaying ${resume.missed.toLocaleString('en-US')} missed events`,
    '',
    '| figure | Parley | budget | result |',
    '| --- | ---: | --- | --- |',
    `| server CPU per replay, median (ms) | ${ms(cpuMs.p50)} | < ${RESUME_BUDGET_MS} ms | ${mark(cpuMs.p50 < RESUME_BUDGET_MS)} |`,
    `| server CPU per replay, p90 / max (ms) | ${ms(cpuMs.p90)} / ${ms(cpuMs.max)} |  |  |`,
    `| reconnect to last missed event, median / max (ms) | ${ms(wallMs.p50)} / ${ms(wallMs.max)} |  |  |`,
    `| replays complete (every event once, in seq order) | ${resume.complete} / ${resume.replays} | all | ${mark(resume.complete === resume.replays)} |`,
  ].join('\n');
}

/**
 * The two-instance scenario: the same room, load and PostgreSQL database served by one process (the
 * in-process bus) and by two instances with Redis between them. The publisher posts to the first
 * instance; half of the streams are on the second, so every message crosses Redis to reach them.
 */
export interface BusOutcome {
  subscribers: number;
  messages: number;
  rate: number;
  one: LoadgenResult | null;
  two: LoadgenResult | null;
  errors: string[];
}

/** The only budget here is losslessness; the cost of the bus is reported, not judged. */
export function busPasses(bus: BusOutcome): boolean {
  return bus.errors.length === 0 && complete(bus.one) && complete(bus.two);
}

export function renderBus(bus: BusOutcome): string {
  const { one, two } = bus;
  const row = (name: string, pick: (r: LoadgenResult) => number, show: (v: number) => string) => {
    const a = one ? pick(one) : NaN;
    const b = two ? pick(two) : NaN;
    return `| ${name} | ${show(a)} | ${show(b)} | ${ratioText(ratio(b, a))} |`;
  };
  const withRedis = (r: LoadgenResult) => r.cpuNsPerDelivery + r.sideCpuNsPerDelivery;
  const extraP50 = one && two ? two.latency.p50 - one.latency.p50 : NaN;
  const extraP99 = one && two ? two.latency.p99 - one.latency.p99 : NaN;
  return [
    `### Two instances through Redis: ${bus.subscribers.toLocaleString('en-US')} subscribers, ` +
      `${bus.messages} messages at ${bus.rate}/s, PostgreSQL`,
    '',
    'One process with its in-process bus, against two instances that share the database and Redis. Posts go ' +
      'to the first instance; half of the streams are on the second.',
    '',
    '| figure | one process | two instances | two / one |',
    '| --- | ---: | ---: | ---: |',
    `| delivered / expected | ${deliveredText(one)} | ${deliveredText(two)} | ${mark(busPasses(bus))} |`,
    row('latency p50 (ms)', (r) => r.latency.p50, ms),
    row('latency p99 (ms)', (r) => r.latency.p99, ms),
    row('server CPU per delivered event (µs, all instances)', (r) => r.cpuNsPerDelivery, us),
    row('Redis CPU per delivered event (µs)', (r) => r.sideCpuNsPerDelivery, us),
    row('CPU per delivered event with Redis (µs)', withRedis, us),
    row('publish request p99 (ms)', (r) => r.post.p99, ms),
    row('RSS per idle stream (KB, all instances)', (r) => r.rssPerIdleConnBytes, kb),
    '',
    `Two instances minus one process: ${signedMs(extraP50)} ms at p50, ${signedMs(extraP99)} ms at p99 ` +
      '(what crossing the bus costs in latency, within the noise of the run).',
    ...bus.errors.map((e) => `\n**Error:** ${e}`),
  ].join('\n');
}

export function renderReport(
  meta: ReportMeta,
  outcomes: ScenarioOutcome[],
  resume: ResumeResult | null = null,
  bus: BusOutcome | null = null,
): string {
  const lines: string[] = [
    '# Parley benchmark',
    '',
    `${meta.date} · ${meta.machine} · Node ${meta.node} · commit ${meta.commit}`,
    '',
    `Load average before / after: ${meta.loadBefore} / ${meta.loadAfter} (other processes on the machine add noise).`,
    '',
    `Command: \`${meta.command}\`. Message bodies of ${meta.bodyBytes} bytes; the floor's frames are padded to ` +
      "the size of Parley's `message.created` frame, so both deliver the same bytes. Ratios are Parley/floor " +
      'from the same run; budgets from PRODUCT.md.',
    '',
  ];
  for (const outcome of outcomes) lines.push(renderScenario(outcome), '');
  if (resume) lines.push(renderResume(resume), '');
  if (bus) lines.push(renderBus(bus), '');
  const all = outcomes.flatMap((o) => checks(o).map((c) => c.check));
  if (resume) {
    all.push({ scenario: 'resume', name: 'replay cost and completeness', pass: resumePasses(resume) });
  }
  if (bus) all.push({ scenario: 'bus', name: 'nothing lost', pass: busPasses(bus) });
  if (all.length > 0) {
    const failed = all.filter((c) => c.pass === false);
    const unjudged = all.filter((c) => c.pass === null);
    const judged = all.length - unjudged.length;
    const list = (cs: Check[]) => cs.map((c) => `${SCENARIO_NAMES[c.scenario]}: ${c.name}`).join('; ');
    lines.push(
      failed.length === 0
        ? `**All ${judged} judged budget checks pass.**`
        : `**${failed.length} of ${judged} judged budget checks fail:** ${list(failed)}.`,
    );
    if (unjudged.length > 0) {
      lines.push('', `Not judged (a process was overloaded, see notes): ${list(unjudged)}.`);
    }
    lines.push('');
  }
  const load = Math.max(Number(meta.loadBefore), Number(meta.loadAfter));
  const busy =
    load > meta.cpus
      ? [
          `**The machine was busy** (load average up to ${load.toFixed(1)} on ${meta.cpus} CPUs): other ` +
            'processes competed for the CPU, so latency figures are unreliable. Rerun on a quiet machine.',
        ]
      : [];
  const warnings = [...busy, ...meta.notes, ...outcomes.flatMap(warningsFor)];
  if (warnings.length > 0) {
    lines.push('Notes:', '');
    for (const w of warnings) lines.push(`- ${w}`);
    lines.push('');
  }
  return lines.join('\n');
}
