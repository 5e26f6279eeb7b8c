import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_PATHS, SESSION_COOKIE, type Message, type RoomsResponse } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamReader } from './harness.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The real server process (from source, through tsx), as `pnpm start` runs it. */
async function startProcess(
  port: number,
  databaseUrl: string,
): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(join(SERVER_DIR, 'node_modules/.bin/tsx'), ['src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      SIGN_UP_MODE: 'open',
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('graceful shutdown', () => {
  it('on SIGTERM tells streams to reconnect and exits cleanly; a new process replays everything missed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-shutdown-'));
    dirs.push(dir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const db = join(dir, 'parley.db');
    const first = await startProcess(port, db);

    const signUp = await fetch(base + API_PATHS.signUp, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'correct horse' }),
    });
    const token = /parley_session=([^;]+)/.exec(signUp.headers.get('set-cookie') ?? '')?.[1];
    const cookie = `${SESSION_COOKIE}=${token ?? ''}`;
    const rooms = (await (
      await fetch(base + API_PATHS.rooms, { headers: { cookie } })
    ).json()) as RoomsResponse;
    const room = rooms.rooms[0]!.id;
    const postMessage = async (body: string): Promise<Message | null> => {
      const response = await fetch(base + API_PATHS.roomMessages(room), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), body }),
      }).catch(() => null);
      return response?.status === 201 ? ((await response.json()) as { message: Message }).message : null;
    };

    const reader = await StreamReader.open(base, { cookie });
    await reader.until((r) => r.events().length > 0);
    const committed: number[] = [];
    for (let i = 0; i < 5; i++) committed.push((await postMessage(`before ${i}`))!.seq);
    await reader.until((r) => r.messageSeqs().length === 5);

    // Keep posting while the process is told to stop: whatever it committed must survive.
    const posting = { on: true };
    const load = (async () => {
      for (let i = 0; posting.on; i++) {
        const message = await postMessage(`during ${i}`);
        if (message) committed.push(message.seq);
        else break;
      }
    })();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    posting.on = false;
    await load;
    await reader.until((r) => r.closed);
    expect(reader.events().at(-1)).toEqual({ type: 'reconnect', reason: 'server_shutdown' });

    const lastSeen = reader.messageSeqs().at(-1)!;
    await startProcess(port, db);
    committed.push((await postMessage('after restart'))!.seq);
    const resumed = await StreamReader.open(base, { cookie, lastEventId: String(lastSeen) });
    await resumed.until((r) => r.messageSeqs().at(-1) === committed.at(-1));
    const seen = [...reader.messageSeqs(), ...resumed.messageSeqs()];
    expect(seen).toEqual([...new Set(seen)]);
    expect(seen).toEqual(committed);
  });
});
