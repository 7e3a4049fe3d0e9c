/**
 * The book's files against races and leftovers (issue 15): two local backups in one second, a restore
 * from a link to the live book, and the temp files a crash mid-restore or mid-backup leaves behind.
 */
import { linkSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupStatus } from '../../shared/contract.ts';
import { files, integrity, waitForJob } from './dataHelpers.ts';
import { draft, makeBackend, makeTempDir, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
  b.call('shop.startEmpty', { language: 'zh-CN' });
  b.call('customers.create', { draft: draft() });
});
afterEach(() => b.dispose());

describe('two "back up on this PC" in the same second', () => {
  it('both succeed, each in a file of its own', async () => {
    // the clock is pinned: every backup of this test is in the same second
    const jobs = [b.call('data.startLocalBackup', {}).jobId, b.call('data.startLocalBackup', {}).jobId, b.call('data.startLocalBackup', {}).jobId];
    const done = await Promise.all(jobs.map((jobId) => waitForJob<BackupStatus>(b, 'data.backupStatus', jobId)));
    expect(done.map((s) => [s.state, s.error])).toEqual(jobs.map(() => ['done', null]));
    const made = done.map((s) => s.file!);
    expect(new Set(made).size).toBe(3);
    for (const file of made) expect(integrity(file)).toBe('ok');
    expect(
      b
        .call('data.localBackups', {})
        .map((l) => l.file)
        .sort(),
    ).toEqual([...made].sort());
  });
});

describe('a restore from the live book itself', () => {
  const book = () => join(b.dataDir, 'huitou.sqlite');

  it('is refused through a symbolic link or a hard link, as the book named directly is', () => {
    const elsewhere = makeTempDir('huitou-links-');
    const symlink = join(elsewhere, 'backup.sqlite');
    symlinkSync(book(), symlink);
    const hardLink = join(elsewhere, 'hard.sqlite');
    linkSync(book(), hardLink);
    const folderLink = join(elsewhere, 'data');
    symlinkSync(b.dataDir, folderLink);
    for (const file of [book(), symlink, hardLink, join(folderLink, 'huitou.sqlite')]) {
      for (const call of ['data.startRestoreInspect', 'data.startRestore']) {
        expect(b.callError(call, { file }), `${call} ${file}`).toMatchObject({ code: 'RESTORE_FAILED', details: { reason: 'live_file' } });
      }
    }
    expect(b.call('customers.search', { query: '' }).items).toHaveLength(1);
  });
});

describe('temp files a crash left beside the book', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('are removed at the next open once stale; fresh ones (the other shell at work) are kept', () => {
    const dataDir = b.dataDir;
    const backups = join(dataDir, 'backups');
    mkdirSync(backups, { recursive: true });
    b.close();
    const stale = [
      join(dataDir, 'huitou.sqlite.restoring'),
      join(dataDir, 'huitou.sqlite.restoring-journal'),
      join(dataDir, 'huitou.sqlite.undo'),
      join(dataDir, '.inspect-0a1b2c3d.sqlite'),
      join(backups, 'auto-20261120-100000.sqlite.tmp'),
      join(backups, 'before-restore-20261120-100000.sqlite.tmp'),
    ];
    const fresh = [join(dataDir, '.inspect-99999999.sqlite'), join(backups, 'auto-20261122-100000.sqlite.tmp')];
    const old = new Date(Date.now() - 2 * DAY);
    for (const file of [...stale, ...fresh]) writeFileSync(file, Buffer.alloc(64 * 1024));
    for (const file of stale) utimesSync(file, old, old);
    const mine = join(backups, 'notes.txt'); // not ours: never touched
    writeFileSync(mine, 'x');
    utimesSync(mine, old, old);

    b = makeBackend({ dataDir });
    expect(files(dataDir)).toEqual(['.inspect-99999999.sqlite', 'backups', 'huitou.sqlite', 'huitou.sqlite-shm', 'huitou.sqlite-wal']);
    expect(files(backups)).toEqual(['auto-20261122-100000.sqlite.tmp', 'notes.txt']);
  });
});
