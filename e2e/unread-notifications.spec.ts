import { API_PATHS, type Room } from '@parley/protocol';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import {
  ChatPage,
  expect,
  NetworkLink,
  newTag,
  RECONNECT_TIMEOUT_MS,
  sharedServerTest as test,
  type SignedInPerson,
} from './fixtures/test.js';
import { setPageHidden } from './fixtures/page-visibility.js';

/** A new public room of Alice's that Bob joins through the API (his page learns of it from the stream). */
async function roomForBoth(alice: SignedInPerson, bob: SignedInPerson, name: string): Promise<Room> {
  const room = await alice.api.createRoom({ name, kind: 'public' });
  await bob.api.ok('POST', API_PATHS.roomJoin(room.id));
  await expect(bob.chat.sidebar.room(room.id)).toBeVisible();
  return room;
}

function unreadBadge(chat: ChatPage, roomId: string): Locator {
  return chat.sidebar.room(roomId).getByTestId('sidebar-unread');
}

function mentionBadge(chat: ChatPage, roomId: string): Locator {
  return chat.sidebar.room(roomId).getByTestId('sidebar-mentions');
}

interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
}

/**
 * Records every Notification the page constructs, and every permission request, without changing
 * what they do. Applies to the context's pages from their next load.
 */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.Notification;
    const made: Notification[] = [];
    const recorded: { title: string; body: string; tag: string }[] = [];
    let requests = 0;
    class Recording extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        recorded.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        made.push(this);
      }
      static override get permission(): NotificationPermission {
        return Original.permission;
      }
      static override requestPermission(): Promise<NotificationPermission> {
        requests += 1;
        return Original.requestPermission();
      }
    }
    Object.assign(window, {
      Notification: Recording,
      parleyTestNotifications: {
        recorded: () => recorded,
        requests: () => requests,
        click: (index: number) => {
          made[index]?.onclick?.(new Event('click'));
        },
      },
    });
  });
}

interface NotificationProbe {
  recorded: () => RecordedNotification[];
  requests: () => number;
  click: (index: number) => void;
}

function notificationsOf(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate(() =>
    (window as unknown as { parleyTestNotifications: NotificationProbe }).parleyTestNotifications.recorded(),
  );
}

function permissionRequestsOf(page: Page): Promise<number> {
  return page.evaluate(() =>
    (window as unknown as { parleyTestNotifications: NotificationProbe }).parleyTestNotifications.requests(),
  );
}

