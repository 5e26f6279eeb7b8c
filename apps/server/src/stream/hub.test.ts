import type { ServerEvent } from '@parley/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeResponse } from '../../test/fake-response.js';
import { controlFrame } from './frames.js';
import { StreamHub } from './hub.js';

const hubs: StreamHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.closeAll({ type: 'reconnect', reason: 'server_shutdown' });
});

function newHub() {
  const hub = new StreamHub({ heartbeatMs: 60_000, slowConsumerBytes: 1 << 20 });
  hubs.push(hub);
  return hub;
}

/** The presence changes a stream was sent, frame by frame. */
function presenceFrames(res: FakeResponse) {
  return res.written
    .map((chunk) => JSON.parse(chunk.replace(/^data: /, '')) as ServerEvent)
    .flatMap((event) => (event.type === 'presence' ? [event.changes] : []));
}

describe('StreamHub presence', () => {
  it('sends a stream the status of people it starts watching, then only their changes', () => {
    const hub = newHub();
    const res = new FakeResponse();
    const stream = hub.attach(res.asResponse(), 'alice', 's1', []);
    const bystander = new FakeResponse();
    hub.attach(bystander.asResponse(), 'carol', 's2', []);

    hub.watch('alice', stream.connectionId, ['bob', 'dave'], (id) => (id === 'bob' ? 'online' : 'offline'));
    hub.presenceChanged([
      { userId: 'bob', status: 'away' },
      { userId: 'erin', status: 'online' },
    ]);
    // Watching bob and erin now: only erin is new; bob's status is not sent again.
    hub.watch('alice', stream.connectionId, ['bob', 'erin'], () => 'online');
    hub.presenceChanged([{ userId: 'dave', status: 'online' }]);
    hub.presenceChanged([{ userId: 'erin', status: 'away' }]);

    expect(presenceFrames(res)).toEqual([
      [
        { userId: 'bob', status: 'online' },
        { userId: 'dave', status: 'offline' },
      ],
      [{ userId: 'bob', status: 'away' }],
      [{ userId: 'erin', status: 'online' }],
      [{ userId: 'erin', status: 'away' }],
    ]);
    // Watching nobody, the other stream got nothing at all.
    expect(bystander.written).toEqual([]);
  });

  it('writes each stream exactly the frame controlFrame would, with only the changes it watches', () => {
    const hub = newHub();
    const [one, two] = [new FakeResponse(), new FakeResponse()];
    const first = hub.attach(one.asResponse(), 'alice', 's1', []);
    const second = hub.attach(two.asResponse(), 'carol', 's2', []);
    hub.watch('alice', first.connectionId, ['bob', 'dave'], () => 'offline');
    hub.watch('carol', second.connectionId, ['bob'], () => 'offline');
    one.written.length = 0;
    two.written.length = 0;

    hub.presenceChanged([
      { userId: 'bob', status: 'away' },
      { userId: 'dave', status: 'online' },
    ]);
    expect(one.written).toEqual([
      controlFrame({
        type: 'presence',
        changes: [
          { userId: 'bob', status: 'away' },
          { userId: 'dave', status: 'online' },
        ],
      }),
    ]);
    expect(two.written).toEqual([
      controlFrame({ type: 'presence', changes: [{ userId: 'bob', status: 'away' }] }),
    ]);
  });

  it("applies a watch only to the caller's own stream, and forgets a closed stream's watch", () => {
    const hub = newHub();
    const res = new FakeResponse();
    const stream = hub.attach(res.asResponse(), 'alice', 's1', []);

    // Someone else naming Alice's stream changes nothing.
    hub.watch('mallory', stream.connectionId, ['bob'], () => 'online');
    hub.presenceChanged([{ userId: 'bob', status: 'online' }]);
    expect(res.written).toEqual([]);

    hub.watch('alice', stream.connectionId, ['bob'], () => 'online');
    hub.detach(stream);
    hub.presenceChanged([{ userId: 'bob', status: 'away' }]);
    expect(presenceFrames(res)).toEqual([[{ userId: 'bob', status: 'online' }]]);
  });

  it('sends presence to a stream that is still replaying, unlike typing', () => {
    const hub = newHub();
    const res = new FakeResponse();
    const stream = hub.attach(res.asResponse(), 'alice', 's1', ['room-1']);
    expect(stream.state).toBe('replaying');
    hub.watch('alice', stream.connectionId, ['bob'], () => 'online');
    hub.signal({ kind: 'stream', channel: 'room-1', frame: 'data: {"type":"typing"}\n\n' });
    expect(presenceFrames(res)).toEqual([[{ userId: 'bob', status: 'online' }]]);
    expect(res.written).toHaveLength(1);
  });
});

describe('StreamHub heartbeat', () => {
  it('pings a stream only when nothing else was sent to it lately, and never leaves one silent longer than the interval', () => {
    vi.useFakeTimers();
    try {
      const hub = new StreamHub({ heartbeatMs: 1_000, slowConsumerBytes: 1 << 20 });
      hubs.push(hub);
      const idle = new FakeResponse();
      const busy = new FakeResponse();
      const writesAt = new Map<FakeResponse, number[]>();
      for (const res of [idle, busy]) {
        const times: number[] = [Date.now()];
        writesAt.set(res, times);
        const write = res.write.bind(res);
        res.write = (chunk: string) => {
          times.push(Date.now());
          return write(chunk);
        };
      }
      hub.attach(idle.asResponse(), 'alice', 's1', []).goLive(0);
      const talker = hub.attach(busy.asResponse(), 'bob', 's2', []);
      talker.goLive(0);
      for (let elapsed = 0; elapsed < 10_000; elapsed += 100) {
        if (elapsed % 400 === 0) talker.write('data: {"type":"typing"}\n\n');
        vi.advanceTimersByTime(100);
      }
      expect(busy.written.filter((chunk) => chunk === ': ping\n\n')).toEqual([]);
      // Once per interval, not once per tick.
      expect(idle.written.filter((chunk) => chunk === ': ping\n\n').length).toBeGreaterThanOrEqual(9);
      expect(idle.written.filter((chunk) => chunk === ': ping\n\n').length).toBeLessThanOrEqual(11);
      for (const times of writesAt.values()) {
        const gaps = times.slice(1).map((time, index) => time - times[index]!);
        expect(Math.max(...gaps)).toBeLessThanOrEqual(1_000);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
