import { LIMITS } from '@parley/protocol';

export type BodyCheck =
  { kind: 'empty' } | { kind: 'tooLong'; length: number; max: number } | { kind: 'ok'; body: string };

/**
 * Counts characters as the server's schema validator does (code points, so an emoji is one), not
 * UTF-16 units as String.length would.
 */
export function bodyLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** What would be sent for this draft: surrounding blank space is dropped, inner newlines kept. */
export function checkBody(draft: string): BodyCheck {
  const body = draft.trim();
  if (body === '') return { kind: 'empty' };
  const length = bodyLength(body);
  if (length > LIMITS.messageBodyMax) return { kind: 'tooLong', length, max: LIMITS.messageBodyMax };
  return { kind: 'ok', body };
}
