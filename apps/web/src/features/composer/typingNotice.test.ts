import { describe, expect, it } from 'vitest';
import { TYPING_REPEAT_MS, TypingNotice } from './typingNotice';

function setUp() {
  let now = 1000;
  const sent: string[] = [];
  const notice = new TypingNotice(
    (roomId) => sent.push(roomId),
    () => now,
  );
  return { notice, sent, advance: (ms: number) => (now += ms) };
}

describe('TypingNotice', () => {
  it('announces the first keystroke, then at most once per interval while typing goes on', () => {
    const { notice, sent, advance } = setUp();
    notice.typed('r1', 'h');
    notice.typed('r1', 'he');
    advance(TYPING_REPEAT_MS - 1);
    notice.typed('r1', 'hel');
    expect(sent).toEqual(['r1']);
    advance(1);
    notice.typed('r1', 'hell');
    expect(sent).toEqual(['r1', 'r1']);
  });

  it('says nothing for an empty draft, and starts over after sending', () => {
    const { notice, sent } = setUp();
    notice.typed('r1', '   ');
    expect(sent).toEqual([]);
    notice.typed('r1', 'hi');
    notice.sent('r1');
    notice.typed('r1', 'a');
    expect(sent).toEqual(['r1', 'r1']);
  });

  it('throttles each room on its own', () => {
    const { notice, sent } = setUp();
    notice.typed('r1', 'a');
    notice.typed('r2', 'b');
    expect(sent).toEqual(['r1', 'r2']);
  });
});
