/**
 * The RESUME client, a child process of run.ts (Parley only: the floor keeps no log to replay):
 * `tsx resume.ts` with a ResumeConfig as JSON in BENCH_RESUME_CONFIG; prints a ResumeResult as JSON.
 *
 *   1. opens a stream to learn the log's head from `hello`, and closes it;
 *   2. posts `missed` messages (16 in flight) while no stream is open;
 *   3. `replays` times: reads the server's CPU time, reconnects with `Last-Event-ID: <head>`, waits
 *      until every missed event arrived, once and in seq order, reads the CPU time again and closes.
 *
 * Server CPU per replay covers the whole reconnect: authentication, reading the rooms and the log,
 * writing 1,000 frames. Every step has a deadline.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { cpuDelta, readCpu } from './proc.js';
import { HttpSseParser, frameId } from './sse-parse.js';
import { summarize, type Summary } from './stats.js';

export interface ResumeConfig {
  host: string;
  port: number;
  serverPid: number;
  clockTicksPerSecond: number;
  cookie: string;
  roomId: string;
  missed: number;
  replays: number;
}

export interface ResumeResult {
  missed: number;
  replays: number;
  /** Server CPU time per replay, in ms. */
  cpuMs: Summary;
  /** From sending the request to the last missed event, in ms. */
  wallMs: Summary;
  /** Replays that got every missed event exactly once, in seq order. */
  complete: number;
  cpuSource: 'schedstat' | 'stat';
}

const STEP_DEADLINE_MS = 30_000;

/** Opens a stream, resuming after `lastEventId` if given; resolves once `done(frames)` says so. */
function stream(
  config: ResumeConfig,
  lastEventId: number | null,
  onFrame: (frame: string) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: config.host, port: config.port });
    const timer = setTimeout(() => finish(new Error('stream: no end within 30 s')), STEP_DEADLINE_MS);
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const parser = new HttpSseParser(
      (head) => {
        if (head.status !== 200) finish(new Error(`stream: ${head.statusLine}`));
      },
      (frame) => {
        if (onFrame(frame)) finish();
      },
    );
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      try {
        parser.push(text);
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('stream: closed by the server')));
    socket.write(
      `GET /api/events HTTP/1.1\r\nHost: ${config.host}:${config.port}\r\nAccept: text/event-stream\r\n` +
        `Cookie: ${config.cookie}\r\n` +
        (lastEventId === null ? '' : `Last-Event-ID: ${lastEventId}\r\n`) +
        '\r\n',
    );
  });
}

async function postAll(config: ResumeConfig): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let next = 0;
  const postOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = JSON.stringify({ id: randomUUID(), body: `missed ${index} ${'x'.repeat(80)}` });
      const req = http.request(
        {
          host: config.host,
          port: config.port,
          method: 'POST',
          path: `/api/rooms/${config.roomId}/messages`,
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            Cookie: config.cookie,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 201 ? resolve() : reject(new Error(`post ${index}: HTTP ${res.statusCode}`)),
          );
        },
      );
      req.setTimeout(STEP_DEADLINE_MS, () => req.destroy(new Error(`post ${index}: no answer in 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < config.missed) await postOne(next++);
    }),
  );
  agent.destroy();
}

async function run(config: ResumeConfig): Promise<ResumeResult> {
  let head = -1;
  await stream(config, null, (frame) => {
    const match = /"type":"hello".*?"seq":(\d+)/.exec(frame);
    if (match) head = Number(match[1]);
    return match !== null;
  });
  if (head < 0) throw new Error('no hello with the log head');
  await postAll(config);

  const cpu: number[] = [];
  const wall: number[] = [];
  let complete = 0;
  let source: 'schedstat' | 'stat' = 'schedstat';
  for (let replay = 0; replay < config.replays; replay++) {
    let received = 0;
    let lastSeq = head;
    let outOfOrder = 0;
    const before = readCpu(config.serverPid, config.clockTicksPerSecond);
    const start = performance.now();
    await stream(config, head, (frame) => {
      const seq = frameId(frame);
      if (seq === -1 || !frame.includes('"type":"message.created"')) return false;
      if (seq <= lastSeq) outOfOrder++;
      lastSeq = seq;
      received++;
      return received === config.missed;
    });
    wall.push(performance.now() - start);
    const delta = cpuDelta(before, readCpu(config.serverPid, config.clockTicksPerSecond));
    cpu.push(delta.ns / 1e6);
    source = delta.source;
    if (outOfOrder === 0 && received === config.missed) complete++;
  }
  return {
    missed: config.missed,
    replays: config.replays,
    cpuMs: summarize(cpu),
    wallMs: summarize(wall),
    complete,
    cpuSource: source,
  };
}

const raw = process.env.BENCH_RESUME_CONFIG;
if (raw === undefined) {
  console.error('BENCH_RESUME_CONFIG is not set');
  process.exit(2);
}
run(JSON.parse(raw) as ResumeConfig).then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
