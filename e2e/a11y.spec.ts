import { API_PATHS } from '@parley/protocol';
import { expectNoAxeViolations, useColorScheme, type ColorScheme } from './fixtures/axe.js';
import { QuickSwitcher, ShortcutsHelp } from './fixtures/power-ui.js';
import { closeDialog } from './fixtures/rooms-ui.js';
import { SearchPage } from './fixtures/search-ui.js';
import {
  expect,
  newTag,
  newUser,
  ParleyApi,
  sharedServerTest as test,
  type ChatUser,
} from './fixtures/test.js';

// axe (WCAG 2.0/2.1, A and AA) on every screen, in both themes. Each test walks several screens and
// checks them softly: a failure lists every screen's violations at once, each attached as JSON.

const SCHEMES: readonly ColorScheme[] = ['light', 'dark'];
const WRONG_PASSWORD: Pick<ChatUser, 'username' | 'password'> = {
  username: 'nobody-here',
  password: 'not-the-password',
};

for (const scheme of SCHEMES) {
  test(`sign-in and sign-up screens have no axe violations (${scheme})`, async ({ openChat }, testInfo) => {
    const visitor = await openChat('visitor');
    const { page, authForm } = visitor;
    await useColorScheme(page, scheme);

    if ((await authForm.getAttribute('data-mode')) !== 'sign-in') {
      await page.getByTestId('auth-switch-mode').click();
    }
    await expect(authForm).toHaveAttribute('data-mode', 'sign-in');
    await expectNoAxeViolations(page, testInfo, `sign-in-${scheme}`);

    // With the error shown: it has to be readable and announced like the rest.
    await visitor.submitSignIn(WRONG_PASSWORD);
    await visitor.expectAuthRefused();
    await expectNoAxeViolations(page, testInfo, `sign-in-error-${scheme}`);

    await page.getByTestId('auth-switch-mode').click();
    await expect(authForm).toHaveAttribute('data-mode', 'sign-up');
    await expect(authForm.getByTestId('auth-display-name')).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `sign-up-${scheme}`);
  });

  test(`the workspace, its dialogs, settings and admin have no axe violations (${scheme})`, async ({
    admin,
    enterAs,
    request,
  }, testInfo) => {
    const tag = newTag();
    const alice = await enterAs('alice', admin);
    const { page, sidebar, header } = alice.chat;
    await useColorScheme(page, scheme);

    // Someone to talk with, through the API only: a room with a topic, messages from both, two members.
    const bobUser = newUser('bob');
    const bob = new ParleyApi(request);
    await bob.signUp(bobUser);
    const room = await alice.api.createRoom({
      name: `a11y-${tag}`,
      topic: `Checking contrast and labels ${tag}`,
      kind: 'public',
    });
    await bob.ok('POST', API_PATHS.roomJoin(room.id));
    await expect(sidebar.room(room.id)).toHaveCount(1);
    await sidebar.open(room.id);
    const mine = `a message of mine, with a link-free body ${tag}`;
    await alice.chat.sendAndConfirm(mine);
    const theirs = `and a reply from Bob ${tag}`;
    await bob.post(room.id, theirs);
    await expect(alice.chat.message(theirs)).toHaveCount(1);
    await header.openMembers();
    await expect(header.member(bobUser.username)).toHaveCount(1);
    await expectNoAxeViolations(page, testInfo, `room-view-${scheme}`);

    await page.getByTestId('create-room-button').click();
    const createDialog = page.getByTestId('create-room-dialog');
    await expect(createDialog).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `create-room-dialog-${scheme}`);
    await closeDialog(page, createDialog);

    await sidebar.openBrowse();
    await expect(sidebar.browseEntry(room.id)).toHaveCount(1);
    await expectNoAxeViolations(page, testInfo, `browse-rooms-dialog-${scheme}`);
    await sidebar.closeBrowse();

    await page.getByTestId('new-dm-button').click();
    const dmDialog = page.getByTestId('new-dm-dialog');
    await expect(dmDialog).toBeVisible();
    await dmDialog.getByTestId('people-search').fill(bobUser.username);
    await expect(dmDialog.getByTestId('people-option')).toHaveCount(1);
    await expectNoAxeViolations(page, testInfo, `new-dm-dialog-${scheme}`);
    // Esc in a filled search field clears it first (the platform's way); empty, Esc closes the dialog.
    await dmDialog.getByTestId('people-search').fill('');
    await closeDialog(page, dmDialog);

    await alice.chat.settings.open();
    await expect(alice.chat.settings.sessions.first()).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `settings-${scheme}`);
    await alice.chat.settings.close();

    await alice.chat.admin.open();
    await expect(alice.chat.admin.user(bobUser.username)).toHaveCount(1);
    // The live stats of this release: soft, so that a missing panel does not hide axe's findings.
    await expect.soft(page.getByTestId('admin-stats')).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `admin-${scheme}`);
    await alice.chat.admin.close();

    // The features of the keyboard release.
    const shortcuts = new ShortcutsHelp(page);
    await shortcuts.button.click();
    await expect(shortcuts.dialog).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `shortcuts-dialog-${scheme}`);
    await closeDialog(page, shortcuts.dialog);

    const switcher = new QuickSwitcher(page);
    await switcher.openWithKeyboard();
    await expect(switcher.option(room.id)).toHaveCount(1);
    await expectNoAxeViolations(page, testInfo, `quick-switcher-${scheme}`);
    await closeDialog(page, switcher.dialog);

    // Search, with a result whose matched words are marked, and a filter chosen.
    const search = new SearchPage(page);
    await search.open();
    await search.search(`reply from Bob ${tag}`);
    await expect(search.marks(search.hits.first())).toHaveText(['reply', 'from', 'Bob', tag]);
    await search.chooseAuthor(bobUser.username);
    await expect(search.hits).toHaveCount(1);
    await expectNoAxeViolations(page, testInfo, `search-${scheme}`);
    await sidebar.open(room.id);
    // The live region for new messages is polite, and not hidden from assistive technology.
    const announcer = page.getByTestId('new-message-announcer');
    await expect(announcer).toHaveAttribute('aria-live', 'polite');
    await expect(announcer).not.toHaveAttribute('aria-hidden', 'true');
  });
}
