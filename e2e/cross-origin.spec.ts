import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './fixtures/ports.js';
import { serveStaticSite } from './fixtures/static-site.js';
import { expect, newTag, test as parleyTest } from './fixtures/test.js';
import { buildWebFor } from './fixtures/web-build.js';

interface CrossOriginSite {
  /** The API, as the web build was told to call it: `http://localhost:<port>`. */
  apiOrigin: string;
  apiPort: number;
  /** The static host of the web build: `http://localhost:<another port>`, so another origin. */
  webOrigin: string;
}

/**
 * The web app built for another origin and served by a plain static host, as on a CDN. Both origins
 * are on `localhost`, so the SameSite=Lax session cookie stays same-site while the ports make them
 * different origins (CORS and credentialed EventSource are what is tested).
 */
const test = parleyTest.extend<object, { crossOriginSite: CrossOriginSite }>({
  crossOriginSite: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const apiPort = await freePort();
      const apiOrigin = `http://localhost:${apiPort}`;
      const outDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-web-'));
      try {
        await buildWebFor(apiOrigin, outDir);
        const site = await serveStaticSite(outDir, await freePort());
        try {
          await use({ apiOrigin, apiPort, webOrigin: site.origin });
        } finally {
          await site.close();
        }
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  serverPort: async ({ crossOriginSite }, use) => {
    await use(crossOriginSite.apiPort);
  },
  serverEnv: async ({ crossOriginSite }, use) => {
    await use({ CORS_ORIGINS: crossOriginSite.webOrigin, WEB_DIST: '' });
  },
  webOrigin: async ({ crossOriginSite }, use) => {
    await use(crossOriginSite.webOrigin);
  },
});

test('the web app served from another origin signs in and chats live', async ({
  server,
  crossOriginSite: { apiOrigin, webOrigin },
  joinAs,
}) => {
  // The API serves no web app here (WEB_DIST=''): the page can only come from the static host.
  const apiRoot = await fetch(`${server.url}/`);
  expect(apiRoot.headers.get('content-type') ?? '').not.toContain('text/html');

  const tag = newTag();
  const alice = await joinAs('alice');
  const bob = await joinAs('bob');
  expect(new URL(alice.chat.page.url()).origin).toBe(webOrigin);

  const hello = `hello across origins ${tag}`;
  await alice.chat.sendAndConfirm(hello);
  await expect(bob.chat.message(hello)).toHaveCount(1);
  const reply = `heard you ${tag}`;
  await bob.chat.sendAndConfirm(reply);
  await expect(alice.chat.message(reply)).toHaveCount(1);

  // Signing out and in again works across origins too (the cookie is cleared, then set again).
  await alice.chat.signOut();
  await alice.chat.signIn(alice.user);
  await alice.chat.expectLive();
  await alice.chat.expectMessagesInOrder([hello, reply]);
  const again = `signed in again ${tag}`;
  await bob.chat.sendAndConfirm(again);
  for (const { chat } of [alice, bob]) await chat.expectMessagesInOrder([hello, reply, again]);

  // Every API call went to the API's origin; none to the static host.
  const requested = await alice.chat.page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name),
  );
  expect(requested.some((url) => url.startsWith(`${apiOrigin}/api/`))).toBe(true);
  expect(requested.filter((url) => url.startsWith(`${webOrigin}/api/`))).toEqual([]);
});
