import { API_PATHS } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { startApp } from './harness.js';

describe('security headers', () => {
  it('sends helmet’s headers on API responses, errors included', async () => {
    const app = await startApp();
    for (const url of [API_PATHS.me, '/api/no-such-route', API_PATHS.health]) {
      const { headers } = await app.inject({ method: 'GET', url });
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('asks browsers to upgrade insecure requests only when cookies are secure (served over https)', async () => {
    const app = await startApp({ COOKIE_SECURE: 'true' });
    const { headers } = await app.inject({ method: 'GET', url: API_PATHS.health });
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
