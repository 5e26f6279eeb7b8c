import type { Locator } from '@playwright/test';
import { closeStreamGate } from './fixtures/stream-gate.js';
import { expect, NetworkLink, newTag, RECONNECT_TIMEOUT_MS, test, type StopSignal } from './fixtures/test.js';

test('a reader who goes offline gets every missed message once, in order, when back online', async ({
  server,
  joinAs,
}) => {
  const tag = newTag();
  const bobsLink = await NetworkLink.open(server.port);
  try {
    const alice = await joinAs('alice');
    const bob = await joinAs('bob', { origin: bobsLink.origin });
    // Carol stays online: once she has a message, the server has fanned it out to every stream.
    const carol = await joinAs('carol');

    const before = `before going offline ${tag}`;
    await alice.chat.sendAndConfirm(before);
    await bob.chat.expectMessagesInOrder([before]);
    await bob.chat.markWindow();

    // The browser goes offline (navigator.onLine, the `offline` event, no new requests) and, as in a
    // real outage, the open stream dies with it: Chromium's emulation alone would keep it flowing.
    await bob.chat.page.context().setOffline(true);
    bobsLink.cut();
    await bob.chat.expectConnection('offline');

    const missed = [1, 2, 3, 4].map((n) => `missed while offline ${n} ${tag}`);
    for (const text of missed) await alice.chat.sendAndConfirm(text);
    await carol.chat.expectMessagesInOrder([before, ...missed]);
    for (const text of missed) {
      await expect(bob.chat.message(text), 'Bob is offline: nothing reaches him live').toHaveCount(0);
    }

    bobsLink.restore();
    await bob.chat.page.context().setOffline(false);
    await bob.chat.expectLive();
    await bob.chat.expectMessagesInOrder([before, ...missed], RECONNECT_TIMEOUT_MS);
    await bob.chat.expectWindowNotReloaded();

    // And the stream is live again, both ways.
    const back = `back online ${tag}`;
    await bob.chat.sendAndConfirm(back);
    for (const { chat } of [alice, bob, carol]) await chat.expectMessagesInOrder([before, ...missed, back]);
  } finally {
    await bobsLink.close();
  }
});

/** Gets a message out: a failed one is retried by hand (its id stays), a pending one goes by itself. */
async function deliver(row: Locator): Promise<void> {
  await expect(async () => {
    if ((await row.getAttribute('data-status')) === 'failed') {
      await row.getByTestId('message-retry').click();
    }
    await expect(row).toHaveAttribute('data-status', 'sent', { timeout: 2_000 });
  }).toPass({ timeout: RECONNECT_TIMEOUT_MS });
}

const restarts: { signal: StopSignal; how: string }[] = [
  { signal: 'SIGTERM', how: 'a graceful restart' },
  { signal: 'SIGKILL', how: 'a crash and restart' },
];

for (const { signal, how } of restarts) {
  test(`after ${how} (${signal}) every missed message arrives once, in order, without a reload`, async ({
    server,
    joinAs,
  }) => {
    const tag = newTag();
    const alice = await joinAs('alice');
    // Bob's stream is held shut across the restart, so he must get the messages by replay; Carol
    // reconnects whenever her browser does, before or after Alice posts.
    const bob = await joinAs('bob');
    const carol = await joinAs('carol');

    const before = `before the restart ${tag}`;
    await alice.chat.sendAndConfirm(before);
    for (const { chat } of [bob, carol]) await chat.expectMessagesInOrder([before]);
    for (const { chat } of [alice, bob, carol]) await chat.markWindow();
    const bobsGate = await closeStreamGate(bob.chat.page);

    await server.stop(signal);
    for (const { chat } of [alice, bob, carol]) await chat.expectNotLive();

    // Nothing can be posted while the server is down.
    const whileDown = `typed while the server was down ${tag}`;
    await alice.chat.send(whileDown);
    const downRow = alice.chat.message(whileDown);
    await expect(downRow).toHaveCount(1);
    await expect(downRow).toHaveAttribute('data-status', /^(pending|failed)$/);
    await expect(downRow).not.toHaveAttribute('data-seq', /\d/);
    const downId = await downRow.getAttribute('data-message-id');

    await server.start();
    await alice.chat.expectLive();
    await deliver(downRow);
    await expect(downRow).toHaveAttribute('data-message-id', downId!);
    const after = [1, 2, 3].map((n) => `after the restart ${n} ${tag}`);
    for (const text of after) await alice.chat.sendAndConfirm(text);
    const all = [before, whileDown, ...after];

    await carol.chat.expectLive();
    await carol.chat.expectMessagesInOrder(all, RECONNECT_TIMEOUT_MS);
    await alice.chat.expectMessagesInOrder(all);

    // Bob really missed them: his stream has not come back.
    await bob.chat.expectNotLive();
    for (const text of [whileDown, ...after]) await expect(bob.chat.message(text)).toHaveCount(0);

    await bobsGate.open();
    await bob.chat.expectLive();
    await bob.chat.expectMessagesInOrder(all, RECONNECT_TIMEOUT_MS);
    for (const { chat } of [alice, bob, carol]) await chat.expectWindowNotReloaded();

    const reply = `bob is back ${tag}`;
    await bob.chat.sendAndConfirm(reply);
    for (const { chat } of [alice, bob, carol]) await chat.expectMessagesInOrder([...all, reply]);
  });
}
