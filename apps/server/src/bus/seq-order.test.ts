import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/event-log.js';
import type { PublishedEvent } from './bus.js';
import { SeqOrder, withMembership, type EventLogReader } from './seq-order.js';

/** An event log in memory: what the store has committed, readable by seq range. */
class MemoryLog implements EventLogReader {
  readonly events: StoredEvent[] = [];
  reads = 0;

  append(channel = 'room-1'): StoredEvent {
    const seq = (this.events.at(-1)?.seq ?? 0) + 1;
    const event = { seq, channel, data: JSON.stringify({ type: 'message.created', seq, roomId: channel }) };
    this.events.push(event);
    return event;
  }

  head(): Promise<number> {
    return Promise.resolve(this.events.at(-1)?.seq ?? 0);
  }

  between(after: number, through: number, limit: number): Promise<StoredEvent[]> {
    this.reads++;
    return Promise.resolve(this.events.filter((e) => e.seq > after && e.seq <= through).slice(0, limit));
  }
}

function setUp(gapWaitMs = 5) {
  const log = new MemoryLog();
  const handedOn: PublishedEvent[] = [];
  const errors: unknown[] = [];
  const fromLog = { count: 0 };
  const order = new SeqOrder(log, (event) => handedOn.push(event), 0, {
    gapWaitMs,
    onError: (error) => errors.push(error),
    onReadFromLog: (count) => (fromLog.count += count),
  });
  const seqs = () => handedOn.map((event) => event.seq);
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setImmediate(resolve));
  };
  return { log, order, seqs, until, errors, fromLog };
}

describe('SeqOrder', () => {
  it('hands on events that arrive in order at once, without reading the log', () => {
    const { log, order, seqs } = setUp();
    for (let i = 0; i < 3; i++) order.accept(log.append());
    expect(seqs()).toEqual([1, 2, 3]);
    expect(log.reads).toBe(0);
  });

  it('holds back 101 until 100 arrives, then hands on both in seq order', () => {
    const { log, order, seqs } = setUp(60_000);
    const [first, second, third] = [log.append(), log.append(), log.append()];
    order.accept(third);
    order.accept(second);
    expect(seqs()).toEqual([]);
    order.accept(first);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(log.reads).toBe(0);
    order.close();
  });

  it('drops an event it has already handed on (a duplicate or a late echo)', () => {
    const { log, order, seqs } = setUp();
    const first = log.append();
    order.accept(first);
    order.accept(first);
    const second = log.append();
    order.accept(second);
    order.accept(first);
    expect(seqs()).toEqual([1, 2]);
  });

  it('reads a missing event from the log when it does not arrive, and hands everything on in order', async () => {
    const { log, order, seqs, until, fromLog } = setUp();
    log.append();
    const lost = log.append();
    const third = log.append();
    order.accept(third);
    await until(() => seqs().length === 3);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(log.reads).toBe(1);
    // Two came from the log (1 and 2); 3 had arrived on the bus.
    expect(fromLog.count).toBe(2);
    // The lost one turning up late is not handed on twice.
    order.accept(lost);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('holds back what arrives during a read of the log and hands it on after, in order', async () => {
    const { log, order, seqs, until } = setUp();
    const reads: (() => void)[] = [];
    const between = log.between.bind(log);
    log.between = (after, through, limit) =>
      new Promise((resolve) => reads.push(() => void between(after, through, limit).then(resolve)));
    log.append();
    order.accept(log.append());
    await until(() => reads.length === 1);
    const next = log.append();
    order.accept(next);
    expect(seqs()).toEqual([]);
    reads.shift()!();
    await until(() => seqs().length === 3);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('catches up on everything committed after its position (the bus was down)', async () => {
    const { log, order, seqs } = setUp();
    for (let i = 0; i < 2500; i++) log.append();
    await order.catchUp(await log.head());
    expect(seqs()).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(order.position).toBe(2500);
  });

  it('treats a seq the log lacks below a committed one as never having existed', async () => {
    const { log, order, seqs } = setUp();
    log.append();
    log.append();
    log.events.splice(0, 1); // seq 1 was rolled back
    await order.catchUp(2);
    expect(seqs()).toEqual([2]);
    order.accept(log.append());
    expect(seqs()).toEqual([2, 3]);
  });

  it('keeps events held back and tries again when the log cannot be read', async () => {
    const { log, order, seqs, until, errors } = setUp();
    const between = log.between.bind(log);
    let failures = 1;
    log.between = (...args) => (failures-- > 0 ? Promise.reject(new Error('db down')) : between(...args));
    log.append();
    order.accept(log.append());
    await until(() => seqs().length === 2);
    expect(seqs()).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
  });
});

describe('withMembership', () => {
  it('rebuilds the membership note of room.added and room.removed read back from the log', () => {
    const added = {
      seq: 1,
      channel: 'user:u1',
      data: '{"type":"room.added","seq":1,"roomId":"r1","room":{}}',
    };
    const removed = { seq: 2, channel: 'user:u1', data: '{"type":"room.removed","seq":2,"roomId":"r1"}' };
    const message = { seq: 3, channel: 'r1', data: '{"type":"message.created","seq":3,"roomId":"r1"}' };
    expect(withMembership(added).membership).toEqual({ userId: 'u1', roomId: 'r1', change: 'added' });
    expect(withMembership(removed).membership).toEqual({ userId: 'u1', roomId: 'r1', change: 'removed' });
    expect(withMembership(message).membership).toBeUndefined();
  });
});