test('unread and mention counts show in the sidebar and the title, and reading the room clears them in every tab', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const room = await roomForBoth(alice, bob, `unread-${tag}`);
  const before = await alice.api.post(room.id, `said before bob looked ${tag}`);
  // Bob reads it, goes back to #general, and opens a second tab there.
  await bob.chat.sidebar.open(room.id);
  await expect(bob.chat.message(`said before bob looked ${tag}`)).toBeVisible();
  await expect(unreadBadge(bob.chat, room.id)).toHaveCount(0);
  await bob.chat.sidebar.open((await bob.api.general()).id);
  const secondTab = new ChatPage(await bob.chat.page.context().newPage());
  await secondTab.open();
  await secondTab.expectLive();

  const texts = [`one ${tag}`, `hey @${bob.user.username}, look ${tag}`, `three ${tag}`];
  const posted: string[] = [];
  for (const text of texts) posted.push((await alice.api.post(room.id, text)).id);

  for (const chat of [bob.chat, secondTab]) {
    await expect(unreadBadge(chat, room.id)).toHaveAttribute('data-count', '3');
    await expect(mentionBadge(chat, room.id)).toHaveAttribute('data-count', '1');
    await expect(chat.page).toHaveTitle('(3) @1 Parley');
  }
  // Alice's own messages never count for her.
  await expect(unreadBadge(alice.chat, room.id)).toHaveCount(0);

  // The same after a reload: the counts come from the server's read position.
  await bob.chat.page.reload();
  await bob.chat.expectLive();
  await expect(unreadBadge(bob.chat, room.id)).toHaveAttribute('data-count', '3');
  await expect(bob.chat.page).toHaveTitle('(3) @1 Parley');

  // Opening the room shows where the new messages begin, and clears the counts here and in the other tab.
  await bob.chat.sidebar.open(room.id);
  const divider = bob.chat.page.getByTestId('new-messages-divider');
  await expect(divider).toBeVisible();
  await expect(bob.chat.message(texts[0]!)).toBeVisible();
  const order = await bob.chat.page
    .locator('[data-testid="new-messages-divider"], [data-testid="message"]')
    .evaluateAll((elements) =>
      elements.map((element) =>
        element.getAttribute('data-testid') === 'message'
          ? (element.getAttribute('data-message-id') ?? '')
          : '--divider--',
      ),
    );
  expect(order).toEqual([before.id, '--divider--', ...posted]);
  for (const chat of [bob.chat, secondTab]) {
    await expect(unreadBadge(chat, room.id)).toHaveCount(0);
    await expect(mentionBadge(chat, room.id)).toHaveCount(0);
    await expect(chat.page).toHaveTitle('Parley');
  }

  // While Bob reads the room, new messages there count nowhere; the divider stays where it was.
  await alice.api.post(room.id, `while bob reads ${tag}`);
  await expect(bob.chat.message(`while bob reads ${tag}`)).toBeVisible();
  await expect(unreadBadge(secondTab, room.id)).toHaveCount(0);
  await expect(unreadBadge(bob.chat, room.id)).toHaveCount(0);
  await expect(divider).toHaveCount(1);
});

test('counts missed while offline arrive by replay on resume, with reads made on another device', async ({
  server,
  enterAs,
  joinAs,
}) => {
  const tag = newTag();
  const bobsLink = await NetworkLink.open(server.port);
  try {
    const alice = await enterAs('alice');
    const bob = await joinAs('bob', { origin: bobsLink.origin });
    // Bob's other device: signed in apart, online all along.
    const elsewhere = await enterAs('bob-elsewhere', bob.user);
    const room = await alice.api.createRoom({ name: `resume-${tag}`, kind: 'public' });
    await elsewhere.api.ok('POST', API_PATHS.roomJoin(room.id));
    await expect(bob.chat.sidebar.room(room.id)).toBeVisible();
    await bob.chat.markWindow();

    await bob.chat.page.context().setOffline(true);
    bobsLink.cut();
    await bob.chat.expectConnection('offline');
    const first = await alice.api.post(room.id, `first ${tag}`);
    await alice.api.post(room.id, `hey @${bob.user.username} ${tag}`);
    await alice.api.post(room.id, `last ${tag}`);
    await expect(unreadBadge(elsewhere.chat, room.id)).toHaveAttribute('data-count', '3');
    // Read up to the first one on the other device.
    await elsewhere.api.ok('POST', API_PATHS.roomRead(room.id), { seq: first.seq });
    await expect(unreadBadge(elsewhere.chat, room.id)).toHaveAttribute('data-count', '2');
    await expect(unreadBadge(bob.chat, room.id)).toHaveCount(0);

    bobsLink.restore();
    await bob.chat.page.context().setOffline(false);
    await bob.chat.expectLive();
    await expect(unreadBadge(bob.chat, room.id)).toHaveAttribute('data-count', '2', {
      timeout: RECONNECT_TIMEOUT_MS,
    });
    await expect(mentionBadge(bob.chat, room.id)).toHaveAttribute('data-count', '1');
    await expect(bob.chat.page).toHaveTitle('(2) @1 Parley');
    await bob.chat.expectWindowNotReloaded();
  } finally {
    await bobsLink.close();
  }
});

