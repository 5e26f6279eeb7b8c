import { randomUUID } from 'node:crypto';
import { API_PATHS, SESSION_COOKIE, type Message, type RoomsResponse } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { StreamReader, testDatabase } from './harness.js';
import { freePort, startProcess } from './processes.js';

describe('graceful shutdown', () => {
  it('on SIGTERM tells streams to reconnect and exits cleanly; a new process replays everything missed', async () => {
    const database = await testDatabase();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startProcess(port, { DATABASE_URL: database.url });

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
    await startProcess(port, { DATABASE_URL: database.url });
    committed.push((await postMessage('after restart'))!.seq);
    const resumed = await StreamReader.open(base, { cookie, lastEventId: String(lastSeen) });
    await resumed.until((r) => r.messageSeqs().at(-1) === committed.at(-1));
    const seen = [...reader.messageSeqs(), ...resumed.messageSeqs()];
    expect(seen).toEqual([...new Set(seen)]);
    expect(seen).toEqual(committed);
  });
});
