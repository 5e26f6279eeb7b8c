import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorBody, PROTOCOL_VERSION } from './constants.js';
import { ErrorBodySchema } from './errors.js';
import { ServerEvent } from './events.js';
import { PostMessageBody } from './rest.js';

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
    const hello = { type: 'hello', protocolVersion: PROTOCOL_VERSION, user, seq: 3, resumed: false };
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
