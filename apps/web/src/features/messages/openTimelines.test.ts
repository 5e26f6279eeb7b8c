import { describe, expect, it } from 'vitest';
import { openTimeline, registerTimeline, type ShowMessage } from './openTimelines';

/** A distinct function each time, as each mounted timeline has its own. */
const showing = (): ShowMessage => () => Promise.resolve(null);

describe('openTimeline', () => {
  it('is the timeline registered for the room while it is mounted', () => {
    const show = showing();
    const unregister = registerTimeline('room-1', show);
    expect(openTimeline('room-1')).toBe(show);
    expect(openTimeline('room-2')).toBeUndefined();
    unregister();
    expect(openTimeline('room-1')).toBeUndefined();
  });

  it('keeps the newer timeline when the older one of the same room unmounts after it mounted', () => {
    // React mounts the room's new screen before the old one's effects are cleaned up.
    const older = registerTimeline('room-1', showing());
    const newer = showing();
    const unregisterNewer = registerTimeline('room-1', newer);
    older();
    expect(openTimeline('room-1')).toBe(newer);
    unregisterNewer();
  });
});
