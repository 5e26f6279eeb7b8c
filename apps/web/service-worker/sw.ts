// Parley's service worker: it keeps the app shell (index.html and the files it loads) so the app
// opens offline, and stays out of everything else. Live data is never cached here: the API, the
// event stream and the health and metrics endpoints always go straight to the network.
import { assetsOf, strategyFor } from './routing';

declare const self: ServiceWorkerGlobalScope;

const SHELL_CACHE = 'parley-shell-v1';
const SHELL_URL = '/';

/**
 * Stores a fresh index.html and the assets it names. When it comes from a new build, the old
 * build's assets are dropped (hashed names: nothing will ask for them again); lazily loaded ones of
 * the new build are stored when first used.
 */
async function storeShell(response: Response): Promise<void> {
  const html = await response.clone().text();
  // Other pages the server has (its API docs) are not the app: keep only the app's own shell.
  if (!html.includes('<div id="root">')) return;
  const cache = await caches.open(SHELL_CACHE);
  const assets = assetsOf(html);
  const previous = await cache.match(SHELL_URL);
  const previousAssets = previous ? assetsOf(await previous.text()) : [];
  if (previous && previousAssets.join() === assets.join()) {
    await cache.put(SHELL_URL, response);
    return;
  }
  await cache.addAll(assets);
  await cache.put(SHELL_URL, response);
  const keep = new Set(assets);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL_URL, { cache: 'no-cache' })
      .then((response) => (response.ok ? storeShell(response) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name !== SHELL_CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Pages: the network first (a new build shows at once), the stored shell when offline. */
async function openPage(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      // Not awaited: the page is answered now, the copy is kept for the next offline start.
      storeShell(response.clone()).catch(() => undefined);
    }
    return response;
  } catch (error) {
    const shell = await caches.match(SHELL_URL);
    if (shell) return shell;
    throw error as Error;
  }
}

/** Hashed assets never change under their name: the stored copy first, else fetch and store it. */
async function loadAsset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor({
    method: request.method,
    url: new URL(request.url),
    origin: self.location.origin,
    mode: request.mode,
    accept: request.headers.get('accept'),
  });
  if (strategy === 'page') event.respondWith(openPage(request));
  else if (strategy === 'asset') event.respondWith(loadAsset(request));
});
