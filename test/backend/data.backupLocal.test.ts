/**
 * Automatic local backups in <dataDir>/backups on real files, with a clock the test moves:
 * at start when the last is old, every few hours of use, rotated, listed; and the backup targets
 * (removable drives) found on each platform, with the system calls faked.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTO_BACKUP_EVERY_MS } from '../../electron/backend/services/data/book.ts';
import { openDatabase } from '../../electron/backend/db/open.ts';
import { listLocalBackups, parseLocalBackupName, sanitizeFileName } from '../../electron/backend/services/data/backupFiles.ts';
import { rotateBackups } from '../../shared/domain/backupRotation.ts';
import { listBackupTargets, parseWindowsDrives, type DriveProbe } from '../../electron/backend/services/data/drives.ts';
import type { BackupStatus } from '../../shared/contract.ts';
import { draft, makeBackend, makeTempDir, migrationsDirWith, type TestBackend } from './helpers.ts';
import { files, integrity, waitForJob } from './dataHelpers.ts';

function clock(start: string) {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

const HOUR = 3_600_000;

describe('automatic local backups', () => {
  let b: TestBackend;
  const time = clock('2026-11-22T08:00:00');
  beforeEach(() => {
    b = makeBackend({ now: time.now });
  });
  afterEach(() => b.dispose());

  async function due() {
    const job = b.book.automaticBackupIfDue();
    if (job) await job.finished;
    return job;
  }

  it('an empty book is not backed up; a book with customers is, at once; then not again for a few hours', async () => {
    expect(await due()).toBeNull();
    b.call('customers.create', { draft: draft() });
    const first = await due();
    expect(first?.state).toBe('done');
    expect(b.call('data.localBackups', {})).toEqual([
      expect.objectContaining({
        kind: 'auto',
        createdAt: time
          .now()
          .toISOString()
          .replace(/\.\d+Z$/, '.000Z'),
        sizeBytes: expect.any(Number),
      }),
    ]);
    time.advance(AUTO_BACKUP_EVERY_MS - 60_000);
    expect(await due()).toBeNull();
    time.advance(120_000);
    expect((await due())?.state).toBe('done');
    const listed = b.call('data.localBackups', {});
    expect(listed).toHaveLength(2);
    expect(listed[0]!.createdAt > listed[1]!.createdAt).toBe(true);
    for (const backup of listed) expect(integrity(backup.file)).toBe('ok');
  });

  it('rotates: after two months of daily use, about 7 days + 8 weeks are kept, the newest always', async () => {
    b.call('customers.create', { draft: draft() });
    for (let i = 0; i < 63; i++) {
      await due();
      time.advance(24 * HOUR);
    }
    const listed = b.call('data.localBackups', {});
    expect(listed.length).toBeGreaterThanOrEqual(12);
    expect(listed.length).toBeLessThanOrEqual(7 + 8 + 3);
    const newestAge = time.now().getTime() - Date.parse(listed[0]!.createdAt);
    expect(newestAge).toBeLessThanOrEqual(24 * HOUR);
    const oldestAgeDays = (time.now().getTime() - Date.parse(listed.at(-1)!.createdAt)) / (24 * HOUR);
    expect(oldestAgeDays).toBeGreaterThan(42);
    expect(oldestAgeDays).toBeLessThan(63);
    expect(files(join(b.dataDir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it("the shells' timer: a check at start, then at every interval; stop() ends it", async () => {
    b.call('customers.create', { draft: draft() });
    const timer = b.startAutomaticBackups({ checkEveryMs: 20 });
    await b.book.jobs.settled();
    expect(b.call('data.localBackups', {})).toHaveLength(1);
    time.advance(5 * HOUR);
    await new Promise((done) => setTimeout(done, 60));
    await b.book.jobs.settled();
    timer.stop();
    expect(b.call('data.localBackups', {})).toHaveLength(2);
    time.advance(5 * HOUR);
    await new Promise((done) => setTimeout(done, 60));
    expect(b.call('data.localBackups', {})).toHaveLength(2);
  });

  it('backup.startLocal backs up now, whatever the last one', async () => {
    const { jobId } = b.call('data.startLocalBackup', {});
    const status = await waitForJob<BackupStatus>(b, 'data.backupStatus', jobId);
    expect(status.state).toBe('done');
    expect(status.file).toMatch(/backups[/\\]auto-\d{8}-\d{6}\.sqlite$/);
  });

  it('lists the pre-migration copies db/open.ts makes, and ignores files that are not backups', () => {
    const dataDir = makeTempDir();
    openDatabase(join(dataDir, 'huitou.sqlite'), { migrationsDir: migrationsDirWith(1) }).db.close();
    const migrated = makeBackend({ dataDir });
    writeFileSync(join(dataDir, 'backups', 'notes.txt'), 'mine');
    writeFileSync(join(dataDir, 'backups', 'auto-20261122-100000.sqlite.tmp'), 'half');
    const listed = migrated.call('data.localBackups', {});
    expect(listed).toEqual([expect.objectContaining({ kind: 'before-migration', fromVersion: 1 })]);
    expect(integrity(listed[0]!.file)).toBe('ok');
    migrated.dispose();
  });

  it('several backups in one second: the one written last is listed first, and rotation keeps it', () => {
    const dataDir = makeTempDir();
    mkdirSync(join(dataDir, 'backups'));
    // written in this order; the plain name last, as when rotation had removed its first owner
    const names = [3, 9, 10, 11, 2].map((n) => `before-restore-20261122-100000-${n}.sqlite`).concat('before-restore-20261122-100000.sqlite');
    names.forEach((name, i) => {
      const file = join(dataDir, 'backups', name);
      writeFileSync(file, 'x');
      utimesSync(file, 1_800_000_000 + i, 1_800_000_000 + i);
    });
    expect(listLocalBackups(dataDir).map((b) => b.name)).toEqual([...names].reverse());
    const kept = rotateBackups(listLocalBackups(dataDir), new Date('2026-11-22T10:00:00Z'), { days: 0, weeks: 0, keepNewest: 3 }).keep.map((b) => b.name);
    expect(kept).toEqual(names.slice(-3).reverse());
  });

  it('a file name keeps no reserved character nor any control (C0, DEL, C1)', () => {
    expect(sanitizeFileName('老王:粮油/店')).toBe('老王-粮油-店');
    expect(sanitizeFileName('a\u0000b\u001fc\u007fd\u0085e')).toBe('a-b-c-d-e');
  });

  it('parses the names of local backups', () => {
    expect(parseLocalBackupName('auto-20261122-100000.sqlite')).toEqual({ kind: 'auto', createdAt: '2026-11-22T10:00:00.000Z', fromVersion: null });
    expect(parseLocalBackupName('before-restore-20261122-100000-2.sqlite')?.kind).toBe('before-restore');
    expect(parseLocalBackupName('before-migration-v2-20261122-100000.sqlite')).toMatchObject({ kind: 'before-migration', fromVersion: 2 });
    expect(parseLocalBackupName('auto-20261122-100000.sqlite.tmp')).toBeNull();
    expect(parseLocalBackupName('holiday.sqlite')).toBeNull();
  });
});

describe('backup targets (removable drives)', () => {
  function probe(overrides: Partial<DriveProbe>): DriveProbe {
    return {
      platform: 'linux',
      user: 'shop',
      run: () => null,
      listDir: () => [],
      isDir: () => true,
      isSameAsRoot: () => false,
      space: () => ({ freeBytes: 8e9, totalBytes: 16e9 }),
      ...overrides,
    };
  }

  it('Linux: /media/<user>/* and /run/media/<user>/*, with free space', () => {
    const dirs: Record<string, string[]> = { '/media/shop': ['KINGSTON'], '/run/media/shop': ['U盘'], '/media': ['shop', 'OTHER'] };
    const targets = listBackupTargets(probe({ listDir: (d) => dirs[d] ?? [] }));
    expect(targets.map((t) => t.path)).toEqual(['/media/shop/KINGSTON', '/run/media/shop/U盘', '/media/OTHER']);
    expect(targets[0]).toMatchObject({ label: 'KINGSTON', kind: 'removable', freeBytes: 8e9, totalBytes: 16e9 });
  });

  it('macOS: /Volumes/* except the start-up disk', () => {
    const targets = listBackupTargets(
      probe({ platform: 'darwin', listDir: (d) => (d === '/Volumes' ? ['Macintosh HD', 'STICK'] : []), isSameAsRoot: (p) => p === '/Volumes/Macintosh HD' }),
    );
    expect(targets.map((t) => t.path)).toEqual(['/Volumes/STICK']);
  });

  it('Windows: removable letters from wmic; PowerShell when wmic is gone; existing letters when both fail', () => {
    const wmic = 'Node,DeviceID,VolumeName\r\nSHOP-PC,E:,KINGSTON\r\nSHOP-PC,F:,\r\n';
    expect(parseWindowsDrives(wmic)).toEqual([
      { letter: 'E:', label: 'KINGSTON' },
      { letter: 'F:', label: '' },
    ]);
    const viaWmic = listBackupTargets(probe({ platform: 'win32', run: (cmd) => (cmd === 'wmic' ? wmic : null) }));
    expect(viaWmic.map((t) => [t.path, t.label, t.kind])).toEqual([
      ['E:\\', 'KINGSTON (E:)', 'removable'],
      ['F:\\', 'F:', 'removable'],
    ]);
    const viaPs = listBackupTargets(probe({ platform: 'win32', run: (cmd) => (cmd === 'powershell.exe' ? 'G:,U DISK\r\n' : null) }));
    expect(viaPs.map((t) => t.path)).toEqual(['G:\\']);
    const fallback = listBackupTargets(probe({ platform: 'win32', isDir: (p) => p === 'D:\\' || p === 'H:\\' }));
    expect(fallback.map((t) => [t.path, t.kind])).toEqual([
      ['D:\\', 'volume'],
      ['H:\\', 'volume'],
    ]);
  });

  it('backup.targets answers on this machine', () => {
    const b = makeBackend();
    const mediaDir = '/media';
    if (!existsSync(mediaDir)) mkdirSync(mediaDir, { recursive: true });
    expect(Array.isArray(b.call('data.backupTargets', {}))).toBe(true);
    b.dispose();
  });
});
