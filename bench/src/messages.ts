/** What the benchmark sends: message bodies with a marker, and the floor's frames padded to Parley's size. */
import { MARKER } from './sse-parse.js';

const FILLER =
  'The quick brown fox jumps over the lazy dog while the team ships another release of the chat. ';

/**
 * A chat message body of exactly `bytes` ASCII bytes (at least the marker) carrying the message's
 * index and its send time: `#pb:<index>:<ms>:` then filler text. No character needs JSON escaping.
 */
export function messageBody(index: number, sendTimeMs: number, bytes: number): string {
  const head = `${MARKER}${index}:${sendTimeMs.toFixed(3)}:`;
  if (head.length >= bytes) return head;
  let body = head;
  while (body.length < bytes) body += FILLER;
  return body.slice(0, bytes);
}

/** The floor's SSE frame for a published JSON payload: what floor-server.ts writes. */
export function floorFrame(seq: number, json: string): string {
  return `id: ${seq}\ndata: ${json}\n\n`;
}

/**
 * The JSON body to POST to the floor so that the frame it writes (seq `seq`) is exactly
 * `targetFrameBytes` long, or as short as it can be if the target is smaller.
 */
export function floorPayload(body: string, seq: number, targetFrameBytes: number): string {
  const bare = JSON.stringify({ body, pad: '' });
  const missing = targetFrameBytes - floorFrame(seq, bare).length;
  return missing <= 0 ? bare : JSON.stringify({ body, pad: 'x'.repeat(missing) });
}

const SAMPLE_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * The size of the `message.created` frame Parley writes for a message (the shape of
 * packages/protocol's MessageCreatedEvent, as apps/server frames it: `id: <seq>` + `data: <json>`).
 * Used to pad the floor's frames so that both servers deliver the same bytes; the load generator
 * also reports the sizes it actually received.
 */
export function estimateParleyFrameBytes(seq: number, body: string, username: string): number {
  const message = {
    id: SAMPLE_UUID,
    roomId: SAMPLE_UUID,
    seq,
    author: { id: SAMPLE_UUID, username, displayName: username },
    body,
    createdAt: new Date(0).toISOString(),
  };
  const event = { type: 'message.created', seq, roomId: SAMPLE_UUID, message };
  return Buffer.byteLength(floorFrame(seq, JSON.stringify(event)));
}
