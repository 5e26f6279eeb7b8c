/**
 * `pnpm bench`: measures Parley against the floor (a minimal node:http SSE broadcaster) in one run,
 * on this machine, each server in its own process and the load generator in another.
 *
 *   big room   N subscribers (10,000), M messages (200) at R/s: CPU per delivery, p99, RSS per idle conn
 *   busy room  1,000 subscribers, 200 messages/s: CPU per delivery below the floor, p99 < 100 ms
 *   many rooms 10,000 subscribers in 500 rooms of 20, messages spread over the rooms (--scenario rooms):
 *              CPU per delivery, p99, every message to exactly its room's members
 *   bus        2,000 subscribers on PostgreSQL: one process against two instances through Redis
 *              (--scenario bus): the latency and CPU that crossing the bus adds
 *
 * Prints a markdown table with the Parley/floor ratios against PRODUCT.md's budgets and writes it to
 * bench/results/latest.md (and the raw figures to latest.json). See bench/README.md for the flags.
 */
import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { FromLoadgen, LoadgenConfig, LoadgenResult, Target, ToLoadgen } from './ipc.js';
import { aggregate } from './aggregate.js';
import { estimateParleyFrameBytes, messageBody } from './messages.js';
import {
  busPasses,
  checks,
  renderReport,
  resumePasses,
  type BusOutcome,
  type ScenarioOutcome,
  type ScenarioSpec,
} from './report.js';
import type { ResumeConfig, ResumeResult } from './resume.js';

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = resolve(here, '..');
const repoRoot = resolve(benchDir, '..');
const serverDir = join(repoRoot, 'apps/server');
const serverEntry = join(serverDir, 'dist/server.js');
const HOST = '127.0.0.1';
const USER_PREFIX = 'bench';
/**
 * The default warm-up: this many seconds of each scenario's own load, unmeasured. A server's code is
 * measured once the JIT has compiled it: with 10 warm-up posts, the many-rooms run measured Parley's
 * first 2,000 posts while V8 was still compiling its request path (on four background threads), and
 * the floor, whose request path is a few functions, not at all.
 */
const WARMUP_SECONDS = 10;
/**
 * Many rooms warms up with this many posts, not 10 s (1,000) of them. A post's code runs once per
 * message, and both servers were still getting faster after 1,000: with one subscriber per room,
 * 1,000 warm-up posts measured 390 µs of CPU per post for the floor and 1,137 for Parley; 3,000,
 * 6,000 and 9,000 measured 173 to 216 and 550 to 735. V8 optimizes a function after it has run
 * enough bytecode, so what runs once per request is the last to be optimized.
 */
const MANY_ROOMS_WARMUP = 4_000;

// --- options -------------------------------------------------------------------------------------

const USAGE = `Usage: pnpm bench [-- options]   (or: pnpm exec tsx bench/src/run.ts [options])

  --quick                    smoke run: big room 500 x 50 msgs, busy room 200 x 400 msgs
  --only floor|parley        run one server only (no ratios)
  --scenario big|busy|rooms|ingest|resume|bus|all
                             which scenarios (default all = big, busy, ingest, resume; rooms and bus
                             on request; bus needs PostgreSQL and Redis)
  --subscribers N            big room subscribers        (env BENCH_SUBSCRIBERS, default 10000)
  --messages M               big room messages           (env BENCH_MESSAGES, default 200)
  --rate R                   big room messages/second    (env BENCH_RATE, default 2)
  --busy-subscribers N       busy room subscribers       (env BENCH_BUSY_SUBSCRIBERS, default 1000)
  --busy-messages M          busy room messages          (env BENCH_BUSY_MESSAGES, default 2000)
  --busy-rate R              busy room messages/second   (env BENCH_BUSY_RATE, default 200)
  --rooms-subscribers N      many rooms subscribers      (env BENCH_ROOMS_SUBSCRIBERS, default 10000)
  --rooms R                  many rooms: how many rooms  (env BENCH_ROOMS, default 500)
  --rooms-messages M         many rooms messages         (env BENCH_ROOMS_MESSAGES, default 2000)
  --rooms-rate R             many rooms messages/second  (env BENCH_ROOMS_RATE, default 100)
  --ingest-clients C         ingest: clients posting at once (env BENCH_INGEST_CLIENTS, default 200)
  --ingest-messages M        ingest: messages in all     (env BENCH_INGEST_MESSAGES, default 4000)
  --resume-missed N          resume: missed events per replay (env BENCH_RESUME_MISSED, default 1000)
  --resume-replays K         resume: reconnects measured  (env BENCH_RESUME_REPLAYS, default 20)
  --bus-subscribers N        bus: subscribers            (env BENCH_BUS_SUBSCRIBERS, default 2000)
  --bus-messages M           bus: messages               (env BENCH_BUS_MESSAGES, default 200)
  --bus-rate R               bus: messages/second        (env BENCH_BUS_RATE, default 10)
                             PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres,
                             a database is created and dropped per run); Redis: BENCH_REDIS_URL
                             (default redis://127.0.0.1:6379)
  --body-bytes B             message body size           (env BENCH_BODY_BYTES, default 100)
  --settle-ms MS             idle time before reading RSS (default 3000)
  --warmup W                 unmeasured messages sent first, at the scenario's rate (default: 10 s
                             of that rate, at least 10; 5 with --quick)
  --repeat K                 run each server K times, alternating, and report medians (default 1)
  --server-node-args="ARGS"  extra node flags for both servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  --strict                   exit 1 when a budget check fails
  --help`;

