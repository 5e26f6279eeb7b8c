import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { FakeResponse } from '../../test/fake-response.js';
import { persistedFrame } from './frames.js';
import { Subscriber, type LiveEvent } from './subscriber.js';

function event(seq: number): LiveEvent {
  return { seq, frame: persistedFrame({ seq, data: `{"seq":${seq}}` }) };
}

function batch(...seqs: number[]): [string, LiveEvent[], number] {
  const events = seqs.map(event);
  return [events.map((e) => e.frame).join(''), events, seqs[0]!];
}

function sentSeqs(res: FakeResponse): number[] {
  return [...res.written.join('').matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
}

function subscriber(res: FakeResponse, maxBufferedBytes = 1 << 20) {
  const cut: Subscriber[] = [];
  const sub = new Subscriber(res as unknown as ServerResponse, 'u1', 's1', { maxBufferedBytes }, (s) =>
    cut.push(s),
  );
  return { sub, cut };
}

describe('Subscriber', () => {
  it('queues live events during replay and sends only those past the replayed seq when going live', () => {
    const res = new FakeResponse();
    const { sub } = subscriber(res);
    sub.deliver(...batch(4, 5));
    sub.deliver(...batch(6));
    expect(res.written).toEqual([]);
    sub.goLive(5);
    expect(sentSeqs(res)).toEqual([6]);
  });

  it('drops, once live, a batch that replay already covered, and trims one that straddles the seam', () => {
    const res = new FakeResponse();
    const { sub } = subscriber(res);
    sub.goLive(10);
    sub.deliver(...batch(9, 10));
    sub.deliver(...batch(10, 11, 12));
    sub.deliver(...batch(13));
    expect(sentSeqs(res)).toEqual([11, 12, 13]);
  });

  it('cuts off a subscriber whose queue during replay passes the bound', () => {
    const res = new FakeResponse();
    const { sub, cut } = subscriber(res, 1024);
    for (let seq = 1; sub.state === 'replaying'; seq++) sub.deliver(...batch(seq));
    expect(sub.state).toBe('closed');
    expect(res.destroyed).toBe(true);
    expect(cut).toEqual([sub]);
  });

  it('cuts off a live subscriber whose socket buffer passes the bound, and writes nothing after', () => {
    const res = new FakeResponse();
    const { sub, cut } = subscriber(res, 100);
    sub.goLive(0);
    res.writableLength = 101;
    sub.deliver(...batch(1));
    expect(cut).toEqual([sub]);
    sub.deliver(...batch(2));
    expect(sentSeqs(res)).toEqual([1]);
  });

  it('drops ephemeral frames while replaying or backed up, and never cuts a reader off for them', () => {
    const res = new FakeResponse();
    const { sub, cut } = subscriber(res, 1000);
    sub.writeEphemeral('data: {"type":"typing"}\n\n');
    expect(res.written).toEqual([]);

    sub.goLive(0);
    sub.writeEphemeral('data: one\n\n');
    res.writableLength = 600;
    sub.writeEphemeral('data: two\n\n');
    expect(res.written).toEqual(['data: one\n\n']);
    expect(cut).toEqual([]);
  });

  it('writes frames to the socket when the body is not chunked, and through the response when it is or when there is no body', () => {
    for (const [chunked, method] of [
      [false, 'GET'],
      [true, 'GET'],
      [false, 'HEAD'],
    ] as const) {
      const socket = new FakeResponse();
      const res = Object.assign(new FakeResponse(), {
        headersSent: true,
        chunkedEncoding: chunked,
        socket,
        req: { method },
      });
      const { sub, cut } = subscriber(res, 1000);
      sub.goLive(0);
      sub.deliver(...batch(1));
      const [direct, through] = !chunked && method === 'GET' ? [socket, res] : [res, socket];
      expect(sentSeqs(direct)).toEqual([1]);
      expect(through.written).toEqual([]);
      // The bound applies to what that writer holds unsent.
      direct.writableLength = 1001;
      sub.deliver(...batch(2));
      expect(cut).toEqual([sub]);
    }
  });
});
