import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(kill));
});

/** SIGKILL, and wait until the process is gone, its database connections with it. */
function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A loopback port that nothing listens on (for a child process, which cannot report port 0 back). */
export function freePort(): Promise<number> {
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

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  base: string;
}

/** The real server process (from source, through tsx), as `pnpm start` runs it; killed after the test. */
export async function startProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the server in a grandchild that
  // a SIGKILL to the CLI would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      SIGN_UP_MODE: 'open',
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, exited, base };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface PrivateRedis {
  url: string;
  /** SIGKILL: Redis dies as in a crash, with every connection. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** SIGSTOP or SIGCONT: a Redis that keeps its connections open but answers nothing, or again. */
  freeze(frozen: boolean): void;
}

/**
 * A redis-server of the test's own on a free port, never the shared one: tests that kill and restart
 * Redis must not disturb anyone else's. It keeps nothing on disk.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(server);
    child = server;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`redis-server exited with ${String(code)}: ${output}`)));
      server.once('error', reject);
    });
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  const freeze = (frozen: boolean) => {
    child?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, freeze };
}