interface Options {
  only: Target | null;
  scenarios: ScenarioSpec[];
  bodyBytes: number;
  settleMs: number;
  /** Unmeasured messages sent first; null: WARMUP_SECONDS of each scenario's rate. */
  warmup: number | null;
  /** Runs per server and scenario; the report shows medians. */
  repeat: number;
  /** Extra node flags for both servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile. */
  serverNodeArgs: string[];
  strict: boolean;
  quick: boolean;
  /** Resume measurement (Parley only): missed events per replay, and how many replays. */
  resume: { missed: number; replays: number } | null;
  /** Two-instance scenario: one process against two instances through Redis, on PostgreSQL. */
  bus: { subscribers: number; messages: number; rate: number } | null;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      scenario: { type: 'string', default: 'all' },
      subscribers: { type: 'string' },
      messages: { type: 'string' },
      rate: { type: 'string' },
      'busy-subscribers': { type: 'string' },
      'busy-messages': { type: 'string' },
      'busy-rate': { type: 'string' },
      'rooms-subscribers': { type: 'string' },
      rooms: { type: 'string' },
      'rooms-messages': { type: 'string' },
      'rooms-rate': { type: 'string' },
      'ingest-clients': { type: 'string' },
      'ingest-messages': { type: 'string' },
      'resume-missed': { type: 'string' },
      'resume-replays': { type: 'string' },
      'bus-subscribers': { type: 'string' },
      'bus-messages': { type: 'string' },
      'bus-rate': { type: 'string' },
      'body-bytes': { type: 'string' },
      'settle-ms': { type: 'string' },
      warmup: { type: 'string' },
      repeat: { type: 'string' },
      'server-node-args': { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const num = (flag: string | undefined, env: string, normal: number, quickValue: number) => {
    const raw = flag ?? process.env[env];
    if (raw === undefined || raw === '') return quick ? quickValue : normal;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new UsageError(`${env}/${raw}: expected a positive number`);
    return value;
  };
  const only = values.only ?? null;
  if (only !== null && only !== 'floor' && only !== 'parley')
    throw new UsageError('--only is floor or parley');
  const which = values.scenario;
  if (!['big', 'busy', 'rooms', 'ingest', 'resume', 'bus', 'all'].includes(which))
    throw new UsageError('--scenario is big, busy, rooms, ingest, resume, bus or all');

  const scenarios: ScenarioSpec[] = [];
  if (which === 'big' || which === 'all') {
    scenarios.push({
      key: 'big',
      title: 'Big room',
      subscribers: Math.round(num(values.subscribers, 'BENCH_SUBSCRIBERS', 10_000, 500)),
      messages: Math.round(num(values.messages, 'BENCH_MESSAGES', 200, 50)),
      rate: num(values.rate, 'BENCH_RATE', 2, 5),
    });
  }
  if (which === 'busy' || which === 'all') {
    scenarios.push({
      key: 'busy',
      title: 'Busy room',
      subscribers: Math.round(num(values['busy-subscribers'], 'BENCH_BUSY_SUBSCRIBERS', 1_000, 200)),
      messages: Math.round(num(values['busy-messages'], 'BENCH_BUSY_MESSAGES', 2_000, 400)),
      rate: num(values['busy-rate'], 'BENCH_BUSY_RATE', 200, 200),
    });
  }
  if (which === 'ingest' || which === 'all') {
    // Each client is a user in its own room of ten subscribers: every post is persisted and fanned out.
    const clients = Math.round(num(values['ingest-clients'], 'BENCH_INGEST_CLIENTS', 200, 50));
    scenarios.push({
      key: 'ingest',
      title: 'Ingest',
      subscribers: clients * 10,
      messages: Math.round(num(values['ingest-messages'], 'BENCH_INGEST_MESSAGES', 4_000, 500)),
      // Not a pace (the clients post as fast as they are answered): it bounds the publish deadline.
      rate: 100,
      rooms: clients,
      concurrency: clients,
    });
  }
  if (which === 'rooms') {
    scenarios.push({
      key: 'rooms',
      title: 'Many rooms',
      subscribers: Math.round(num(values['rooms-subscribers'], 'BENCH_ROOMS_SUBSCRIBERS', 10_000, 1_000)),
      messages: Math.round(num(values['rooms-messages'], 'BENCH_ROOMS_MESSAGES', 2_000, 200)),
      rate: num(values['rooms-rate'], 'BENCH_ROOMS_RATE', 100, 100),
      rooms: Math.round(num(values.rooms, 'BENCH_ROOMS', 500, 50)),
      minWarmup: MANY_ROOMS_WARMUP,
    });
  }
  return {
    only,
    scenarios,
    bodyBytes: Math.round(num(values['body-bytes'], 'BENCH_BODY_BYTES', 100, 100)),
    settleMs: Math.round(num(values['settle-ms'], 'BENCH_SETTLE_MS', 3_000, 1_000)),
    warmup:
      values.warmup === '0'
        ? 0
        : (values.warmup ?? process.env.BENCH_WARMUP ?? '') === '' && !quick
          ? null
          : Math.round(num(values.warmup, 'BENCH_WARMUP', 10, 5)),
    repeat: Math.round(num(values.repeat, 'BENCH_REPEAT', 1, 1)),
    serverNodeArgs: (values['server-node-args'] ?? process.env.BENCH_SERVER_NODE_ARGS ?? '')
      .split(' ')
      .filter(Boolean),
    strict: values.strict,
    quick,
    resume:
      which === 'resume' || which === 'all'
        ? {
            missed: Math.round(num(values['resume-missed'], 'BENCH_RESUME_MISSED', 1_000, 1_000)),
            replays: Math.round(num(values['resume-replays'], 'BENCH_RESUME_REPLAYS', 20, 5)),
          }
        : null,
    bus:
      which === 'bus'
        ? {
            subscribers: Math.round(num(values['bus-subscribers'], 'BENCH_BUS_SUBSCRIBERS', 2_000, 200)),
            messages: Math.round(num(values['bus-messages'], 'BENCH_BUS_MESSAGES', 200, 50)),
            rate: num(values['bus-rate'], 'BENCH_BUS_RATE', 10, 10),
          }
        : null,
  };
}

class UsageError extends Error {
  override name = 'UsageError';
}

// --- processes -----------------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function killChildren(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

/** Raised soft fd limit for the children, when this shell's is too low but the hard limit allows it. */
let childFdLimit: number | null = null;

interface Started {
  child: ChildProcess;
  pid: number;
  /** The last lines of its output, for error messages. */
  tail: () => string;
}

function start(
  name: string,
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; ipc?: boolean; quiet?: boolean },
): Started {
  const stdio: StdioOptions = opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  // `exec` keeps the pid, so /proc readings still point at the node process.
  const [cmd, argv] =
    childFdLimit === null
      ? [command, args]
      : ['/bin/sh', ['-c', `ulimit -n ${childFdLimit} && exec "$0" "$@"`, command, ...args]];
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  children.add(child);
  child.on('exit', () => children.delete(child));
  const lines: string[] = [];
  const collect = (data: Buffer) => {
    for (const line of data.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (!opts.quiet) process.stderr.write(`  [${name}] ${line.slice(0, 400)}\n`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, pid: child.pid, tail: () => lines.join('\n') };
}

async function stop(started: Started, name: string): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    log(`${name} did not stop within 15 s; killing it`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(1_000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitHealthy(started: Started, name: string, url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      throw new Error(
        `${name} exited (${started.child.exitCode ?? started.child.signalCode}) before it was healthy:\n${started.tail()}`,
      );
    }
    if ((await getStatus(url)) === 200) return;
    await sleep(100);
  }
  throw new Error(`${name} was not healthy at ${url} within ${deadlineMs} ms:\n${started.tail()}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function runLoadgen(config: LoadgenConfig): Promise<LoadgenResult> {
  const started = start('loadgen', process.execPath, ['--import', 'tsx', join(here, 'loadgen.ts')], {
    cwd: benchDir,
    env: process.env,
    ipc: true,
  });
  const { child } = started;
  // Connect, settle, publish, drain, plus margin for start-up and the report.
  const limitMs =
    config.connectDeadlineMs +
    config.settleMs +
    (config.messages / config.rate) * 1000 +
    config.drainDeadlineMs +
    60_000;
  return new Promise<LoadgenResult>((resolve, reject) => {
    let done = false;
    const settle = (error: Error | null, result?: LoadgenResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(result!);
    };
    const timer = setTimeout(
      () =>
        settle(
          new Error(`load generator (${config.target}) still running after ${Math.round(limitMs / 1000)} s`),
        ),
      limitMs,
    );
    child.on('message', (message: FromLoadgen) => {
      if (message.type === 'progress') log(`  ${message.text}`);
      else if (message.type === 'result') settle(null, message.result);
      else settle(new Error(`load generator (${config.target}): ${message.message}`));
    });
    child.on('exit', (code, signal) => {
      if (!done)
        settle(new Error(`load generator (${config.target}) exited (${code ?? signal}):\n${started.tail()}`));
    });
    child.send({ type: 'start', config } satisfies ToLoadgen);
  });
}

// --- the two servers -----------------------------------------------------------------------------

interface RunContext {
  options: Options;
  clockTicks: number;
  /** The modification time of the server build each Parley run started (it may be rebuilt meanwhile). */
  parleyBuilds: Set<string>;
}

function baseLoadgenConfig(
  ctx: RunContext,
  spec: ScenarioSpec,
): Omit<
  LoadgenConfig,
  | 'target'
  | 'port'
  | 'serverPid'
  | 'eventsPath'
  | 'subscriberCookies'
  | 'readyMarker'
  | 'publishPath'
  | 'publishCookie'
  | 'roomPublish'
  | 'roomQuery'
> {
  return {
    host: HOST,
    clockTicksPerSecond: ctx.clockTicks,
    subscribers: spec.subscribers,
    messages: spec.messages,
    rate: spec.rate,
    bodyBytes: ctx.options.bodyBytes,
    floorFrameBytes: estimateParleyFrameBytes(
      spec.messages,
      messageBody(spec.messages, 123456.789, ctx.options.bodyBytes),
      `${USER_PREFIX}0`,
    ),
    connectConcurrency: 200,
    settleMs: ctx.options.settleMs,
    connectDeadlineMs: 60_000 + spec.subscribers * 10,
    drainDeadlineMs: 30_000,
    maxPostsInFlight: spec.concurrency ?? 16,
    closedLoop: spec.concurrency !== undefined,
    warmupMessages:
      ctx.options.warmup ?? Math.max(10, Math.round(spec.rate * WARMUP_SECONDS), spec.minWarmup ?? 0),
    rooms: spec.rooms ?? 0,
  };
}

/**
 * @param frameBytes the size of Parley's message frames as measured in this scenario, so that the
 *   floor delivers exactly as many bytes; without it, an estimate from the protocol's shape.
 */
async function runFloor(
  ctx: RunContext,
  spec: ScenarioSpec,
  frameBytes: number | null,
): Promise<LoadgenResult> {
  const port = await freePort();
  log(`floor: starting on port ${port}`);
  const args = [...ctx.options.serverNodeArgs, '--import', 'tsx', join(here, 'floor-server.ts')];
  const server = start('floor', process.execPath, args, {
    cwd: benchDir,
    env: { ...process.env, PORT: String(port), HOST },
    quiet: true,
  });
  try {
    await waitHealthy(server, 'floor', `http://${HOST}:${port}/healthz`, 20_000);
    const base = baseLoadgenConfig(ctx, spec);
    return await runLoadgen({
      ...base,
      floorFrameBytes: frameBytes ?? base.floorFrameBytes,
      target: 'floor',
      port,
      serverPid: server.pid,
      eventsPath: '/events',
      subscriberCookies: [],
      readyMarker: null,
      publishPath: '/publish',
      publishCookie: null,
      roomPublish: null,
      roomQuery: true,
    });
  } finally {
    await stop(server, 'floor');
  }
}

interface SeedResult {
  cookies: string[];
  /** #general. */
  roomId: string;
  /** The extra rooms (many-rooms scenario); user i is in `roomIds[i % roomIds.length]`. */
  roomIds: string[];
  userRoomIds: string[];
}

/**
 * `seedUsers` from `@parley/server/testing`, run in a child process (seed.ts): the runner stays free
 * of the server's code, and a failed import is not cached for the next run.
 */
async function seed(databaseUrl: string, count: number, rooms: number): Promise<SeedResult> {
  const outDir = mkdtempSync(join(os.tmpdir(), 'parley-seed-'));
  const outFile = join(outDir, 'seed.json');
  const child = start(
    'seed',
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'seed.ts'),
      databaseUrl,
      String(count),
      USER_PREFIX,
      outFile,
      String(rooms),
    ],
    {
      cwd: benchDir,
      env: process.env,
    },
  );
  const limitMs = 60_000 + count * 20;
  const code = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => child.child.kill('SIGKILL'), limitMs);
    child.child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      resolve(exitCode ?? signal ?? 'unknown');
    });
  });
  if (code !== 0) {
    throw new Error(`seeding ${count} users with @parley/server/testing failed (${code}):\n${child.tail()}`);
  }
  const result = JSON.parse(readFileSync(outFile, 'utf8')) as SeedResult;
  rmSync(outDir, { recursive: true, force: true });
  if (result.cookies.length !== count) {
    throw new Error(`seedUsers returned ${result.cookies.length} cookies for ${count} users`);
  }
  if (rooms > 0) {
    // The load generator assumes user i is in room i % rooms (and so posts message k as user k % rooms).
    const misplaced = result.userRoomIds.findIndex((id, i) => id !== result.roomIds[i % rooms]);
    if (result.roomIds.length !== rooms || result.userRoomIds.length !== count || misplaced !== -1) {
      throw new Error(
        `seedUsers returned ${result.roomIds.length} rooms and ${result.userRoomIds.length} user rooms ` +
          `(first misplaced user ${misplaced}); expected ${rooms} rooms with user i in room i % ${rooms}`,
      );
    }
  }
  return result;
}

