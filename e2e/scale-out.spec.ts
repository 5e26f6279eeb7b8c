import { ScaleOut } from './fixtures/scale-out.js';
import {
  expect,
  newTag,
  test as parleyTest,
  RECONNECT_TIMEOUT_MS,
  streamEvents,
  type SignedInPerson,
} from './fixtures/test.js';

/**
 * Two API instances on PostgreSQL and Redis behind nginx running deploy/nginx.conf, which serves the
 * web build too. Browsers see only nginx.
 */
const test = parleyTest.extend<{ scaleOut: ScaleOut }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  scaleOut: async ({}, use, testInfo) => {
    const scaleOut = await ScaleOut.start(2);
    try {
      await use(scaleOut);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus || scaleOut.unexpectedExits.length > 0) {
        await testInfo.attach('topology.log', { body: await scaleOut.logs(), contentType: 'text/plain' });
      }
      await scaleOut.stop();
    }
    expect(scaleOut.unexpectedExits, 'instances that exited without being told to').toEqual([]);
  },
  webOrigin: async ({ scaleOut }, use) => {
    await use(scaleOut.origin);
  },
});

/**
 * Makes sure `person`'s stream is on `instance`: nginx spreads requests round robin, so a page may
 * land on either; reloading it opens its stream again, on whichever instance nginx picks next.
 * `others` is how many streams the other people hold on each instance.
 */
async function placeStream(
  scaleOut: ScaleOut,
  person: SignedInPerson,
  instance: number,
  others: readonly number[],
): Promise<void> {
  const expected = others.map((count, i) => count + (i === instance ? 1 : 0));
  const total = expected.reduce((sum, count) => sum + count, 0);
  await expect(async () => {
    // Once the total is right, any stream the page had before is gone and the counts say where it is.
    await expect.poll(async () => sum(await scaleOut.openStreams())).toBe(total);
    if (!equal(await scaleOut.openStreams(), expected)) {
      await person.chat.page.reload();
      await person.chat.expectLive();
      throw new Error(`the stream was not on instance ${instance + 1}; reloaded`);
    }
  }).toPass({ timeout: 60_000 });
}

const sum = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
const equal = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x === b[i]);

/**
 * The seqs of the persisted events the page's streams received, in the order they arrived. `hello`
 * and `resync` carry the head seq but are not log events (and the browser's lastEventId outlives
 * the frame that set it), so the seq is read from the event itself.
 */
async function receivedSeqs(person: SignedInPerson): Promise<number[]> {
  return (await streamEvents(person.chat.page)).flatMap((event) =>
    'seq' in event && event.type !== 'hello' && event.type !== 'resync' ? [event.seq] : [],
  );
}

async function twoPeopleOnTwoInstances(
  scaleOut: ScaleOut,
  enterAs: (label: string) => Promise<SignedInPerson>,
) {
  const alice = await enterAs('alice');
  await placeStream(scaleOut, alice, 0, [0, 0]);
  const bob = await enterAs('bob');
  await placeStream(scaleOut, bob, 1, [1, 0]);
  return { alice, bob };
}

test('people whose streams are on different instances chat, type and see each other live through nginx', async ({
  scaleOut,
  enterAs,
}) => {
  const tag = newTag();
  const { alice, bob } = await twoPeopleOnTwoInstances(scaleOut, enterAs);

  // Typing and presence cross instances on the bus, as events do.
  await bob.chat.composer.fill('typing on instance two');
  await expect(alice.chat.page.getByTestId('typing-indicator')).toHaveText(
    `${bob.user.displayName} is typing…`,
  );
  await alice.chat.header.openMembers();
  await expect(alice.chat.header.member(bob.user.username).getByTestId('presence')).toHaveAttribute(
    'data-status',
    'online',
  );

  const hello = `hello from instance one ${tag}`;
  await alice.chat.sendAndConfirm(hello);
  await bob.chat.expectMessagesInOrder([hello]);
  const reply = `hello back from instance two ${tag}`;
  await bob.chat.sendAndConfirm(reply);
  await alice.chat.expectMessagesInOrder([hello, reply]);

  expect(await scaleOut.openStreams(), 'each instance still holds one stream').toEqual([1, 1]);
});

test('when an instance is killed, its clients reconnect through nginx to the other and get what they missed once', async ({
  scaleOut,
  enterAs,
}) => {
  const tag = newTag();
  const { alice, bob } = await twoPeopleOnTwoInstances(scaleOut, enterAs);
  const before = `before the crash ${tag}`;
  await alice.chat.sendAndConfirm(before);
  await bob.chat.expectMessagesInOrder([before]);
  await bob.chat.markWindow();

  // Bob's instance dies as in a crash: no goodbye, its sockets simply close.
  await scaleOut.instances[1]!.stop('SIGKILL');
  const missed = [1, 2, 3].map((n) => `while bob's instance is down ${n} ${tag}`);
  for (const text of missed) await alice.chat.sendAndConfirm(text);

  await bob.chat.expectLive(RECONNECT_TIMEOUT_MS);
  await bob.chat.expectMessagesInOrder([before, ...missed], RECONNECT_TIMEOUT_MS);
  await bob.chat.expectWindowNotReloaded();
  await expect.poll(() => scaleOut.openStreams()).toEqual([2, 0]);

  // On the wire: every persisted event exactly once, in seq order, across the old and the new stream.
  const seqs = await receivedSeqs(bob);
  expect(seqs, 'seqs bob received, in order').toEqual([...new Set(seqs)].sort((a, b) => a - b));
  const rows = await bob.chat.readMessages();
  for (const text of [before, ...missed]) {
    const seq = rows.find((row) => row.body === text)?.seq;
    expect(
      seqs.filter((s) => s === seq),
      `"${text}" came over the stream once`,
    ).toHaveLength(1);
  }

  const back = `bob is back ${tag}`;
  await bob.chat.sendAndConfirm(back);
  await alice.chat.expectMessagesInOrder([before, ...missed, back]);
});
