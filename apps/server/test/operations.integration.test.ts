import { Writable } from 'node:stream';
import { API_PATHS, SESSION_COOKIE } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { buildApp, LOG_REDACT } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { call, generalRoomId, listen, post, signUp, startApp, StreamReader } from './harness.js';
import { createTestDatabase } from './test-database.js';

const TOKEN = 'metrics-token-0123456789';

describe('operations', () => {
  it('answers /readyz with the state of the store and the bus, and 503 when the store is gone', async () => {
    const app = await startApp();
    expect(await call(app, null, 'GET', '/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { store: 'ok', bus: 'ok' } },
    });
    await app.store.close();
    expect(await call(app, null, 'GET', '/readyz')).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { store: 'failing', bus: 'ok' } },
    });
  });

  it('serves Prometheus metrics only with the token, counting streams, events, deliveries and replays', async () => {
    const app = await startApp({ METRICS_TOKEN: TOKEN });
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const stream = await StreamReader.open(base, { cookie: alice.cookie });
    await stream.until((r) => r.events().length > 0);
    const message = await post(app, alice, room, 'counted');
    await stream.until((r) => r.messageSeqs().includes(message.seq));
    const replay = await StreamReader.open(base, { cookie: alice.cookie, lastEventId: '0' });
    await replay.until((r) => r.messageSeqs().includes(message.seq));

    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const scrape = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    const text = scrape.body;
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('parley_open_streams')).toBe(2);
    expect(value('parley_events_appended_total')).toBe(2); // member.joined at sign-up, the message
    expect(value('parley_events_delivered_total')).toBeGreaterThanOrEqual(1);
    expect(value('parley_events_replayed_total')).toBe(2);
    expect(value('parley_slow_consumers_cut_total')).toBe(0);
    expect(value('parley_fanout_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('parley_db_query_duration_seconds_count')).toBeGreaterThan(0);
    expect(text).toMatch(
      /^parley_http_request_duration_seconds_count\{method="POST",route="\/api\/rooms\/:roomId\/messages",status="201"\} 1$/m,
    );
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('has no /metrics at all without a token', async () => {
    const app = await startApp();
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('never writes passwords, session tokens or cookies to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      WEB_DIST: '',
      SIGN_UP_MODE: 'open',
    });
    const app = await buildApp(config, { logger: { level: 'trace', redact: LOG_REDACT, stream: sink } });
    try {
      const password = 'hunter2-but-longer';
      const signUpResponse = await app.inject({
        method: 'POST',
        url: API_PATHS.signUp,
        payload: { username: 'logged', password },
      });
      const token = signUpResponse.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      await app.inject({
        method: 'POST',
        url: API_PATHS.signIn,
        payload: { username: 'logged', password: 'wrong-password' },
      });
      await app.inject({
        method: 'GET',
        url: API_PATHS.me,
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
      await app.inject({
        method: 'POST',
        url: API_PATHS.mePassword,
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
        payload: { currentPassword: password, newPassword: 'another-secret-pw' },
      });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(4);
      expect(log).toContain('/api/auth/sign-up');
      for (const secret of [password, 'wrong-password', 'another-secret-pw', token]) {
        expect(log).not.toContain(secret);
      }
      expect(log.toLowerCase()).not.toContain('parley_session=');
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

describe('admin stats', () => {
  it('gives admins the open streams and event counters of this instance', async () => {
    const app = await startApp();
    const base = await listen(app);
    const admin = await signUp(app);
    const room = await generalRoomId(app, admin);
    const stream = await StreamReader.open(base, { cookie: admin.cookie });
    await stream.until((r) => r.events().length > 0);
    const message = await post(app, admin, room, 'count me');
    await stream.until((r) => r.messageSeqs().includes(message.seq));
    const stats = await call<{ openStreams: number; eventsAppended: number; eventsDelivered: number }>(
      app,
      admin,
      'GET',
      API_PATHS.adminStats,
    );
    expect(stats.body).toMatchObject({ openStreams: 1, eventsAppended: 2, eventsDelivered: 1 });
  });
});
