import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * No browser is downloaded on our machines: Chromium comes from the OS (`CHROMIUM_PATH`, else Debian's
 * /usr/bin/chromium). Where neither exists, Playwright's own browser is used.
 */
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './fixtures/global-setup.ts',
  outputDir: 'test-results',
  // Every test starts its own server and two browsers on a 2-core machine: few workers, and time.
  workers: process.env.CI ? 1 : 2,
  fullyParallel: false,
  // A flaky test is a broken test: no retries. Tests wait on conditions, never on the clock.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    headless: true,
    locale: 'en-US',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
