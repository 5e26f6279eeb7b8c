import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorBody, LIMITS, PROTOCOL_VERSION } from './constants.js';
import { ErrorBodySchema } from './errors.js';
import { ServerEvent } from './events.js';
import { HistoryPage, HistoryQuery, PostMessageBody } from './rest.js';
import { isReactionEmoji } from './emoji.js';
import { quoteExcerpt } from './quotes.js';

// The server validates formats through Ajv; TypeBox's own checker needs them registered.
FormatRegistry.Set('uuid', (value) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
);
FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)));

const user = {
  id: '7d2c1f7e-3a3b-4c55-9a1e-0c2b8f6f9a10',
  username: 'alice',
  displayName: 'Alice',
  avatarColor: '#4f46e5',
  role: 'member',
  createdAt: '2026-11-24T08:00:00.000Z',
};

describe('wire schemas', () => {
  it('accepts each server event by its type and rejects an unknown one', () => {
    const hello = {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      user,
      seq: 3,
      resumed: false,
      connectionId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    };
    expect(Value.Check(ServerEvent, hello)).toBe(true);
    expect(Value.Check(ServerEvent, { type: 'resync', seq: 3, reason: 'gap_too_old' })).toBe(true);
    expect(Value.Check(ServerEvent, { type: 'reconnect', reason: 'server_shutdown' })).toBe(true);
    expect(Value.Check(ServerEvent, { type: 'surprise', seq: 1 })).toBe(false);
    expect(Value.Check(ServerEvent, { ...hello, protocolVersion: PROTOCOL_VERSION + 1 })).toBe(false);
  });

  it('limits a posted message to a non-empty body and a client id', () => {
    expect(Value.Check(PostMessageBody, { id: user.id, body: 'hi' })).toBe(true);
    expect(Value.Check(PostMessageBody, { id: user.id, body: '' })).toBe(false);
    expect(Value.Check(PostMessageBody, { body: 'hi' })).toBe(false);
  });

  it('reads history by one cursor each: before, after, or around a message id', () => {
    expect(Value.Check(HistoryQuery, { around: user.id, limit: 20 })).toBe(true);
    expect(Value.Check(HistoryQuery, { after: 0 })).toBe(true);
    expect(Value.Check(HistoryQuery, { around: 'not-an-id' })).toBe(false);
    expect(Value.Check(HistoryQuery, { after: -1 })).toBe(false);
    // A page read from the newer side says nothing of newer pages; one read from the middle does.
    expect(Value.Check(HistoryPage, { messages: [], nextBefore: null })).toBe(true);
    expect(Value.Check(HistoryPage, { messages: [], nextBefore: 4, nextAfter: null })).toBe(true);
    expect(Value.Check(HistoryPage, { messages: [], nextBefore: 4, nextAfter: 'x' })).toBe(false);
  });

  it('recognises an error body only with a known code', () => {
    for (const code of ERROR_CODES) {
      const body = { error: { code, message: 'm' } };
      expect(isErrorBody(body)).toBe(true);
      expect(Value.Check(ErrorBodySchema, body)).toBe(true);
    }
    expect(isErrorBody({ error: { code: 'made_up', message: 'm' } })).toBe(false);
    expect(isErrorBody('oops')).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });
});

describe('reaction emoji', () => {
  it('accepts exactly one emoji, with skin tones, ZWJ sequences, flags and keycaps', () => {
    for (const emoji of ['👍', '👍🏽', '👨‍👩‍👧', '🇨🇳', '1️⃣', '❤️', '🏳️‍🌈']) {
      expect(isReactionEmoji(emoji), emoji).toBe(true);
    }
  });

  it('refuses text, two emoji, an emoji with text, unqualified text-style symbols and the empty string', () => {
    for (const value of ['a', '', '👍👍', '👍 ', 'ok👍', '❤', '#', '<script>', '\u200d']) {
      expect(isReactionEmoji(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('quote excerpt', () => {
  it('puts the original on one line and keeps it whole when it fits', () => {
    expect(quoteExcerpt('  one\n\n two\tthree ')).toBe('one two three');
  });

  it('cuts a long original to the limit at a character boundary, ending in an ellipsis', () => {
    const excerpt = quoteExcerpt('😀'.repeat(LIMITS.quoteExcerptMax + 5));
    expect(Array.from(excerpt)).toHaveLength(LIMITS.quoteExcerptMax);
    expect(excerpt).toBe(`${'😀'.repeat(LIMITS.quoteExcerptMax - 1)}…`);
  });
});
