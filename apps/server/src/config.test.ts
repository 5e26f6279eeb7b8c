import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a one-process install', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      corsOrigins: [],
      cookie: { secure: false, sameSite: 'lax' },
      stream: { heartbeatMs: 15_000 },
    });
    expect(config.database.dialect).toBe('sqlite');
    expect(config.database.dialect === 'sqlite' && config.database.path).toMatch(/data\/parley\.db$/);
  });

  it('takes DATABASE_URL as an SQLite path, or a postgres:// URL for PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'chat.db', INIT_CWD: '/srv/parley' }).database).toEqual({
      dialect: 'sqlite',
      path: '/srv/parley/chat.db',
    });
    for (const url of [
      'postgres://parley@db.internal:5432/parley',
      'postgresql://db/parley?sslmode=require',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ dialect: 'postgres', url, poolSize: 10 });
    }
    expect(
      loadConfig({ DATABASE_URL: 'postgres://db/parley', DATABASE_POOL_SIZE: '40' }).database,
    ).toMatchObject({ poolSize: 40 });
    for (const size of ['0', 'ten', '1.5']) {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/parley', DATABASE_POOL_SIZE: size })).toThrow(
        /DATABASE_POOL_SIZE/,
      );
    }
    expect(() => loadConfig({ DATABASE_URL: 'postgres://[bad' })).toThrow(/DATABASE_URL/);
  });

  it('parses and validates values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example:8443',
      COOKIE_SECURE: 'true',
      COOKIE_SAME_SITE: 'none',
      WEB_DIST: '',
    });
    expect(config.port).toBe(8080);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.cookie).toEqual({ secure: true, sameSite: 'none' });
    expect(config.webDist).toBeNull();
  });

  it('fails at start with a message that names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ COOKIE_SAME_SITE: 'none' })).toThrow(/COOKIE_SECURE/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
  });

  it('runs alone without REDIS_URL and on the Redis bus with it', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2', REDIS_PREFIX: 'chat:' }).redis).toEqual({
      url: 'redis://cache:6379/2',
      prefix: 'chat:',
    });
  });
});
