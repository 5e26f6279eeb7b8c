import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { useColorScheme, type ColorScheme } from './fixtures/axe.js';
import { expect, newTag, sharedServerTest as test } from './fixtures/test.js';

// Screenshots of the main screens, for people to look at: phone and desktop, light and dark, English
// and Chinese. Each is attached to the report and saved under the test's output directory. Every shot
// also checks something real: the screen is the one we meant, in the language we chose, and the page
// does not scroll sideways.

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
const LANGUAGES = ['en', 'zh-CN'] as const;
const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

type Language = (typeof LANGUAGES)[number];

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  const select = page.getByTestId('language-switch');
  await select.selectOption(language);
  await expect(select).toHaveValue(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function expectNoHorizontalOverflow(page: Page, screen: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect
    .soft(widths.scrollWidth, `${screen}: page width ${widths.scrollWidth} vs viewport ${widths.innerWidth}`)
    .toBeLessThanOrEqual(widths.innerWidth);
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Fonts loaded, so that the shot shows the real glyphs rather than a fallback mid-swap.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await expectNoHorizontalOverflow(page, name);
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(`${name}.png`, { body: await readFile(file), contentType: 'image/png' });
}

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  for (const language of LANGUAGES) {
    test(`screens on ${device} in ${language}, light and dark`, async ({
      admin,
      openChat,
      enterAs,
    }, testInfo) => {
      const tag = newTag();

      const visitor = await openChat('visitor');
      await chooseLanguage(visitor.page, language);
      await visitor.page.setViewportSize(viewport);
      for (const scheme of SCHEMES) {
        await useColorScheme(visitor.page, scheme);
        await expect(visitor.authForm).toBeVisible();
        await expect(visitor.authForm.getByTestId('auth-submit')).toBeInViewport();
        await shoot(visitor.page, testInfo, `sign-in-${device}-${language}-${scheme}`);
      }

      const alice = await enterAs('alice', admin);
      const { page, sidebar } = alice.chat;
      const name = `design-review-${tag}`;
      const room = await alice.api.createRoom({
        name,
        topic: `Screens for the design review ${tag}`,
        kind: 'public',
      });
      await expect(sidebar.room(room.id)).toHaveCount(1);
      await sidebar.open(room.id);
      const text = `Here is the plan for the week, with a longer line to see how it wraps ${tag}`;
      await alice.chat.sendAndConfirm(text);
      await chooseLanguage(page, language);
      await page.setViewportSize(viewport);

      for (const scheme of SCHEMES) {
        await useColorScheme(page, scheme);

        await page.goto(`/rooms/${room.id}`);
        await expect(alice.chat.roomTitle).toHaveText(`#${name}`);
        await expect(alice.chat.roomTitle).toBeInViewport();
        await expect(alice.chat.message(text)).toBeVisible();
        await expect(alice.chat.composer).toBeInViewport();
        await alice.chat.expectLive();
        await shoot(page, testInfo, `room-${device}-${language}-${scheme}`);
        await expectAppBarOnOneLine(page, device);

        await page.goto(`/search?q=${encodeURIComponent(`plan week ${tag}`)}`);
        await expect(page.getByTestId('search-hit')).toHaveCount(1);
        await shoot(page, testInfo, `search-${device}-${language}-${scheme}`);

        await page.goto('/settings');
        await expect(alice.chat.settings.view).toBeVisible();
        await expect(alice.chat.settings.sessions.first()).toBeVisible();
        await shoot(page, testInfo, `settings-${device}-${language}-${scheme}`);

        await page.goto('/admin');
        await expect(alice.chat.admin.view).toBeVisible();
        await expect(alice.chat.admin.user(admin.username)).toHaveCount(1);
        await shoot(page, testInfo, `admin-${device}-${language}-${scheme}`);
      }
      // The choice of language survived every reload.
      await expect(page.locator('html')).toHaveAttribute('lang', language);
    });
  }
}

/**
 * The app bar is one line high on every screen: on a phone its rarer tools are in a "More" menu,
 * which opens over the room, closes with Esc, and leads to settings.
 */
async function expectAppBarOnOneLine(page: Page, device: string): Promise<void> {
  const bar = page.locator('.app-bar');
  const search = page.getByTestId('open-search');
  const barBox = await bar.boundingBox();
  const searchBox = await search.boundingBox();
  expect(barBox, 'the app bar on screen').not.toBeNull();
  expect(searchBox, 'the search link on screen').not.toBeNull();
  // One row of buttons and the bar's padding; a second row would double it.
  expect(barBox!.height, 'app bar height').toBeLessThan(searchBox!.height * 2);
  const more = page.getByTestId('app-bar-more');
  const settings = page.getByTestId('open-settings');
  if (device !== 'phone') {
    await expect(more).toBeHidden();
    await expect(settings).toBeVisible();
    return;
  }
  await expect(settings).toBeHidden();
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(settings).toBeVisible();
  await settings.focus();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(more).toBeFocused();
  await more.click();
  await settings.click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  await expect(settings).toBeHidden();
}