/** Seeds `users` users (in `rooms` extra rooms), starts Parley's production build on them, runs `work`. */
async function withParley<T>(
  ctx: RunContext,
  users: number,
  rooms: number,
  work: (server: Started, port: number, seeded: SeedResult) => Promise<T>,
): Promise<T> {
  if (!existsSync(serverEntry)) {
    throw new Error(
      `${relative(repoRoot, serverEntry)} is missing: run \`pnpm --filter @parley/server build\``,
    );
  }
  ctx.parleyBuilds.add(statSync(serverEntry).mtime.toISOString());
  const dir = mkdtempSync(join(os.tmpdir(), 'parley-bench-'));
  const databaseUrl = join(dir, 'parley.db');
  try {
    const seeded = await timedSeed(databaseUrl, users, rooms);
    const { server, port } = await startParley(ctx, 'parley', { DATABASE_URL: databaseUrl });
    try {
      return await work(server, port, seeded);
    } finally {
      await stop(server, 'parley');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedSeed(databaseUrl: string, users: number, rooms: number): Promise<SeedResult> {
  const seedStart = Date.now();
  const seeded = await seed(databaseUrl, users, rooms);
  log(`parley: seeded ${users} users in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  return seeded;
}

/** Starts one Parley process (production build) with `env` added, once it answers /healthz. */
async function startParley(
  ctx: RunContext,
  name: string,
  env: Record<string, string>,
): Promise<{ server: Started; port: number }> {
  const port = await freePort();
  log(`${name}: starting ${relative(repoRoot, serverEntry)} on port ${port}`);
  const server = start(name, process.execPath, [...ctx.options.serverNodeArgs, serverEntry], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST,
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_POSTS_PER_MINUTE: '100000000',
      ...env,
    },
  });
  try {
    await waitHealthy(server, name, `http://${HOST}:${port}/healthz`, 30_000);
  } catch (error) {
    await stop(server, name);
    throw error;
  }
  return { server, port };
}

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable (${(error as Error).message}); ` +
        'the bus scenario needs it (set BENCH_POSTGRES_URL)',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The pid of the Redis server at `url`, from `INFO server`; it must run on this machine (its CPU is read). */
async function redisPid(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 5 s'));
    }, 5_000);
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/process_id:\d+/.test(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: unknown) => {
    throw new Error(
      `Redis at ${url} is unreachable (${(error as Error).message}); the bus scenario needs it (set BENCH_REDIS_URL)`,
    );
  });
  const pid = Number(/process_id:(\d+)/.exec(reply)?.[1]);
  if (!existsSync(`/proc/${pid}`)) {
    throw new Error(`Redis at ${url} is not a process on this machine; its CPU cannot be read`);
  }
  return pid;
}

/**
 * The two-instance scenario, one run: a fresh PostgreSQL database seeded with `subscribers` users, then
 * either one Parley process (its in-process bus) or two instances sharing the database and Redis. The
 * posts go to the first instance; subscriber i streams from instance `i % instances`.
 */
async function runScaleOut(ctx: RunContext, spec: ScenarioSpec, instances: 1 | 2): Promise<LoadgenResult> {
  if (!existsSync(serverEntry)) {
    throw new Error(
      `${relative(repoRoot, serverEntry)} is missing: run \`pnpm --filter @parley/server build\``,
    );
  }
  ctx.parleyBuilds.add(statSync(serverEntry).mtime.toISOString());
  const tag = randomBytes(4).toString('hex');
  const name = `parley_bench_${tag}`;
  const adminUrl = new URL(POSTGRES_ADMIN_URL);
  await withPostgresAdmin((admin) => admin.query(`create database "${name}"`));
  try {
    adminUrl.pathname = `/${name}`;
    const databaseUrl = adminUrl.toString();
    const seeded = await timedSeed(databaseUrl, spec.subscribers, 0);
    const env: Record<string, string> = { DATABASE_URL: databaseUrl };
    if (instances === 2) Object.assign(env, { REDIS_URL, REDIS_PREFIX: `parley-bench:${tag}:` });
    const side = instances === 2 ? [await redisPid(REDIS_URL)] : [];
    const servers: { server: Started; port: number }[] = [];
    try {
      for (let i = 0; i < instances; i++) servers.push(await startParley(ctx, `parley-${i + 1}`, env));
      const [first, ...rest] = servers;
      return await runLoadgen({
        ...baseLoadgenConfig(ctx, spec),
        target: 'parley',
        port: first!.port,
        serverPid: first!.server.pid,
        extraServerPids: rest.map((s) => s.server.pid),
        subscriberPorts: servers.map((s) => s.port),
        sidePids: side,
        eventsPath: '/api/events',
        subscriberCookies: seeded.cookies,
        readyMarker: '"type":"hello"',
        publishPath: `/api/rooms/${seeded.roomId}/messages`,
        publishCookie: seeded.cookies[0]!,
        roomPublish: null,
        roomQuery: false,
      });
    } finally {
      for (const [i, s] of servers.entries()) await stop(s.server, `parley-${i + 1}`);
    }
  } finally {
    await withPostgresAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
  }
}

