import { PROTOCOL_VERSION, type User } from '@parley/protocol';
import type { Store } from '../store/store.js';
import { controlFrame, controlFrameWithId, persistedFrame } from './frames.js';
import type { Subscriber } from './subscriber.js';

/** How many missed events one replay query reads; a longer gap takes several pages. */
export const REPLAY_PAGE_SIZE = 1000;

/** Where the client stands: `Last-Event-ID` (the browser's own resume) wins over `?since=`. */
export function resumePosition(
  lastEventId: string | string[] | undefined,
  since: number | undefined,
): number | 'unknown' | undefined {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (header !== undefined && header !== '') {
    return /^\d{1,15}$/.test(header) ? Number(header) : 'unknown';
  }
  return since;
}

/**
 * Brings a freshly attached subscriber up to date and live. The subscriber is already registered
 * with the hub for its channels, so every event committed from now on is queued on it; replay then reads what the
 * client missed from the log, and `goLive` sends the queued events that replay did not include.
 * Subscribing before reading is what leaves no gap at the seam; the seq check leaves no duplicate.
 */
export async function bringUpToDate(
  store: Store,
  subscriber: Subscriber,
  user: User,
  position: number | 'unknown' | undefined,
): Promise<{ replayed: number }> {
  const { head, oldest } = await store.events.bounds();
  const hello = (resumed: boolean) =>
    controlFrame({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      user,
      seq: head,
      connectionId: subscriber.connectionId,
      resumed,
    });

  if (position === undefined) {
    // A first connect with no cached state: the client fetches history after `hello`.
    subscriber.write(hello(false));
    subscriber.goLive(0);
    return { replayed: 0 };
  }
  if (position === 'unknown' || position > head || position + 1 < oldest) {
    subscriber.write(hello(false));
    const reason = position !== 'unknown' && position + 1 < oldest ? 'gap_too_old' : 'unknown_position';
    subscriber.write(controlFrameWithId({ type: 'resync', seq: head, reason }, head));
    subscriber.goLive(head);
    return { replayed: 0 };
  }

  subscriber.write(hello(true));
  let cursor = position;
  let replayed = 0;
  for (;;) {
    // The channels are read per page: a room left during a long replay stops being replayed.
    const page = await store.events.since(cursor, [...subscriber.channels], REPLAY_PAGE_SIZE);
    if (subscriber.state === 'closed') return { replayed };
    let chunk = '';
    for (const event of page) chunk += persistedFrame(event);
    await subscriber.writePaced(chunk);
    replayed += page.length;
    const last = page.at(-1);
    if (last) cursor = last.seq;
    if (page.length < REPLAY_PAGE_SIZE) break;
  }
  // A queued event at or below the cursor committed before the last read, so replay sent it.
  subscriber.goLive(cursor);
  return { replayed };
}
