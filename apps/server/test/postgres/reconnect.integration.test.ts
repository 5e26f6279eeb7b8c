import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { call, generalRoomId, listen, post, signUp, startApp, StreamReader } from '../harness.js';

/** Runs statements as the test database's administrator, on a connection of its own. */
async function asAdmin(databaseUrl: string, ...statements: string[]): Promise<number[]> {
  const url = new URL(databaseUrl);
  const database = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const counts: number[] = [];
    for (const statement of statements) {
      counts.push((await admin.query(statement.replaceAll('$database', database))).rowCount ?? 0);
    }
    return counts;
  } finally {
    await admin.end();
  }
}

/**
 * Ends every connection to this test's database (never the shared server, which others use), and
 * returns once they are gone and the app has read their goodbye: each backend sends its FATAL error
 * before it exits, and a setImmediate runs after every socket that was ready has been handled.
 */
async function terminateBackends(url: string): Promise<void> {
  const backends = `select pid from pg_stat_activity where datname = '$database'`;
  await asAdmin(url, `select pg_terminate_backend(pid) from (${backends}) as b`);
  while ((await asAdmin(url, backends))[0]! > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setImmediate(resolve));
}

describe('PostgreSQL connections lost and back', () => {
  it('survives its connections being killed: /readyz reports the store down while it is, and clients resume without loss', async () => {
    const app = await startApp();
    const url = app.config.database.dialect === 'postgres' ? app.config.database.url : '';
    const base = await listen(app);
    const alice = await signUp(app);
    const room = await generalRoomId(app, alice);
    const before = await post(app, alice, room, 'before the outage');
    const stream = await StreamReader.open(base, { cookie: alice.cookie });
    await stream.until((r) => r.events().some((e) => e.type === 'hello'));

    // Idle pooled connections die under the app: pg emits 'error' on them, which must not crash it.
    await terminateBackends(url);
    expect((await call(app, null, 'GET', '/readyz')).status).toBe(200);
    const during = await post(app, alice, room, 'right after the backends were killed');

    // The database refuses connections for a while: the store is reported down, the process lives on.
    await asAdmin(url, 'alter database "$database" allow_connections false');
    await terminateBackends(url);
    expect(await call(app, null, 'GET', '/readyz')).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { store: 'failing', bus: 'ok' } },
    });
    // Requests are refused with a code clients and load balancers understand: wait, then retry.
    const refused = await app.inject({
      method: 'GET',
      url: `/api/rooms/${room}/messages`,
      headers: { cookie: alice.cookie },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    expect(refused.headers['retry-after']).toBe('5');

    // Back: new connections, and a client resuming from its last seq gets what it missed, once.
    await asAdmin(url, 'alter database "$database" allow_connections true');
    expect((await call(app, null, 'GET', '/readyz')).status).toBe(200);
    const after = await post(app, alice, room, 'after the outage');
    const resumed = await StreamReader.open(base, { cookie: alice.cookie, lastEventId: String(before.seq) });
    await resumed.until((r) => r.messageSeqs().includes(after.seq));
    expect(resumed.messageSeqs()).toEqual([during.seq, after.seq]);
  });
});
