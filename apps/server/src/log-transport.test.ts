import { describe, expect, it } from 'vitest';
import { logTransport } from './log-transport.js';

describe('logTransport', () => {
  it('pretty-prints in development when pino-pretty is installed', () => {
    expect(logTransport(false)).toEqual({ transport: { target: 'pino-pretty' } });
  });

  it('logs JSON in production, and in development without pino-pretty', () => {
    expect(logTransport(true)).toEqual({});
    expect(logTransport(false, () => false)).toEqual({});
  });
});
