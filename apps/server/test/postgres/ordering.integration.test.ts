import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  generalRoomId,
  listen,
  post,
  signUp,
  startInstances,
  StreamReader,
  type TestUser,
} from '../harness.js';

const INSTANCES = 3;
const POSTERS_PER_INSTANCE = 3;
const POSTS_PER_POSTER = 20;

/**
 * One client that keeps resuming from the log on instance after instance, the way a browser does
 * after every dropped connection, and checks each replay: it must hold exactly the seqs after its
 * position up to the head that `hello` announced. A seq that became visible after a higher one
 * would be missing from the replay that saw the higher one, and then from every later replay.
 */
async function resumeRepeatedly(
  bases: string[],
  who: TestUser,
  from: number,
  keepGoing: () => boolean,
): Promise<{ seen: number[]; resumes: number }> {
  const seen: number[] = [];
  let cursor = from;
  let resumes = 0;
  // One more round after the posters stop, to read up to the final head.
  for (let last = false; !last; resumes++) {
    last = !keepGoing();
    const base = bases[resumes % bases.length]!;
    // Alternate the browser's Last-Event-ID and a first connect's ?since=.
    const reader = await StreamReader.open(
      base,
      resumes % 2 === 0
        ? { cookie: who.cookie, lastEventId: String(cursor) }
        : { cookie: who.cookie, query: `?since=${cursor}` },
    );
    const head = () => reader.events().find((e) => e.type === 'hello')?.seq;
    const ids = () => reader.frames.flatMap((f) => (f.id === undefined ? [] : [Number(f.id)]));
    await reader.until(() => {
      const announced = head();
      return announced !== undefined && (announced <= cursor || ids().some((id) => id >= announced));
    });
    reader.close();
    const announced = head()!;
    expect(reader.events().filter((e) => e.type === 'resync')).toEqual([]);
    const replayed = ids().filter((id) => id <= announced);
    expect(replayed).toEqual(Array.from({ length: announced - cursor }, (_, i) => cursor + 1 + i));
    seen.push(...replayed);
    cursor = Math.max(cursor, announced);
  }
  return { seen, resumes };
}

describe('event order across instances on PostgreSQL', () => {
  it('makes seqs visible in seq order while several instances append at once: resuming clients miss nothing', async () => {
    // No Redis: the log is the only way between instances, so every event a client gets was replayed.
    const apps: App[] = await startInstances(INSTANCES, {
      REDIS_URL: '',
      RATE_LIMIT_POSTS_PER_MINUTE: '1000000',
    });
    const bases = await Promise.all(apps.map((app) => listen(app)));
    const people: TestUser[] = [];
    for (const app of apps) people.push(await signUp(app));
    const room = await generalRoomId(apps[0]!, people[0]!);
    const { head: start } = await apps[0]!.store.events.bounds();

    let posting = true;
    const posters = apps.flatMap((app, i) =>
      Array.from({ length: POSTERS_PER_INSTANCE }, async (_, p) => {
        const seqs: number[] = [];
        for (let n = 0; n < POSTS_PER_POSTER; n++) {
          seqs.push((await post(app, people[i]!, room, `instance ${i} poster ${p} #${n}`)).seq);
        }
        return seqs;
      }),
    );
    const allPosted = Promise.all(posters).finally(() => (posting = false));
    const readers = Promise.all(people.map((who) => resumeRepeatedly(bases, who, start, () => posting)));

    const posted = (await allPosted).flat().sort((a, b) => a - b);
    const total = INSTANCES * POSTERS_PER_INSTANCE * POSTS_PER_POSTER;
    expect(posted).toEqual(Array.from({ length: total }, (_, i) => start + 1 + i));
    for (const { seen, resumes } of await readers) {
      expect(seen).toEqual(posted);
      expect(resumes).toBeGreaterThan(3);
    }
  });
});