async function runParley(ctx: RunContext, spec: ScenarioSpec): Promise<LoadgenResult> {
  const rooms = spec.rooms ?? 0;
  return withParley(ctx, spec.subscribers, rooms, (server, port, seeded) =>
    runLoadgen({
      ...baseLoadgenConfig(ctx, spec),
      target: 'parley',
      port,
      serverPid: server.pid,
      eventsPath: '/api/events',
      subscriberCookies: seeded.cookies,
      readyMarker: '"type":"hello"',
      publishPath: `/api/rooms/${seeded.roomId}/messages`,
      publishCookie: seeded.cookies[0]!,
      // Message k goes to room k % rooms, posted by user k % rooms, a member of it.
      roomPublish:
        rooms > 0
          ? seeded.roomIds.map((id, r) => ({
              path: `/api/rooms/${id}/messages`,
              cookie: seeded.cookies[r]!,
            }))
          : null,
      roomQuery: false,
    }),
  );
}

/** One user posts `missed` messages with no stream open, then reconnects `replays` times to replay them. */
async function runResume(ctx: RunContext, missed: number, replays: number): Promise<ResumeResult> {
  return withParley(ctx, 1, 0, async (server, port, seeded) => {
    const config: ResumeConfig = {
      host: HOST,
      port,
      serverPid: server.pid,
      clockTicksPerSecond: ctx.clockTicks,
      cookie: seeded.cookies[0]!,
      roomId: seeded.roomId,
      missed,
      replays,
    };
    const client = start('resume', process.execPath, ['--import', 'tsx', join(here, 'resume.ts')], {
      cwd: benchDir,
      env: { ...process.env, BENCH_RESUME_CONFIG: JSON.stringify(config) },
      quiet: true,
    });
    const limitMs = 60_000 + missed * 20 + replays * 30_000;
    const timer = setTimeout(() => client.child.kill('SIGKILL'), limitMs);
    const code = await new Promise<number | string>((resolve) =>
      client.child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown')),
    );
    clearTimeout(timer);
    const lines = client.tail().split('\n');
    if (code !== 0) throw new Error(`resume client failed (${code}):\n${client.tail()}`);
    return JSON.parse(lines.at(-1) ?? '') as ResumeResult;
  });
}

