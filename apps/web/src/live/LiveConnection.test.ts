import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent, User } from '@parley/protocol';
import { LiveConnection, type EventSourceLike, type LiveStatus } from './LiveConnection';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  close() {
    this.closed = true;
    this.readyState = 2;
  }

  emit(event: ServerEvent) {
    this.readyState = 1;
    this.onmessage?.({ data: JSON.stringify(event) } as MessageEvent<string>);
  }

  /** What the browser does on a dropped connection (retrying) or a non-200 answer (gave up). */
  fail(gaveUp: boolean) {
    this.readyState = gaveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

const user: User = {
  id: 'u1',
  username: 'ada',
  displayName: 'Ada',
  avatarColor: '#2f5fd0',
  role: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
};
const hello = (seq: number, resumed: boolean): ServerEvent => ({
  type: 'hello',
  protocolVersion: 1,
  user,
  seq,
  connectionId: '9b2f0c4e-5d2a-4c61-9d2e-1f0a7b3c8e11',
  resumed,
});
const created = (seq: number): ServerEvent => ({
  type: 'message.created',
  seq,
  roomId: 'r1',
  message: {
    id: `m${seq}`,
    roomId: 'r1',
    seq,
    author: user,
    body: 'hi',
    createdAt: user.createdAt,
    mentions: [],
  },
});

function setup(options: { signedIn?: boolean | 'unreachable' } = {}) {
  const sources: FakeEventSource[] = [];
  const statuses: LiveStatus[] = [];
  const events: ServerEvent[] = [];
  let online = true;
  let networkListener: (online: boolean) => void = () => undefined;
  const onSessionEnded = vi.fn();
  const connection = new LiveConnection({
    url: (since) => (since === null ? '/api/events' : `/api/events?since=${since}`),
    openEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    checkSession: () =>
      options.signedIn === 'unreachable'
        ? Promise.reject(new Error('down'))
        : Promise.resolve(options.signedIn ?? true),
    onSessionEnded,
    network: {
      isOnline: () => online,
      subscribe: (listener) => {
        networkListener = listener;
        return () => (networkListener = () => undefined);
      },
    },
    random: () => 0,
  });
  connection.start();
  const latest = () => sources[sources.length - 1]!;
  const setOnline = (value: boolean) => {
    online = value;
    networkListener(value);
  };
  return { connection, sources, statuses, events, latest, onSessionEnded, setOnline };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LiveConnection', () => {
  it('opens one stream without a resume position and is live after hello', () => {
    const { sources, statuses, events, latest } = setup();
    expect(sources.map((s) => s.url)).toEqual(['/api/events']);
    latest().emit(hello(10, false));
    expect(statuses).toEqual(['connecting', 'live']);
    expect(events.map((e) => e.type)).toEqual(['hello']);
  });

  it('shows reconnecting while the browser retries by itself, without opening another stream', () => {
    const { sources, statuses, latest } = setup();
    latest().emit(hello(0, false));
    latest().fail(false);
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.runAllTimers();
    expect(sources).toHaveLength(1);
  });

  it('reopens with the highest seq seen after the browser gave up', async () => {
    const { sources, latest } = setup();
    latest().emit(hello(3, false));
    latest().emit(created(5));
    latest().emit(created(4));
    latest().fail(true);
    await vi.runAllTimersAsync();
    expect(sources.map((s) => s.url)).toEqual(['/api/events', '/api/events?since=5']);
    expect(sources[0]!.closed).toBe(true);
  });

  it('resumes after room and membership events too, not only messages', async () => {
    const { sources, latest } = setup();
    latest().emit(hello(3, false));
    latest().emit(created(4));
    latest().emit({ type: 'room.removed', seq: 6, roomId: 'r2', reason: 'removed' });
    latest().emit({ type: 'message.deleted', seq: 7, roomId: 'r1', messageId: 'm4' });
    latest().fail(true);
    await vi.runAllTimersAsync();
    expect(sources.map((s) => s.url)).toEqual(['/api/events', '/api/events?since=7']);
  });

  it('backs off longer after each failed reopen and starts over once live', async () => {
    const { sources, latest } = setup();
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(249);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(499);
    expect(sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(3);
    latest().emit(hello(0, false));
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(sources).toHaveLength(4);
  });

  it('keeps retrying when the session cannot be checked because the server is down', async () => {
    const { sources, latest, onSessionEnded } = setup({ signedIn: 'unreachable' });
    latest().fail(true);
    await vi.runAllTimersAsync();
    expect(sources).toHaveLength(2);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('stops and reports the ended session when the stream closed because of a 401', async () => {
    const { sources, latest, onSessionEnded } = setup({ signedIn: false });
    latest().fail(true);
    await vi.runAllTimersAsync();
    expect(onSessionEnded).toHaveBeenCalledOnce();
    expect(sources).toHaveLength(1);
  });

  it('reconnects after a jittered delay when the server says it is shutting down', async () => {
    const { sources, statuses, latest } = setup();
    latest().emit(hello(7, true));
    latest().emit(created(8));
    latest().emit({ type: 'reconnect', reason: 'server_shutdown' });
    expect(sources[0]!.closed).toBe(true);
    expect(statuses.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(249);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(latest().url).toBe('/api/events?since=8');
  });

  it('resumes from the resync head, even when it is lower than what was seen', async () => {
    const { latest } = setup();
    latest().emit(created(50));
    latest().emit({ type: 'resync', seq: 20, reason: 'unknown_position' });
    latest().fail(true);
    await vi.runAllTimersAsync();
    expect(latest().url).toBe('/api/events?since=20');
  });

  it('does not jump ahead to the head when the server is replaying', () => {
    const { connection, latest } = setup();
    latest().emit(hello(100, true));
    expect(connection.resumeFrom).toBeNull();
    latest().emit(hello(100, false));
    expect(connection.resumeFrom).toBe(100);
  });

  it('shows offline while the network is down and reconnects at once when it returns', () => {
    const { sources, statuses, latest, setOnline } = setup();
    latest().emit(hello(1, false));
    setOnline(false);
    latest().fail(false);
    expect(statuses.at(-1)).toBe('offline');
    setOnline(true);
    expect(sources).toHaveLength(2);
    expect(statuses.at(-1)).toBe('reconnecting');
    latest().emit(hello(1, true));
    expect(statuses.at(-1)).toBe('live');
  });

  it('closes the stream and ignores late events once stopped', () => {
    const { connection, events, sources } = setup();
    connection.stop();
    expect(sources[0]!.closed).toBe(true);
    sources[0]!.emit(created(1));
    expect(events).toEqual([]);
  });

  it('ignores frames that are not JSON', () => {
    const { events, latest } = setup();
    latest().onmessage?.({ data: 'not json' } as MessageEvent<string>);
    expect(events).toEqual([]);
  });
});
