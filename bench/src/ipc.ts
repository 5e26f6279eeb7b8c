/** What the runner and the load generator (a child process) tell each other over the IPC channel. */
import type { Summary } from './stats.js';

export type Target = 'floor' | 'parley';

export interface LoadgenConfig {
  target: Target;
  host: string;
  port: number;
  /** The server process, for /proc readings. */
  serverPid: number;
  clockTicksPerSecond: number;
  subscribers: number;
  messages: number;
  /** Messages per second. */
  rate: number;
  /** GET path of the stream. */
  eventsPath: string;
  /** `Cookie` header values, used round-robin by the subscribers; empty for none. */
  subscriberCookies: string[];
  /** A stream counts as open once a frame containing this arrives (null: any first frame). */
  readyMarker: string | null;
  /** POST path that publishes a message. */
  publishPath: string;
  publishCookie: string | null;
  /** Bytes of each message body. */
  bodyBytes: number;
  /** Floor only: pad each published payload so that the floor's frame has this many bytes. */
  floorFrameBytes: number;
  connectConcurrency: number;
  /** Quiet time after all streams are open, before reading RSS. */
  settleMs: number;
  connectDeadlineMs: number;
  /** How long after the last publish to wait for missing deliveries. */
  drainDeadlineMs: number;
  maxPostsInFlight: number;
  /**
   * Ingest: instead of pacing at `rate`, keep `maxPostsInFlight` posts outstanding (each a client that
   * posts again as soon as its last post is answered); `rate` then only bounds the deadline.
   */
  closedLoop: boolean;
  /** Unmeasured messages sent (at the same rate) before the measured ones. */
  warmupMessages: number;
  /**
   * Many-rooms scenario: 0 for one room that every subscriber is in. Otherwise subscriber i is in room
   * `i % rooms` and message k goes to room `k % rooms`: it must reach exactly that room's subscribers.
   */
  rooms: number;
  /** Per room (rooms > 0): POST path and cookie that publish to it; null to use publishPath/publishCookie. */
  roomPublish: { path: string; cookie: string | null }[] | null;
  /** Floor only (rooms > 0): open subscriber i as `eventsPath?room=<i % rooms>`. */
  roomQuery: boolean;
  /**
   * Several instances (two-instance scenario): subscriber i connects to `subscriberPorts[i % n]`; the
   * posts still go to `port`. Absent: every stream on `port`.
   */
  subscriberPorts?: number[];
  /** Further server processes whose CPU and RSS count with `serverPid`'s (the other instances). */
  extraServerPids?: number[];
  /** Processes measured apart from the servers (Redis): their CPU is reported as `sideCpuNs`. */
  sidePids?: number[];
}

export interface LoadgenResult {
  target: Target;
  subscribers: number;
  connectMs: number;
  rssBeforeBytes: number;
  rssIdleBytes: number;
  rssPerIdleConnBytes: number;
  rssAfterPublishBytes: number;
  messages: number;
  postsOk: number;
  postErrors: number;
  firstPostError: string | null;
  post: Summary;
  publishMs: number;
  /** From the last send to the last delivery: long when the server fell behind the rate. */
  drainMs: number;
  achievedRate: number;
  expected: number;
  delivered: number;
  duplicates: number;
  /** Deliveries to a subscriber that is not a member of the message's room. */
  strays: number;
  /** Deliveries whose SSE `id:` (seq) was not above the previous one on the same stream. */
  outOfOrder: number;
  disconnects: number;
  latency: Summary;
  serverCpuNs: number;
  /** CPU of `sidePids` (Redis) over the publish phase; 0 without them. */
  sideCpuNs: number;
  cpuSource: 'schedstat' | 'stat';
  cpuNsPerDelivery: number;
  /** `sideCpuNs` over the deliveries of this run. */
  sideCpuNsPerDelivery: number;
  /** Server CPU time over wall time in the publish phase: near 1 means it was saturated. */
  serverCpuShare: number;
  /** Share of one core the load generator used during the publish phase. */
  loadgenCpuShare: number;
  /** Average size of a message frame as received (subscriber 0). */
  frameBytes: number;
  timedOut: boolean;
  /** The messages with the slowest last delivery, for diagnosis. */
  slowest: SlowMessage[];
}

export interface SlowMessage {
  index: number;
  /** When it was sent, from the start of the publish phase. */
  sentAtMs: number;
  /** Until the publish request's response. */
  postMs: number;
  firstDeliveryMs: number;
  lastDeliveryMs: number;
  delivered: number;
}

export type ToLoadgen = { type: 'start'; config: LoadgenConfig };
export type FromLoadgen =
  | { type: 'progress'; text: string }
  | { type: 'result'; result: LoadgenResult }
  | { type: 'error'; message: string };
