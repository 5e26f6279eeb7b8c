import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_PATHS, LIMITS } from '@parley/protocol';
import { fetchHistory, fetchMessageSeq } from './messages';

/** Answers every request with `status` and `body`, and records the paths asked for. */
function answerWith(status: number, body: unknown): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchHistory', () => {
  it('asks for the newest page at the default length, and older pages as long as the server allows', async () => {
    const asked = answerWith(200, { messages: [], nextBefore: null });
    await fetchHistory('r1', null);
    await fetchHistory('r1', 120);
    expect(asked).toEqual([
      API_PATHS.roomMessages('r1'),
      `${API_PATHS.roomMessages('r1')}?before=120&limit=${LIMITS.historyPageMax}`,
    ]);
  });
});

describe('fetchMessageSeq', () => {
  it('reads the seq from a one-message page around the message', async () => {
    const message = { id: 'm1', seq: 42 };
    const asked = answerWith(200, { messages: [message], nextBefore: null, nextAfter: null });
    expect(await fetchMessageSeq('r1', 'm1')).toBe(42);
    expect(asked).toEqual([`${API_PATHS.roomMessages('r1')}?around=m1&limit=1`]);
  });

  it('is null for a message the room does not have (deleted, or from another room)', async () => {
    answerWith(404, { error: { code: 'not_found', message: 'No such message' } });
    expect(await fetchMessageSeq('r1', 'gone')).toBeNull();
  });

  it('lets other failures through, so they are not mistaken for a deleted message', async () => {
    answerWith(503, { error: { code: 'service_unavailable', message: 'Try again' } });
    await expect(fetchMessageSeq('r1', 'm1')).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});