test('a mention or a DM notifies while the tab is hidden, except in a room set to nothing; clicking opens the room', async ({
  enterAs,
}) => {
  const tag = newTag();
  const alice = await enterAs('alice');
  const bob = await enterAs('bob');
  const context = bob.chat.page.context();
  await context.grantPermissions(['notifications']);
  await recordNotifications(context);
  await bob.chat.page.reload();
  await bob.chat.expectLive();
  // Permission is granted already: nothing to ask for, and nothing was asked.
  await expect(bob.chat.page.getByTestId('enable-notifications')).toHaveCount(0);

  const loud = await roomForBoth(alice, bob, `loud-${tag}`);
  const quiet = await roomForBoth(alice, bob, `quiet-${tag}`);
  const dm = (await alice.api.ok<{ room: Room }>('POST', API_PATHS.dms, { userIds: [bob.user.id] })).room;
  await expect(bob.chat.sidebar.room(dm.id)).toBeVisible();

  // Bob mutes one room from its header; the choice is kept on the server.
  await bob.chat.sidebar.open(quiet.id);
  const level = bob.chat.page.getByTestId('room-notifications');
  await expect(level).toHaveValue('mentions');
  await level.selectOption('none');
  await expect(level).toBeEnabled();
  await bob.chat.page.reload();
  await bob.chat.expectLive();
  await expect(bob.chat.page.getByTestId('room-notifications')).toHaveValue('none');
  await bob.chat.sidebar.open((await bob.api.general()).id);

  await setPageHidden(bob.chat.page, true);
  await alice.api.post(quiet.id, `@${bob.user.username} in the quiet room ${tag}`);
  await alice.api.post(loud.id, `no mention, no notification ${tag}`);
  await alice.api.post(loud.id, `@${bob.user.username} look here ${tag}`);
  await alice.api.post(dm.id, `a word in private ${tag}`);
  await expect(unreadBadge(bob.chat, dm.id)).toHaveAttribute('data-count', '1');
  // Events arrive in order, so the quiet room's message came before these two.
  await expect
    .poll(() => notificationsOf(bob.chat.page))
    .toEqual([
      {
        title: `${alice.user.displayName} in #loud-${tag}`,
        body: `@${bob.user.username} look here ${tag}`,
        tag: loud.id,
      },
      { title: alice.user.displayName, body: `a word in private ${tag}`, tag: dm.id },
    ]);
  // The quiet room still counts, muted, but stays out of the title.
  await expect(unreadBadge(bob.chat, quiet.id)).toHaveAttribute('data-count', '1');
  await expect(bob.chat.page).toHaveTitle('(3) @2 Parley');

  // Clicking a notification brings the tab forward and opens its room.
  await bob.chat.page.evaluate(() =>
    (window as unknown as { parleyTestNotifications: NotificationProbe }).parleyTestNotifications.click(0),
  );
  await expect(bob.chat.sidebar.room(loud.id)).toHaveAttribute('data-active', 'true');

  // Messages of Bob's own, and any while his tab is visible, never notify.
  await bob.chat.send(`@${bob.user.username} talking to myself ${tag}`);
  await expect(bob.chat.messages.filter({ hasText: `talking to myself ${tag}` })).toHaveAttribute(
    'data-status',
    'sent',
  );
  await setPageHidden(bob.chat.page, false);
  await alice.api.post(dm.id, `seen live ${tag}`);
  await expect(unreadBadge(bob.chat, dm.id)).toHaveAttribute('data-count', '2');
  expect(await notificationsOf(bob.chat.page)).toHaveLength(2);
  expect(await permissionRequestsOf(bob.chat.page)).toBe(0);
});

test('permission to notify is asked only when the reader clicks for it, never on load', async ({
  enterAs,
}) => {
  const bob = await enterAs('bob');
  await recordNotifications(bob.chat.page.context());
  await bob.chat.page.reload();
  await bob.chat.expectLive();
  const enable = bob.chat.page.getByTestId('enable-notifications');
  await expect(enable).toBeVisible();
  expect(await permissionRequestsOf(bob.chat.page)).toBe(0);
  await enable.click();
  await expect.poll(() => permissionRequestsOf(bob.chat.page)).toBe(1);
});