// --- preflight -----------------------------------------------------------------------------------

function shell(script: string): string {
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).trim();
}

function checkFdLimit(needed: number): void {
  const soft = shell('ulimit -Sn');
  const hard = shell('ulimit -Hn');
  const softN = soft === 'unlimited' ? Infinity : Number(soft);
  const hardN = hard === 'unlimited' ? Infinity : Number(hard);
  log(`fd limit: soft ${soft}, hard ${hard}; each process needs about ${needed}`);
  if (softN >= needed) return;
  if (hardN >= needed) {
    childFdLimit = needed;
    log(`fd limit: raising the children's soft limit to ${needed}`);
    return;
  }
  throw new Error(
    `open-file limit too low: the servers and the load generator each hold ~${needed} sockets, ` +
      `the hard limit is ${hard}. Raise it (e.g. \`ulimit -n ${needed}\` as root, or LimitNOFILE) or use fewer subscribers.`,
  );
}

function checkPortRange(needed: number): void {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && high - low < needed) {
      throw new Error(`ephemeral port range ${low}-${high} is too small for ${needed} connections`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function clockTicks(): number {
  try {
    const value = Number(shell('getconf CLK_TCK'));
    return value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(2);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// --- main ----------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (process.platform !== 'linux') throw new Error('the benchmark reads /proc: run it on Linux');
  const maxSubscribers = Math.max(
    1,
    ...options.scenarios.map((s) => s.subscribers),
    options.bus?.subscribers ?? 0,
  );
  checkFdLimit(maxSubscribers + 1_000);
  checkPortRange(maxSubscribers + 1_000);
  // Parley first: the floor is then padded to the frame size Parley actually sent.
  const targets: Target[] = options.only ? [options.only] : ['parley', 'floor'];
  const ctx: RunContext = { options, clockTicks: clockTicks(), parleyBuilds: new Set() };
  const loadBefore = loadAverage();

  const outcomes: ScenarioOutcome[] = [];
  for (const spec of options.scenarios) {
    const outcome: ScenarioOutcome = {
      spec,
      floor: null,
      parley: null,
      runs: { floor: [], parley: [] },
      errors: [],
    };
    outcomes.push(outcome);
    // With --repeat, the servers alternate (floor, Parley, floor, ...) so that drift hits both alike.
    const plan = Array.from({ length: options.repeat }, () => targets).flat();
    const broken = new Set<Target>();
    for (const target of plan) {
      if (broken.has(target)) continue;
      log(
        `\n== ${spec.title}: ${spec.subscribers} subscribers${spec.rooms ? ` in ${spec.rooms} rooms` : ''}, ${spec.messages} messages at ${spec.rate}/s, ${target}`,
      );
      try {
        const measured = outcome.parley?.frameBytes;
        const r =
          target === 'floor'
            ? await runFloor(
                ctx,
                spec,
                measured !== undefined && Number.isFinite(measured) ? Math.round(measured) : null,
              )
            : await runParley(ctx, spec);
        outcome.runs[target].push(r);
        outcome[target] = aggregate(outcome.runs[target]);
        log(
          `  ${target}: delivered ${r.delivered}/${r.expected}, p50 ${r.latency.p50.toFixed(1)} ms, ` +
            `p99 ${r.latency.p99.toFixed(1)} ms, ${(r.cpuNsPerDelivery / 1000).toFixed(2)} µs CPU/delivery, ` +
            `${(r.rssPerIdleConnBytes / 1024).toFixed(1)} KB/conn`,
        );
      } catch (error) {
        const message = `${target}: ${(error as Error).message}`;
        log(`  FAILED ${message}`);
        outcome.errors.push(message);
        broken.add(target);
      }
    }
  }

  let resume: ResumeResult | null = null;
  let resumeError: string | null = null;
  if (options.resume && options.only !== 'floor') {
    const { missed, replays } = options.resume;
    log(`\n== Resume: ${replays} reconnects replaying ${missed} missed events, parley`);
    try {
      resume = await runResume(ctx, missed, replays);
      log(
        `  parley: ${resume.cpuMs.p50.toFixed(1)} ms CPU per replay (median), ${resume.complete}/${replays} complete`,
      );
    } catch (error) {
      resumeError = `resume: ${(error as Error).message}`;
      log(`  FAILED ${resumeError}`);
    }
  }

  let bus: BusOutcome | null = null;
  if (options.bus && options.only !== 'floor') {
    bus = { ...options.bus, one: null, two: null, errors: [] };
    const spec: ScenarioSpec = { key: 'big', title: 'Two instances', ...options.bus };
    // Like the floor and Parley elsewhere, the two set-ups alternate with --repeat.
    const runs: Record<'one' | 'two', LoadgenResult[]> = { one: [], two: [] };
    for (let k = 0; k < options.repeat && bus.errors.length === 0; k++) {
      for (const instances of [1, 2] as const) {
        const key = instances === 1 ? 'one' : 'two';
        log(
          `\n== Bus: ${spec.subscribers} subscribers, ${spec.messages} messages at ${spec.rate}/s, ` +
            (instances === 1 ? 'one process' : 'two instances through Redis'),
        );
        try {
          const r = await runScaleOut(ctx, spec, instances);
          runs[key].push(r);
          bus[key] = aggregate(runs[key]);
          log(
            `  ${key}: delivered ${r.delivered}/${r.expected}, p50 ${r.latency.p50.toFixed(1)} ms, ` +
              `p99 ${r.latency.p99.toFixed(1)} ms, ${(r.cpuNsPerDelivery / 1000).toFixed(2)} µs CPU/delivery` +
              (instances === 2 ? ` + ${(r.sideCpuNsPerDelivery / 1000).toFixed(2)} µs Redis` : ''),
          );
        } catch (error) {
          const message = `${key === 'one' ? 'one process' : 'two instances'}: ${(error as Error).message}`;
          log(`  FAILED ${message}`);
          bus.errors.push(message);
          break;
        }
      }
    }
  }

  const cpu = os.cpus();
  const report = renderReport(
    {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'} ×${cpu.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
      node: process.versions.node,
      commit: commit(),
      command: `pnpm bench${
        process.argv.length > 2
          ? ` -- ${process.argv
              .slice(2)
              .filter((a) => a !== '--')
              .join(' ')}`
          : ''
      }`,
      bodyBytes: options.bodyBytes,
      loadBefore,
      loadAfter: loadAverage(),
      cpus: cpu.length,
      notes: [
        ...(options.quick ? ['--quick smoke run: too small for the budgets to mean much.'] : []),
        ...(ctx.parleyBuilds.size === 1
          ? [`Parley: ${relative(repoRoot, serverEntry)} built ${[...ctx.parleyBuilds].join('')}.`]
          : []),
        ...(ctx.parleyBuilds.size > 1
          ? [
              `**Parley was rebuilt during the run**: its runs used builds from ${[...ctx.parleyBuilds].join(', ')}, ` +
                'so they did not all measure the same code.',
            ]
          : []),
        ...(resumeError === null ? [] : [`**Error:** ${resumeError}`]),
      ],
    },
    outcomes,
    resume,
    bus,
  );
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.md'), report);
  writeFileSync(
    join(resultsDir, 'latest.json'),
    `${JSON.stringify({ options, outcomes, resume, bus }, null, 2)}\n`,
  );
  console.log(`\n${report}`);
  log(`written to ${relative(process.cwd(), join(resultsDir, 'latest.md'))}`);

  const errors =
    outcomes.some((o) => o.errors.length > 0) || resumeError !== null || (bus?.errors.length ?? 0) > 0;
  const failed =
    outcomes.some((o) => checks(o).some((c) => c.check.pass === false)) ||
    (resume !== null && !resumePasses(resume)) ||
    (bus !== null && !busPasses(bus));
  return errors ? 1 : options.strict && failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
