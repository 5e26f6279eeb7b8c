/** Which requests the service worker answers, decided from plain values so it can be tested. */
export type Strategy = 'page' | 'asset' | null;

/** Paths the worker must never answer: the API (including /api/events) and the probes. */
const NETWORK_ONLY = [/^\/api\//u, /^\/healthz$/u, /^\/readyz$/u, /^\/metrics$/u];

export interface RequestFacts {
  method: string;
  url: URL;
  /** The worker's own origin. */
  origin: string;
  mode: string;
  accept: string | null;
}

/** `page`: network first, the stored shell offline. `asset`: stored copy first. null: not ours. */
export function strategyFor({ method, url, origin, mode, accept }: RequestFacts): Strategy {
  if (method !== 'GET' || url.origin !== origin) return null;
  if (NETWORK_ONLY.some((pattern) => pattern.test(url.pathname))) return null;
  if (accept?.includes('text/event-stream')) return null;
  if (mode === 'navigate') return 'page';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return null;
}

/** The hashed files an index.html loads (module script, stylesheet, preloads). */
export function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/gu)].flatMap((match) => match[1] ?? []);
}
