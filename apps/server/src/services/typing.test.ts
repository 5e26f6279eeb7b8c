import type { Person } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { EventBus, Signal } from '../bus/bus.js';
import { TYPING_BURST, TYPING_REFILL_MS, TypingService } from './typing.js';

const alice: Person = { id: 'u-alice', username: 'alice', displayName: 'Alice', avatarColor: '#336699' };
const bob: Person = { id: 'u-bob', username: 'bob', displayName: 'Bob', avatarColor: '#996633' };

function setup() {
  const sent: Signal[] = [];
  const bus = { signal: (signal: Signal) => sent.push(signal) } as unknown as EventBus;
  let now = 1_000_000;
  const service = new TypingService(bus, () => now);
  return {
    service,
    sent,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('TypingService', () => {
  it('lets a burst through, then one signal per refill interval', () => {
    const { service, sent, advance } = setup();
    for (let i = 0; i < 5; i++) service.typing(alice, 'room-1');
    expect(sent).toHaveLength(TYPING_BURST);

    advance(TYPING_REFILL_MS - 1);
    service.typing(alice, 'room-1');
    expect(sent).toHaveLength(TYPING_BURST);
    advance(1);
    service.typing(alice, 'room-1');
    expect(sent).toHaveLength(TYPING_BURST + 1);
  });

  it('passes the normal pattern: a signal every 3 s, plus the first one of the next message', () => {
    const { service, sent, advance } = setup();
    service.typing(alice, 'room-1');
    advance(3000);
    service.typing(alice, 'room-1');
    // The message is sent and the next one started half a second later.
    advance(500);
    service.typing(alice, 'room-1');
    expect(sent).toHaveLength(3);
  });

  it('keeps separate buckets per person and per room', () => {
    const { service, sent } = setup();
    for (let i = 0; i < 3; i++) {
      service.typing(alice, 'room-1');
      service.typing(alice, 'room-2');
      service.typing(bob, 'room-1');
    }
    expect(sent).toHaveLength(3 * TYPING_BURST);
  });

  it('sends the room an ephemeral frame that skips the typer', () => {
    const { service, sent } = setup();
    service.typing(alice, 'room-1');
    expect(sent).toHaveLength(1);
    const [signal] = sent;
    expect(signal).toMatchObject({ kind: 'stream', channel: 'room-1', exceptUserId: alice.id });
    const frame = (signal as { frame: string }).frame;
    expect(frame).not.toMatch(/^id:/m);
    expect(frame).toContain('"type":"typing"');
    expect(frame).toContain('"displayName":"Alice"');
  });
});
