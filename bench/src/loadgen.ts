/**
 * The LOAD GENERATOR, a child process of run.ts (one per scenario and server). It receives its
 * config over IPC, then:
 *   1. reads the server's RSS, opens N subscriber streams on raw `net` sockets (GET written by hand,
 *      responses scanned byte by byte: no EventSource, no http.Agent) and waits until every one of
 *      them has its first frame; after a quiet moment it reads RSS again (RSS per idle connection);
 *   2. reads the server's CPU time, posts M messages at R per second, each carrying its index and
 *      send time, records when every subscriber receives every message (same clock: performance.now),
 *      and reads the CPU time again once everything arrived (or the drain deadline passed);
 *   3. sends the figures back and exits.
 * Every phase is bounded in count and time.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FromLoadgen, LoadgenConfig, LoadgenResult, SlowMessage, ToLoadgen } from './ipc.js';
import { floorPayload, messageBody } from './messages.js';
import { cpuDelta, readCpuOf, readRssOf } from './proc.js';
import { HttpSseParser, frameId, markerIndex } from './sse-parse.js';
import { summarize } from './stats.js';

function send(message: FromLoadgen): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message));
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

function progress(text: string): void {
  void send({ type: 'progress', text });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class BenchError extends Error {
  override name = 'BenchError';
}

async function run(config: LoadgenConfig): Promise<LoadgenResult> {
  const N = config.subscribers;
  const M = config.messages;
  // Rooms: subscriber `sub` is in room `sub % R` at position `floor(sub / R)`; message k goes to room
  // `k % R`. With one room (R = 1) every subscriber gets every message.
  const R = Math.max(1, config.rooms);
  const width = Math.ceil(N / R); // the largest room
  const roomSize = new Float64Array(R);
  for (let sub = 0; sub < N; sub++) roomSize[sub % R]!++;
  /** Deliveries expected for message `index` (warm-up indexes included). */
  const membersOf = (index: number) => roomSize[index % R]!;
  if (width * M > 100_000_000)
    throw new BenchError(`room size x messages = ${width * M} is too many to record`);

  // Receipt bookkeeping, allocated before anything is measured: one slot per (message, room member).
  const latency = new Float64Array(width * M).fill(-1);
  const sendTimes = new Float64Array(M).fill(NaN);
  const lastSeq = new Float64Array(N).fill(-1);
  const sockets: net.Socket[] = [];
  const readBuffer = Buffer.allocUnsafe(256 * 1024);
  let now = 0; // receipt time of the read being parsed
  let delivered = 0;
  let duplicates = 0;
  let strays = 0;
  let outOfOrder = 0;
  let disconnects = 0;
  let closing = false;
  let frameBytesSum = 0;
  let frameCount = 0;
  let onDelivered: (() => void) | null = null;
  let fail: (error: Error) => void = () => undefined;

  let warmDelivered = 0;
  const record = (sub: number, index: number, frame: string) => {
    if (index % R !== sub % R) {
      // Posted to a room this subscriber is not in.
      strays++;
      return;
    }
    // Every stream must see the events in seq order (the SSE id), whatever order they were posted in.
    const seq = frameId(frame);
    if (seq !== -1) {
      if (seq <= lastSeq[sub]!) outOfOrder++;
      else lastSeq[sub] = seq;
    }
    if (index >= M) {
      // Warm-up messages carry indexes from M up: counted, not measured.
      warmDelivered++;
      if (onDelivered) onDelivered();
      return;
    }
    const sentAt = sendTimes[index]!;
    if (Number.isNaN(sentAt)) return; // not one of ours
    const slot = index * width + Math.floor(sub / R);
    if (latency[slot]! >= 0) {
      duplicates++;
      return;
    }
    latency[slot] = now - sentAt;
    delivered++;
    if (sub === 0) {
      frameBytesSum += frame.length + 2;
      frameCount++;
    }
    if (onDelivered) onDelivered();
  };

  // --- 1. open the streams -------------------------------------------------------------------------
  const serverPids = [config.serverPid, ...(config.extraServerPids ?? [])];
  const sidePids = config.sidePids ?? [];
  const ports = config.subscriberPorts ?? [config.port];
  const rssBeforeBytes = readRssOf(serverPids);
  const connectStart = performance.now();
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      if (error) reject(error);
      else resolve();
    };
    fail = (error) => finish(error);
    const timer = setTimeout(
      () =>
        finish(
          new BenchError(
            `connect phase: only ${ready}/${N} streams open after ${config.connectDeadlineMs} ms ` +
              `(${sockets.length} sockets started)`,
          ),
        ),
      config.connectDeadlineMs,
    );
    const ticker = setInterval(() => progress(`${config.target}: ${ready}/${N} streams open`), 2_000);
    let next = 0;
    let inFlight = 0;
    const launch = () => {
      while (inFlight < config.connectConcurrency && next < N) {
        open(next++);
        inFlight++;
      }
    };
    const open = (sub: number) => {
      const cookies = config.subscriberCookies;
      const cookie = cookies.length > 0 ? cookies[sub % cookies.length]! : null;
      const path =
        config.roomQuery && config.rooms > 0 ? `${config.eventsPath}?room=${sub % R}` : config.eventsPath;
      const port = ports[sub % ports.length]!;
      const request =
        `GET ${path} HTTP/1.1\r\nHost: ${config.host}:${port}\r\n` +
        `Accept: text/event-stream\r\nCache-Control: no-cache\r\n` +
        (cookie ? `Cookie: ${cookie}\r\n` : '') +
        '\r\n';
      let isReady = false;
      const parser = new HttpSseParser(
        (head) => {
          if (head.status !== 200) {
            fail(
              new BenchError(`stream ${sub}: ${head.statusLine} (expected 200) from ${config.eventsPath}`),
            );
          }
        },
        (frame) => {
          if (isReady) {
            const index = markerIndex(frame);
            if (index >= 0) record(sub, index, frame);
            return;
          }
          if (config.readyMarker === null || frame.includes(config.readyMarker)) {
            isReady = true;
            ready++;
            inFlight--;
            if (ready === N) finish();
            else launch();
          }
        },
      );
      // `onread` reads into one shared buffer and skips the stream machinery ('data' events, a new
      // Buffer per read): several times cheaper per delivery, which keeps the generator off the
      // critical path. The callback runs synchronously, so one buffer serves every socket.
      const socket = net.connect({
        host: config.host,
        port,
        onread: {
          buffer: readBuffer,
          callback: (bytes: number) => {
            now = performance.now();
            try {
              parser.push(readBuffer.toString('latin1', 0, bytes));
            } catch (error) {
              fail(new BenchError(`stream ${sub}: ${(error as Error).message}`));
            }
            return true;
          },
        },
      });
      sockets.push(socket);
      socket.on('connect', () => socket.write(request));
      socket.on('error', (error) => {
        if (!closing) fail(new BenchError(`stream ${sub}: ${error.message}`));
      });
      socket.on('close', () => {
        if (closing) return;
        disconnects++;
        fail(new BenchError(`stream ${sub} closed by the server`));
      });
    };
    launch();
  });
  const connectMs = performance.now() - connectStart;
  progress(`${config.target}: ${N} streams open in ${(connectMs / 1000).toFixed(1)} s; settling`);

  // After the connect phase a closed stream is a failure of the run, reported but not fatal.
  const late: { error: string | null } = { error: null };
  fail = (error) => {
    late.error ??= error.message;
  };
  await sleep(config.settleMs);
  const rssIdleBytes = readRssOf(serverPids);
  if (late.error !== null) throw new BenchError(`while idle: ${late.error}`);

  // --- 2. publish ----------------------------------------------------------------------------------
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.maxPostsInFlight });
  const postTimes: number[] = [];
  const postMsByIndex = new Float64Array(M).fill(NaN);
  let postsDone = 0;
  let postsOk = 0;
  let postErrors = 0;
  /** Deliveries owed for the messages whose post succeeded. */
  let owed = 0;
  let firstPostError: string | null = null;
  let lastPostDoneAt = 0;
  /** Closed loop: called when a post is answered, to send the next one. */
  let afterPost: (() => void) | null = null;
  const interval = 1000 / config.rate;

  let published = 0;

  /** POSTs one message whose marker carries `index`; `done` gets null or an error text. */
  const sendMessage = (index: number, sentAt: number, done: (error: string | null) => void) => {
    const body = messageBody(index, sentAt, config.bodyBytes);
    published++;
    const payload =
      config.target === 'parley'
        ? JSON.stringify({ id: randomUUID(), body })
        : floorPayload(body, published, config.floorFrameBytes);
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(payload),
    };
    const target = config.roomPublish?.[index % R] ?? {
      path: config.rooms > 0 ? `${config.publishPath}?room=${index % R}` : config.publishPath,
      cookie: config.publishCookie,
    };
    if (target.cookie) headers.Cookie = target.cookie;
    const attempt = (retried: boolean) => {
      const req = http.request(
        { host: config.host, port: config.port, method: 'POST', path: target.path, agent, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < 500) text += chunk;
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            done(status >= 200 && status < 300 ? null : `HTTP ${status} ${text.slice(0, 300)}`);
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no response in 30 s')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as we reused it: the request never reached the
        // server, so send it once more (for Parley, with the same id: posting is idempotent).
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET') attempt(true);
        else done(error.message);
      });
      req.end(payload);
    };
    attempt(false);
  };

  const post = (index: number) => {
    const sentAt = performance.now();
    sendTimes[index] = sentAt;
    sendMessage(index, sentAt, (error) => {
      postsDone++;
      lastPostDoneAt = performance.now();
      if (error === null) {
        postsOk++;
        owed += membersOf(index);
        postTimes.push(performance.now() - sentAt);
        postMsByIndex[index] = performance.now() - sentAt;
      } else {
        postErrors++;
        firstPostError ??= `message ${index}: ${error}`;
      }
      if (afterPost) afterPost();
      if (onDelivered) onDelivered();
    });
  };

  // Warm-up: a few unmeasured messages at the same rate, so that neither server (nor this process)
  // is measured while its code is still cold. Every one must arrive everywhere.
  const W = config.warmupMessages;
  if (W > 0) {
    progress(`${config.target}: warming up with ${W} messages`);
    let warmPosted = 0;
    let warmOwed = 0;
    for (let w = 0; w < W; w++) warmOwed += membersOf(M + w);
    await new Promise<void>((resolve, reject) => {
      const limitMs = (W / config.rate) * 1000 + config.drainDeadlineMs;
      const timer = setTimeout(() => {
        onDelivered = null;
        reject(
          new BenchError(
            `warm-up: ${warmDelivered}/${warmOwed} deliveries and ${warmPosted}/${W} posts after ${limitMs} ms`,
          ),
        );
      }, limitMs);
      onDelivered = () => {
        if (warmPosted === W && warmDelivered >= warmOwed) {
          onDelivered = null;
          clearTimeout(timer);
          resolve();
        }
      };
      for (let w = 0; w < W; w++) {
        setTimeout(() => {
          sendMessage(M + w, performance.now(), (error) => {
            if (error !== null) {
              clearTimeout(timer);
              onDelivered = null;
              reject(new BenchError(`warm-up message ${w}: ${error}`));
              return;
            }
            warmPosted++;
            if (onDelivered) onDelivered();
          });
        }, w * interval);
      }
    });
    await sleep(Math.min(1_000, interval * 2));
  }

  // Ingest's clients post at once from the first moment. The paced warm-up used a socket or two, so
  // open all of them now: otherwise the first post of each client also waits for its connection, and
  // the first 200 posts of the run measured up to 2.2 s (the whole run) while every later one took 35 ms.
  if (config.closedLoop) {
    await Promise.all(Array.from({ length: config.maxPostsInFlight }, () => openKeptAlive(config, agent)));
  }

  const cpuStart = readCpuOf(serverPids, config.clockTicksPerSecond);
  const sideCpuStart = readCpuOf(sidePids, config.clockTicksPerSecond);
  const loadgenCpuStart = process.cpuUsage();
  const publishStart = performance.now();
  let sent = 0;
  let timedOut = false;
  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      onDelivered = null;
      afterPost = null;
      clearTimeout(deadline);
      clearTimeout(pacer);
      clearInterval(ticker);
      resolve();
    };
    onDelivered = () => {
      if (postsDone === M && delivered >= owed) finish();
    };
    const deadline = setTimeout(
      () => {
        timedOut = true;
        finish();
      },
      (M / config.rate) * 1000 + config.drainDeadlineMs,
    );
    const ticker = setInterval(
      () =>
        progress(
          `${config.target}: sent ${sent}/${M}, delivered ${delivered}/${owed}${strays > 0 ? `, ${strays} to non-members` : ''}`,
        ),
      2_000,
    );
    // Paced against absolute times, so a late timer sends what is due at once and the rate holds.
    let pacer: NodeJS.Timeout | undefined;
    if (config.closedLoop) {
      afterPost = () => {
        while (sent < M && sent - postsDone < config.maxPostsInFlight) post(sent++);
      };
      afterPost();
      return;
    }
    const tick = () => {
      const t = performance.now();
      while (sent < M && publishStart + sent * interval <= t) post(sent++);
      if (sent < M) pacer = setTimeout(tick, Math.max(0, publishStart + sent * interval - performance.now()));
    };
    tick();
  });
  const publishEnd = performance.now();
  const cpuEnd = readCpuOf(serverPids, config.clockTicksPerSecond);
  const sideCpu = cpuDelta(sideCpuStart, readCpuOf(sidePids, config.clockTicksPerSecond));
  const loadgenCpu = process.cpuUsage(loadgenCpuStart);
  const rssAfterPublishBytes = readRssOf(serverPids);
  const publishMs = publishEnd - publishStart;
  const cpu = cpuDelta(cpuStart, cpuEnd);

  // --- 3. report -----------------------------------------------------------------------------------
  closing = true;
  for (const socket of sockets) socket.destroy();
  agent.destroy();

  const slowest: SlowMessage[] = [];
  for (let index = 0; index < M; index++) {
    let first = Infinity;
    let last = -Infinity;
    let count = 0;
    for (let pos = 0; pos < width; pos++) {
      const value = latency[index * width + pos]!;
      if (value < 0) continue;
      count++;
      if (value < first) first = value;
      if (value > last) last = value;
    }
    slowest.push({
      index,
      sentAtMs: sendTimes[index]! - publishStart,
      postMs: postMsByIndex[index]!,
      firstDeliveryMs: first,
      lastDeliveryMs: last,
      delivered: count,
    });
  }
  slowest.sort((a, b) => b.lastDeliveryMs - a.lastDeliveryMs);
  slowest.length = Math.min(slowest.length, 5);

  const samples = new Float64Array(delivered);
  let j = 0;
  for (const value of latency) if (value >= 0) samples[j++] = value;
  const publishError = late.error as string | null; // set by socket callbacks meanwhile
  if (publishError !== null) progress(`${config.target}: WARNING during publish: ${publishError}`);
  let expected = 0;
  for (let index = 0; index < M; index++) expected += membersOf(index);
  const sendSpanMs = sent > 1 ? sendTimes[sent - 1]! - sendTimes[0]! : 0;
  const lastSendAt = sent > 0 ? sendTimes[sent - 1]! : publishStart;

  return {
    target: config.target,
    subscribers: N,
    connectMs,
    rssBeforeBytes,
    rssIdleBytes,
    rssPerIdleConnBytes: (rssIdleBytes - rssBeforeBytes) / N,
    rssAfterPublishBytes,
    messages: M,
    postsOk,
    postErrors,
    firstPostError,
    post: summarize(postTimes),
    publishMs,
    drainMs: publishEnd - lastSendAt,
    // Closed loop: posts answered per second, from the first send to the last answer.
    achievedRate: config.closedLoop
      ? (postsOk * 1000) / Math.max(1, lastPostDoneAt - publishStart)
      : sendSpanMs > 0
        ? ((sent - 1) * 1000) / sendSpanMs
        : config.rate,
    expected,
    delivered,
    duplicates,
    strays,
    outOfOrder,
    disconnects,
    latency: summarize(samples),
    serverCpuNs: cpu.ns,
    sideCpuNs: sideCpu.ns,
    cpuSource: cpu.source,
    cpuNsPerDelivery: delivered > 0 ? cpu.ns / delivered : NaN,
    sideCpuNsPerDelivery: delivered > 0 ? sideCpu.ns / delivered : NaN,
    serverCpuShare: cpu.ns / 1e6 / publishMs,
    loadgenCpuShare: (loadgenCpu.user + loadgenCpu.system) / 1000 / publishMs,
    frameBytes: frameCount > 0 ? frameBytesSum / frameCount : NaN,
    timedOut,
    slowest,
  };
}

process.once('message', (message: ToLoadgen) => {
  run(message.config).then(
    async (result) => {
      await send({ type: 'result', result });
      process.exit(0);
    },
    async (error: unknown) => {
      await send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
});

/** A `GET /healthz` through the publisher's agent, so that its socket stays open for the posts. */
function openKeptAlive(config: LoadgenConfig, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: config.host, port: config.port, path: '/healthz', agent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new BenchError(`/healthz: ${res.statusCode}`)),
      );
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer from /healthz in 30 s')));
    req.on('error', reject);
    req.end();
  });
}
