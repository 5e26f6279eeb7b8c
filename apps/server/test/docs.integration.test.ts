import { describe, expect, it } from 'vitest';
import { startApp } from './harness.js';

describe('API documentation', () => {
  it('lists every registered API route in the OpenAPI document, with the stream events', async () => {
    const app = await startApp();
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { anyOf?: unknown[] }> };
    }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(app.accessRules.length).toBeGreaterThan(20);
    for (const rule of app.accessRules) {
      const path = rule.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(spec.paths[path]?.[rule.method.toLowerCase()], `${rule.method} ${rule.url}`).toBeDefined();
    }
    expect(spec.components.schemas.ServerEvent?.anyOf?.length).toBeGreaterThanOrEqual(10);
    const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
