import type { BrowserContext, Page } from '@playwright/test';
import { expect, newTag, newUser, ParleyApi, test } from './fixtures/test.js';

// The app installs as a PWA: a manifest with icons, and a service worker that keeps the app shell for
// offline use but never answers for the API (live data must never come from a cache).

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  icons?: { src: string; sizes?: string; type?: string }[];
}

interface ApiResponseSeen {
  url: string;
  status: number;
  fromServiceWorker: boolean;
  fetchedByServiceWorker: boolean;
}

/** Every response to an /api/ request in the context, and whether a service worker had a hand in it. */
function recordApiResponses(context: BrowserContext): ApiResponseSeen[] {
  const seen: ApiResponseSeen[] = [];
  context.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    seen.push({
      url: response.url(),
      status: response.status(),
      fromServiceWorker: response.fromServiceWorker(),
      fetchedByServiceWorker: response.request().serviceWorker() !== null,
    });
  });
  return seen;
}

/** Waits until a service worker is active for the page and returns its script's URL. */
async function activeServiceWorker(page: Page): Promise<string> {
  // Polled rather than `navigator.serviceWorker.ready`, which never settles when nothing registers.
  const active = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.scriptURL ?? '';
    });
  await expect.poll(active, { message: 'an active service worker' }).not.toBe('');
  return active();
}

/** Reloads until the page is controlled by the service worker (the first load never is, without claim). */
async function expectControlled(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
        if (!controlled) await page.reload();
        return controlled;
      },
      { message: 'the page is controlled by the service worker' },
    )
    .toBe(true);
}

test('the manifest is served and linked, with a name and icons that load', async ({ openChat, request }) => {
  const visitor = await openChat('visitor');
  const link = visitor.page.locator('link[rel="manifest"]');
  await expect(link).toHaveCount(1);
  const href = await link.evaluate((element) => (element as HTMLLinkElement).href);
  expect(new URL(href).pathname).toBe('/manifest.webmanifest');

  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/(manifest\+)?json/);
  const manifest = (await response.json()) as Manifest;
  expect(manifest.name, 'manifest name').toMatch(/\S/);
  expect(manifest.icons?.length, 'manifest icons').toBeGreaterThan(0);
  for (const icon of manifest.icons ?? []) {
    const url = new URL(icon.src, response.url());
    const image = await request.get(url.href);
    expect(image.status(), `icon ${url.pathname}`).toBe(200);
    expect(image.headers()['content-type'], `icon ${url.pathname}`).toMatch(/^image\/png/);
    const body = await image.body();
    // The PNG signature, not an HTML fallback page served as an image.
    expect(body.subarray(0, 8).toString('hex'), `icon ${url.pathname} is a PNG`).toBe('89504e470d0a1a0a');
  }
});

test('the service worker registers, never answers for the API, and the event stream still works', async ({
  enterAs,
  request,
  server,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const { page } = alice.chat;
  expect(new URL(await activeServiceWorker(page)).pathname).toBe('/sw.js');
  await expectControlled(page);

  const seen = recordApiResponses(page.context());
  await page.reload();
  await alice.chat.expectSignedInAs(alice.user, null);
  await alice.chat.expectLive();
  await alice.chat.sendAndConfirm(`through the network ${tag}`);
  // A message from someone else arrives over the stream, live, with the worker in control.
  // (The `request` fixture is a client of its own, outside the browser: it has Bob's cookie, not Alice's.)
  const bob = new ParleyApi(request);
  await bob.signUp(newUser('bob'));
  const general = await bob.general();
  const live = `arrives over the stream ${tag}`;
  await bob.post(general.id, live);
  await expect(alice.chat.message(live)).toHaveCount(1);

  const paths = seen.map((response) => new URL(response.url).pathname);
  expect(paths).toContain('/api/events');
  expect(paths).toContain('/api/me');
  expect(
    seen.filter((response) => response.fromServiceWorker || response.fetchedByServiceWorker),
    'API responses that went through the service worker',
  ).toEqual([]);
  expect(server.isRunning).toBe(true);
});

test('offline, a reload still shows the app shell from the service worker', async ({ enterAs, server }) => {
  const alice = await enterAs('alice');
  const { page } = alice.chat;
  await activeServiceWorker(page);
  await expectControlled(page);

  // Both the browser and the server are gone: nothing can come from the network.
  await page.context().setOffline(true);
  await server.stop();
  const response = await page.reload();
  expect(page.url()).not.toMatch(/^chrome-error:/);
  expect(response?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await expect(page).toHaveTitle(/Parley/);
  // The app itself started: it shows its own screen (signed-in shell, or the form), not a blank page.
  await expect(
    alice.chat.roomView.or(alice.chat.authForm).or(alice.chat.connectionStatus).first(),
  ).toBeVisible();
  await page.context().setOffline(false);
});
