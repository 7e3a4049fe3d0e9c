/**
 * The copy is flushed to the device while it is made (backupEngine.ts, copyFlusher): a flush that
 * fails fails the backup, with the error it was, and leaves nothing behind. fdatasync is made to fail
 * here: a real device that fails its writes is not at hand.
 */
import { join } from 'node:path';
import { backupDatabase } from '../../electron/backend/services/data/backupEngine.ts';
import { loadMigrations } from '../../electron/backend/db/migrate.ts';
import { countRows } from '../../electron/backend/services/data/verify.ts';
import { files, integrity, useDemoShopAndStick } from './dataHelpers.ts';

const flushes = vi.hoisted(() => ({ count: 0, fail: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
    flushes.count++;
    if (flushes.fail) setImmediate(() => callback(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', errno: -5, syscall: 'fdatasync' })));
    else fs.fdatasync(fd, callback);
  }) as typeof fs.fdatasync;
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

const latestVersion = loadMigrations().length;
const shop = useDemoShopAndStick();
beforeEach(() => {
  flushes.count = 0;
});

describe('flushing the copy while it is made', () => {
  it('flushes every few pages, and the backup is whole', async () => {
    const done = await backupDatabase(shop.b.context.db, join(shop.target, 'shop.sqlite'), { latestVersion, pagesPerStep: 5, flushEveryPages: 5 });
    expect(flushes.count).toBeGreaterThan(0); // one at a time: as many as finish while the copy goes on
    expect(files(shop.target)).toEqual(['shop.sqlite']);
    expect(done.counts).toEqual(countRows(shop.b.context.db));
    expect(integrity(done.file)).toBe('ok');
  });

  it('a failed flush fails the backup with its error, and no file is left', async () => {
    flushes.fail = true;
    try {
      let copied = 0;
      const onProgress = (fraction: number) => (copied = Math.max(copied, fraction));
      const error = await backupDatabase(shop.b.context.db, join(shop.target, 'shop.sqlite'), {
        latestVersion,
        pagesPerStep: 5,
        flushEveryPages: 5,
        onProgress,
      }).then(
        () => null,
        (e: { code: string; message: string }) => e,
      );
      expect(flushes.count).toBe(1);
      // The copy stopped at the failure instead of writing the rest to a failing device (0.9 = all copied).
      expect(copied).toBeGreaterThan(0);
      expect(copied).toBeLessThan(0.45);
      expect(error?.code).toBe('BACKUP_FAILED');
      expect(error?.message).toMatch(/EIO/);
      expect(files(shop.target)).toEqual([]);
    } finally {
      flushes.fail = false;
    }
  });
});
