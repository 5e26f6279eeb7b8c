import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { API_PATHS, type HistoryPage } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../src/store/backup.js';
import { call, generalRoomId, post, signUp, startApp } from './harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
  dirs.push(dir);
  return dir;
}

describe('backups', () => {
  it('takes a consistent online backup under write load, and the restored copy serves its data', async () => {
    const dir = tempDir();
    const source = join(dir, 'live.db');
    const app = await startApp({ DATABASE_URL: source, RATE_LIMIT_POSTS_PER_MINUTE: '100000' });
    const alice = await signUp(app, 'alice');
    const room = await generalRoomId(app, alice);
    for (let i = 0; i < 200; i++) await post(app, alice, room, `before ${i}`);

    // Keep writing while the backup runs.
    const writing = { on: true };
    let written = 0;
    const load = (async () => {
      while (writing.on) {
        await post(app, alice, room, `during ${written++}`);
      }
    })();
    const copy = join(dir, 'copy.db');
    await backupDatabase(source, copy);
    writing.on = false;
    await load;
    expect(written).toBeGreaterThan(0);

    // Restore: a new app on the copy.
    const restored = await startApp({ DATABASE_URL: copy });
    const session = await call(restored, null, 'POST', API_PATHS.signIn, {
      username: 'alice',
      password: 'correct horse',
    });
    expect(session.status).toBe(200);
    const again = { ...alice, cookie: alice.cookie };
    const pages: HistoryPage['messages'] = [];
    let before: number | null = null;
    do {
      const page: { body: HistoryPage } = await call<HistoryPage>(
        restored,
        again,
        'GET',
        `${API_PATHS.roomMessages(room)}?limit=100${before ? `&before=${before}` : ''}`,
      );
      pages.push(...page.body.messages);
      before = page.body.nextBefore;
    } while (before !== null);
    const bodies = pages.map((m) => m.body);
    // Everything written before the backup began is there; what came during it is a prefix.
    for (let i = 0; i < 200; i++) expect(bodies).toContain(`before ${i}`);
    const during = bodies.filter((b) => b.startsWith('during')).length;
    expect(during).toBeLessThanOrEqual(written);
    // The log and the messages agree in the copy: one message.created event per message, no holes.
    const { head } = await restored.store.events.bounds();
    const events = await restored.store.events.since(0, [room], 100_000);
    expect(events.filter((e) => e.data.includes('"message.created"'))).toHaveLength(pages.length);
    expect(events.at(-1)?.seq).toBe(head);
  });

  it('runs as `pnpm --filter server backup <file>` and refuses to overwrite a file', async () => {
    const dir = tempDir();
    const source = join(dir, 'live.db');
    const app = await startApp({ DATABASE_URL: source });
    await signUp(app, 'alice');
    const run = promisify(execFile);
    // Run from the backup's folder, as an operator would: the file name is relative to it.
    const args = ['-C', REPO_ROOT, '--filter', 'server', 'backup', 'nightly.db'];
    const options = { cwd: dir, env: { ...process.env, DATABASE_URL: source } };
    const { stdout } = await run('pnpm', args, options);
    expect(stdout).toContain('backed up');
    expect(existsSync(join(dir, 'nightly.db'))).toBe(true);
    await expect(run('pnpm', args, options)).rejects.toThrow(/exists already/);
  });
});
