import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_PATHS,
  SESSION_COOKIE,
  type Message,
  type RoomsResponse,
  type ServerEvent,
  type SessionResponse,
} from '@parley/protocol';
import { afterEach } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A new database of the test project's store (see test-database.ts), dropped after the test, once
 * its apps are closed and its server processes gone.
 */
export async function testDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const database = await createTestDatabase(options);
  cleanups.push(database.drop);
  return database;
}

/**
 * A fresh app on its own new database (SQLite or PostgreSQL, as the test project says), closed and
 * the database dropped after the test.
 */
export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const [app] = await startInstances(1, env);
  return app!;
}

/** The Redis that tests share (CI starts it); each test uses its own channel prefix. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * `count` instances of the app on one database, as behind a load balancer; with more than one they
 * talk through Redis on a prefix of their own. All are closed, and the database deleted, after the test.
 */
export async function startInstances(count: number, env: Record<string, string> = {}): Promise<App[]> {
  const database = await testDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
    SIGN_UP_MODE: 'open',
    ...(count > 1 && { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `parley-test:${randomUUID()}:` }),
    ...env,
  });
  const apps: App[] = [];
  for (let i = 0; i < count; i++) {
    const app = await buildApp(config);
    cleanups.push(() => app.close());
    apps.push(app);
  }
  return apps;
}

/** The same app, listening on a loopback port, for tests that need a real socket (the stream). */
export async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface TestUser {
  user: SessionResponse['user'];
  cookie: string;
}

let userCounter = 0;
export async function signUp(app: App, username = `user${++userCounter}`): Promise<TestUser> {
  const response = await app.inject({
    method: 'POST',
    url: API_PATHS.signUp,
    payload: { username, password: 'correct horse' },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { user: response.json<SessionResponse>().user, cookie: `${SESSION_COOKIE}=${cookie.value}` };
}

export async function generalRoomId(app: App, who: TestUser): Promise<string> {
  const response = await app.inject({ method: 'GET', url: API_PATHS.rooms, headers: { cookie: who.cookie } });
  const room = response.json<RoomsResponse>().rooms.find((r) => r.name === 'general' && r.kind === 'public');
  if (!room) throw new Error('no #general');
  return room.id;
}

export async function post(app: App, who: TestUser, roomId: string, body: string, id = randomUUID()) {
  const response = await app.inject({
    method: 'POST',
    url: API_PATHS.roomMessages(roomId),
    headers: { cookie: who.cookie },
    payload: { id, body },
  });
  if (response.statusCode !== 201) throw new Error(`post failed: ${response.statusCode} ${response.body}`);
  return response.json<{ message: Message }>().message;
}

export interface Frame {
  id?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/**
 * A minimal SSE reader over a real socket: collects frames as they arrive and lets a test wait for a
 * condition on them, without sleeping.
 */
export class StreamReader {
  readonly frames: Frame[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) !== -1) {
        this.frames.push(parseFrame(this.buffer.slice(0, end)));
        this.buffer = this.buffer.slice(end + 2);
      }
      this.notify();
    });
    const onEnd = () => {
      this.closed = true;
      this.notify();
    };
    response.on('end', onEnd);
    response.on('close', onEnd);
    response.on('error', onEnd);
  }

  static open(
    baseUrl: string,
    options: { cookie?: string; lastEventId?: string; query?: string } = {},
  ): Promise<StreamReader> {
    const url = new URL(API_PATHS.events + (options.query ?? ''), baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, {
        headers: {
          accept: 'text/event-stream',
          ...(options.cookie && { cookie: options.cookie }),
          ...(options.lastEventId !== undefined && { 'last-event-id': options.lastEventId }),
        },
      });
      req.on('response', (response) => {
        const reader = new StreamReader(response);
        cleanups.push(() => reader.close());
        resolve(reader);
      });
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** Parsed `data:` of every frame that has one. */
  events(): ServerEvent[] {
    return this.frames.filter((f) => f.data !== undefined).map((f) => JSON.parse(f.data!) as ServerEvent);
  }

  messageSeqs(): number[] {
    return this.events().flatMap((e) => (e.type === 'message.created' ? [e.seq] : []));
  }

  /** Resolves once `condition` holds; rejects if the stream ends first or the deadline passes. */
  async until(condition: (reader: StreamReader) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (this.closed) throw new Error(`stream closed before the condition held; frames: ${this.summary()}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`condition not met in ${timeoutMs} ms; frames: ${this.summary()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops reading from the socket (a slow consumer). */
  pause(): void {
    this.response.pause();
  }

  close(): void {
    this.response.destroy();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private summary(): string {
    return JSON.stringify(this.frames.slice(-5));
  }
}

function parseFrame(text: string): Frame {
  const frame: Frame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('data: '))
      frame.data = (frame.data === undefined ? '' : frame.data + '\n') + line.slice(6);
    else if (line.startsWith('retry: ')) frame.retry = line.slice(7);
  }
  return frame;
}

/** A request as `who`, answered as JSON. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body it expects
export async function call<T = unknown>(
  app: App,
  who: TestUser | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const response = await app.inject({
    method,
    url,
    ...(who && { headers: { cookie: who.cookie } }),
    ...(payload !== undefined && { payload }),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
}
