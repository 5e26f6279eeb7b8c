import { describe, expect, it } from 'vitest';
import { assetsOf, strategyFor, type RequestFacts } from './routing';

const origin = 'https://chat.example';
const facts = (path: string, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'GET',
  url: new URL(path, origin),
  origin,
  mode: 'no-cors',
  accept: null,
  ...extra,
});

describe('strategyFor', () => {
  it('never answers the API, the event stream, health, readiness or metrics', () => {
    for (const path of [
      '/api/rooms',
      '/api/events?since=4',
      '/healthz',
      '/readyz',
      '/metrics',
      '/api/docs',
    ]) {
      expect(strategyFor(facts(path, { mode: 'navigate' }))).toBeNull();
      expect(strategyFor(facts(path))).toBeNull();
    }
    expect(strategyFor(facts('/anything', { accept: 'text/event-stream' }))).toBeNull();
  });

  it('serves pages network first and hashed assets from the cache', () => {
    expect(strategyFor(facts('/rooms/abc', { mode: 'navigate' }))).toBe('page');
    expect(strategyFor(facts('/assets/index-abc.js'))).toBe('asset');
  });

  it('leaves other methods, other origins and other files alone', () => {
    expect(strategyFor(facts('/assets/x.js', { method: 'POST' }))).toBeNull();
    expect(
      strategyFor({ ...facts('/assets/x.js'), url: new URL('https://cdn.example/assets/x.js') }),
    ).toBeNull();
    expect(strategyFor(facts('/manifest.webmanifest'))).toBeNull();
  });
});

describe('assetsOf', () => {
  it('lists the scripts, preloads and stylesheets a built index.html loads', () => {
    const html = `<script type="module" src="/assets/index-a.js"></script>
      <link rel="modulepreload" href="/assets/Avatar-b.js"><link rel="stylesheet" href="/assets/index-c.css">
      <link rel="manifest" href="/manifest.webmanifest" />`;
    expect(assetsOf(html)).toEqual(['/assets/index-a.js', '/assets/Avatar-b.js', '/assets/index-c.css']);
  });
});
