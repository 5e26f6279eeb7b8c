import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { webDist } from './fixtures/paths.js';

/** PRODUCT.md: the JavaScript a browser needs before the app starts stays under 150 KB gzip. */
const INITIAL_JS_BUDGET_BYTES = 150_000;

/**
 * A test id that only each rarely used screen renders: found in a lazy chunk, never in the initial
 * scripts. Search, settings, admin and the emoji picker load when first opened.
 */
const LAZY_MARKERS = ['search-view', 'settings-view', 'admin-view', 'reaction-picker'];

/** The entry script of the built index.html and the chunks it preloads: what every visit loads. */
async function initialScripts(): Promise<string[]> {
  const html = await readFile(path.join(webDist, 'index.html'), 'utf8');
  const pattern = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g;
  return [...new Set([...html.matchAll(pattern)].map((match) => match[1]!))];
}

test('the initial JavaScript of the web build is within the budget, and the rarely used parts are not in it', async () => {
  const scripts = await initialScripts();
  expect(scripts.length, 'scripts in index.html').toBeGreaterThan(0);
  const sizes = await Promise.all(
    scripts.map(async (src) => {
      const code = await readFile(path.join(webDist, src.replace(/^\//, '')));
      return { src, code: code.toString('utf8'), gzip: gzipSync(code, { level: 9 }).length };
    }),
  );
  const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
  test.info().annotations.push({
    type: 'initial JavaScript',
    description: `${(total / 1000).toFixed(1)} KB gzip -9 in ${scripts.length} files (budget ${INITIAL_JS_BUDGET_BYTES / 1000} KB)`,
  });
  expect(total, 'initial JavaScript, gzip -9, in bytes').toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);

  const chunks = (await readdir(path.join(webDist, 'assets'))).filter((name) => name.endsWith('.js'));
  const lazy = await Promise.all(
    chunks
      .filter((name) => !scripts.includes(`/assets/${name}`))
      .map((name) => readFile(path.join(webDist, 'assets', name), 'utf8')),
  );
  for (const marker of LAZY_MARKERS) {
    expect(
      sizes.filter(({ code }) => code.includes(marker)).map(({ src }) => src),
      `initial scripts holding ${marker}`,
    ).toEqual([]);
    expect(
      lazy.some((code) => code.includes(marker)),
      `a lazy chunk holding ${marker}`,
    ).toBe(true);
  }
});
