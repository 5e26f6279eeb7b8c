import { randomUUID } from 'node:crypto';
import { API_PATHS, type Message, type PostMessageResponse, type RoomResponse } from '@parley/protocol';
import type { Page } from '@playwright/test';
import { expect, newTag, newUser, test } from './fixtures/test.js';

/** The room's size, as the issue puts it. */
const MESSAGES = 10_000;
/**
 * The most rows the list may mount. About 12 rows fit the 800-pixel window, the list keeps 8 more on
 * each side and may hold the focused and the edited row: 40 leaves room for short rows, and is a
 * two-hundred-and-fiftieth of the room.
 */
const MAX_MOUNTED_ROWS = 40;

// One author posts the whole room as fast as the server takes it, without a log line per request.
test.use({ serverEnv: { RATE_LIMIT_POSTS_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' } });
// Seeding 10,000 messages through the API takes about 20 s, and the jump loads all of them.
test.setTimeout(180_000);

/** Message `n` of the room (0 is the oldest); some are long, so rows have different heights. */
function bodyOf(tag: string, n: number): string {
  if (n % 25 === 0) return `${tag} #${n} with code\n\`\`\`\nline one\nline two\nline three\n\`\`\``;
  if (n % 10 === 0) return `${tag} #${n} on three lines\nsecond line\nthird line`;
  return `${tag} #${n}`;
}

/**
 * The author, through the API with plain `fetch`: Playwright's request context is many times slower
 * per call, and 10,000 calls through it would take minutes.
 */
class Author {
  private constructor(
    private readonly origin: string,
    private readonly cookie: string,
  ) {}

  static async signUp(origin: string): Promise<Author> {
    const reply = await fetch(origin + API_PATHS.signUp, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newUser('author')),
    });
    expect(reply.status, 'sign-up').toBe(201);
    const cookie = reply.headers.get('set-cookie')?.split(';')[0];
    expect(cookie, 'session cookie').toBeTruthy();
    return new Author(origin, cookie!);
  }

  async call<T>(path: string, body: unknown): Promise<T> {
    const reply = await fetch(this.origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify(body),
    });
    // Not `expect`: Playwright records every expectation as a step, which costs more than the call.
    if (!reply.ok) throw new Error(`POST ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as T;
  }

  async delete(path: string): Promise<void> {
    const reply = await fetch(this.origin + path, { method: 'DELETE', headers: { cookie: this.cookie } });
    expect(reply.status, `DELETE ${path}`).toBe(204);
  }

  async post(roomId: string, body: string): Promise<Message> {
    const reply = await this.call<PostMessageResponse>(API_PATHS.roomMessages(roomId), {
      id: randomUUID(),
      body,
    });
    return reply.message;
  }
}

/** Posts the room's messages one after another, so that their seqs follow n; returns them by n. */
async function seedRoom(author: Author, roomId: string, tag: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (let n = 0; n < MESSAGES; n++) messages.push(await author.post(roomId, bodyOf(tag, n)));
  return messages;
}

interface Screen {
  /** Rows in the DOM, on screen or not. */
  mounted: number;
  /** The n of each row on screen, top to bottom. */
  visible: number[];
  /** Whether rows on screen overlap or leave gaps between them (a measuring mistake). */
  badLayout: boolean;
}

async function readScreen(page: Page): Promise<Screen> {
  return page.getByTestId('message-list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    const rows = Array.from(list.querySelectorAll<HTMLElement>('[data-testid="message"]'));
    const onScreen = rows
      .map((row) => {
        const rect = row.closest('li')!.getBoundingClientRect();
        const body = row.querySelector('[data-testid="message-body"]')?.textContent ?? '';
        return { top: rect.top, bottom: rect.bottom, n: Number(/#(\d+)/.exec(body)?.[1] ?? -1) };
      })
      .filter((row) => row.bottom > box.top && row.top < box.bottom)
      .sort((a, b) => a.top - b.top);
    const badLayout = onScreen.some(
      (row, index) => index > 0 && Math.abs(row.top - onScreen[index - 1]!.bottom) > 1,
    );
    return { mounted: rows.length, visible: onScreen.map((row) => row.n), badLayout };
  });
}

/** The most rows seen mounted at once in this test, reported with its figures. */
let mostMounted = 0;

/** The rows on screen are consecutive messages, laid out edge to edge, and few rows are mounted. */
async function expectSoundScreen(page: Page): Promise<number[]> {
  let screen: Screen = { mounted: 0, visible: [], badLayout: false };
  await expect(async () => {
    screen = await readScreen(page);
    expect(screen.visible.length, 'rows on screen').toBeGreaterThan(3);
    const first = screen.visible[0]!;
    expect(screen.visible, 'consecutive messages on screen').toEqual(
      screen.visible.map((_, index) => first + index),
    );
    expect(screen.badLayout, 'rows overlap or leave gaps').toBe(false);
  }).toPass({ timeout: 10_000 });
  expect(screen.mounted, 'rows mounted').toBeLessThanOrEqual(MAX_MOUNTED_ROWS);
  mostMounted = Math.max(mostMounted, screen.mounted);
  return screen.visible;
}

async function scrollListBy(page: Page, pixels: number): Promise<void> {
  await page.getByTestId('message-list').evaluate((list, by) => list.scrollBy({ top: by }), pixels);
}

test('a room of 10,000 messages scrolls both ways, keeps its place as history loads and jumps to its first message, with a bounded number of rows', async ({
  enterAs,
  server,
}, testInfo) => {
  const tag = newTag();
  // The author works through the API only, so no browser has to take 10,000 live events.
  const author = await Author.signUp(server.url);
  const { room } = await author.call<RoomResponse>(API_PATHS.rooms, { name: `long-${tag}`, kind: 'public' });
  const seedStarted = Date.now();
  const messages = await seedRoom(author, room.id, tag);
  testInfo.annotations.push({
    type: 'seeded',
    description: `${MESSAGES} messages in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
  });

  const alice = await enterAs('alice');
  await alice.api.ok('POST', API_PATHS.roomJoin(room.id));
  const page = alice.chat.page;
  await alice.chat.sidebar.open(room.id);

  // It opens at the newest messages, with few rows mounted.
  const newestN = MESSAGES - 1;
  await expect(alice.chat.message(bodyOf(tag, newestN))).toBeInViewport();
  let visible = await expectSoundScreen(page);
  expect(visible.at(-1)).toBe(newestN);

  // Older history loads while the reader looks at it: hold the next page until the reader's place
  // is noted, then check that the rows on screen have not moved.
  let releasePage!: () => void;
  const pageHeld = new Promise<void>((resolve) => (releasePage = resolve));
  let pageAsked!: () => void;
  const asked = new Promise<void>((resolve) => (pageAsked = resolve));
  await page.route(/\/messages\?before=/, async (route) => {
    pageAsked();
    await pageHeld;
    await route.continue();
  });
  await page.getByTestId('message-list').evaluate((list) => list.scrollTo({ top: 0 }));
  await asked;
  const loadingOlder = page.getByText('Loading older messages…');
  await expect(loadingOlder).toBeVisible();
  const before = await rowTops(page);
  releasePage();
  await expect(loadingOlder).toHaveCount(0);
  await page.unroute(/\/messages\?before=/);
  const oldestBefore = Math.min(...before.keys());
  // The older page is in: rows above the ones that were on top are mounted.
  await expect.poll(async () => Math.min(...(await rowTops(page)).keys())).toBeLessThan(oldestBefore);
  const after = await rowTops(page);
  const kept = [...before.keys()].filter((n) => after.has(n));
  expect(kept.length, 'rows mounted both before and after the page loaded').toBeGreaterThan(3);
  for (const n of kept) {
    expect(Math.abs(after.get(n)! - before.get(n)!), `row #${n} moved`).toBeLessThanOrEqual(1);
  }

  // Scrolling up through several pages, then down again: always consecutive rows, never many mounted.
  let highest = Infinity;
  for (let step = 0; step < 12; step++) {
    await scrollListBy(page, -1500);
    visible = await expectSoundScreen(page);
    highest = Math.min(highest, visible[0]!);
  }
  expect(highest, 'scrolled past the first page').toBeLessThan(newestN - 100);
  for (let step = 0; step < 6; step++) {
    const top = visible[0]!;
    await scrollListBy(page, 1200);
    visible = await expectSoundScreen(page);
    expect(visible[0]!, 'scrolled down').toBeGreaterThan(top);
  }

  // A link to the very first message: everything in between loads, and it is shown, focused.
  const jumpStarted = Date.now();
  await page.goto(`${new URL(page.url()).origin}/rooms/${room.id}?message=${messages[0]!.id}`);
  // By id: its body is rendered Markdown (a code block), not the text it was posted as.
  const oldest = alice.chat.messageById(messages[0]!.id);
  await expect(oldest).toBeFocused({ timeout: 60_000 });
  await expect(oldest).toBeInViewport();
  testInfo.annotations.push({
    type: 'jump',
    description: `to the first of ${MESSAGES} messages in ${((Date.now() - jumpStarted) / 1000).toFixed(1)} s`,
  });
  visible = await expectSoundScreen(page);
  expect(visible[0]).toBe(0);
  await expect(page.getByText(`This is the beginning of #long-${tag}.`)).toBeVisible();

  // Down from the beginning, and a new message far below offers the way back to the newest.
  for (let step = 0; step < 6; step++) {
    const top = visible[0]!;
    await scrollListBy(page, 1500);
    visible = await expectSoundScreen(page);
    expect(visible[0]!).toBeGreaterThan(top);
  }
  const late = `${tag} #${MESSAGES} arrives while Alice reads the beginning`;
  await author.post(room.id, late);
  await page.getByRole('button', { name: /New messages/ }).click();
  await expect(alice.chat.message(late)).toBeInViewport();
  await expectSoundScreen(page);

  // A row holding keyboard focus stays mounted when it is scrolled far away, so focus is not lost.
  const reply = alice.chat.message(late).getByTestId('message-reply');
  await reply.focus();
  await scrollListBy(page, -6000);
  visible = await expectSoundScreen(page);
  expect(visible.at(-1)!, 'scrolled away from the focused row').toBeLessThan(MESSAGES - 20);
  await expect(reply).toBeFocused();

  // A link to a message that has since been deleted says so, and leaves the reader at the newest.
  await author.delete(API_PATHS.roomMessage(room.id, messages[1]!.id));
  await page.goto(`${new URL(page.url()).origin}/rooms/${room.id}?message=${messages[1]!.id}`);
  await expect(page.getByTestId('message-link-missing')).toBeVisible();
  await expect(alice.chat.message(late)).toBeInViewport();

  // When the message cannot be asked for, the link says why, and never that it was deleted.
  await page.route(/[?&]around=/, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'service_unavailable', message: 'Try again shortly' } }),
    }),
  );
  await page.goto(`${new URL(page.url()).origin}/rooms/${room.id}?message=${messages[2]!.id}`);
  await expect(page.getByTestId('message-link-failed')).toBeVisible();
  await expect(page.getByTestId('message-link-missing')).toHaveCount(0);
  testInfo.annotations.push({ type: 'rows', description: `at most ${mostMounted} rows mounted at once` });
});

/** The top of each mounted row on screen, by n. */
async function rowTops(page: Page): Promise<Map<number, number>> {
  const tops = await page.getByTestId('message-list').evaluate((list) =>
    Array.from(list.querySelectorAll<HTMLElement>('[data-testid="message"]')).map((row) => {
      const body = row.querySelector('[data-testid="message-body"]')?.textContent ?? '';
      return [Number(/#(\d+)/.exec(body)?.[1] ?? -1), row.getBoundingClientRect().top] as const;
    }),
  );
  return new Map(tops);
}
