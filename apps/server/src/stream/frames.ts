import type { ServerEvent } from '@parley/protocol';
import type { StoredEvent } from '../store/event-log.js';

/**
 * SSE framing. Event data is JSON, which never contains a raw newline, so one `data:` line holds it.
 * Persisted events carry their seq as `id:` so the browser resumes after them via `Last-Event-ID`.
 */
export function persistedFrame(event: Pick<StoredEvent, 'seq' | 'data'>): string {
  return `id: ${event.seq}\ndata: ${event.data}\n\n`;
}

/** A control event that must not move the client's resume position. */
export function controlFrame(event: ServerEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** A control event that also sets the resume position, e.g. `resync` to the current head. */
export function controlFrameWithId(event: ServerEvent, seq: number): string {
  return `id: ${seq}\n${controlFrame(event)}`;
}

export const HEARTBEAT_FRAME = ': ping\n\n';
