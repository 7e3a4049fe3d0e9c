/**
 * The book as a file: backups (to a chosen folder, and automatic local ones), restore, and the jobs
 * that run them. It outlives the open database: a restore closes the live database, swaps the file
 * and reopens it through `reopen`, and the backend's dispatch keeps working with the new services.
 */
import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { rotateBackups, DEFAULT_ROTATION, type RotationPolicy } from '../../../../shared/domain/backupRotation.ts';
import { AppError } from '../../../../shared/errors.ts';
import {
  backupDatabase,
  removeQuietly,
  removeStaleFiles,
  removeStaleStaging,
  checkTargetFolder,
  copyClosedDatabase,
  estimatedSize,
  fsyncFile,
  fsyncFolder,
  type BackupOptions,
} from './backupEngine.ts';
import {
  BACKUP_EXTENSION,
  backupFileBase,
  listLocalBackups,
  localBackupsDir,
  parseLocalBackupName,
  uniquePath,
  utcStamp,
  type LocalBackup,
} from './backupFiles.ts';
import { listBackupTargets, freeSpace, type BackupTarget, type DriveProbe } from './drives.ts';
import { createJobs, type Job, type JobOf, type JobResults, type Jobs } from '../../jobs/jobs.ts';
import { copyFileOffThread } from './fileCopy.ts';
import { runJobInWorker } from '../../jobs/jobWorker.ts';
import { asFileError, assertIntegrity, checkHeader, inspectBookFile, RESTORE_CODES, type BookFacts } from './verify.ts';

/** Automatic local backups: one at start when the newest is older than this, and then every so often. */
export const AUTO_BACKUP_EVERY_MS = 4 * 60 * 60 * 1000;
/** How often the timer looks whether an automatic backup is due (cheap: one folder listing). */
export const AUTO_BACKUP_CHECK_MS = 10 * 60 * 1000;

export interface BookDeps {
  dataDir: string;
  databaseFile: string;
  latestVersion: number;
  now: () => Date;
  /** The open database of the moment (it changes when a restore reopens it). */
  db: () => Database.Database;
  shopName: () => string;
  /** Closes the live database (checkpointing its WAL). */
  close: () => void;
  /** Opens the database file again, migrating it if older, and rebuilds the services. */
  reopen: () => { migratedFrom: number };
  jobs?: Jobs;
  probe?: () => DriveProbe;
  space?: BackupOptions['space'];
  rotation?: RotationPolicy;
  autoEveryMs?: number;
}

export interface AutomaticBackupOptions {
  checkEveryMs?: number;
  onError?: (error: unknown) => void;
  /** Resolves when the app may start a backup (see startAutomaticBackups); never rejects. */
  whenQuiet?: () => Promise<void>;
}

export interface RestorePreview extends BookFacts {
  file: string;
  sizeBytes: number;
  modifiedAt: string;
  needsMigration: boolean;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Restoring this file undoes the restore. */
  safetyBackup: string;
  preview: RestorePreview;
  migratedFrom: number;
}

/** Background jobs that read or write the live database; a restore waits for none of them, it refuses. */
const BOOK_JOBS = ['backup', 'auto-backup', 'import', 'export', 'recompute'] as const;

export function createBook(deps: BookDeps) {
  const jobs = deps.jobs ?? createJobs(deps.now);
  const backupsDir = localBackupsDir(deps.dataDir);
  const space = deps.space ?? freeSpace;
  const autoEveryMs = deps.autoEveryMs ?? AUTO_BACKUP_EVERY_MS;
  removeLeftovers();

  /**
   * What a crash mid-way left behind: a restore's copy of the backup (book-sized), the book put back
   * after a failed one, a preview's copy, a backup's staging copy, a local backup's temp file.
   */
  function removeLeftovers() {
    const companions = ['', '-journal', '-wal', '-shm'];
    const book = basename(deps.databaseFile);
    const ours = new Set([`${book}.restoring`, `${book}.undo`].flatMap((file) => companions.map((c) => file + c)));
    removeStaleStaging(deps.dataDir);
    removeStaleFiles(dirname(deps.databaseFile), (name) => ours.has(name) || /^\.inspect-[0-9a-f]{8}\.sqlite(-journal|-wal|-shm)?$/.test(name));
    removeStaleFiles(backupsDir, (name) => {
      const temp = /^(.+)\.tmp(-journal|-wal|-shm)?$/.exec(name);
      return temp !== null && parseLocalBackupName(temp[1]!) !== null;
    });
  }

  function refuseWhileBusy(what: string) {
    const busy = jobs.running(BOOK_JOBS);
    if (busy.length > 0) {
      throw new AppError('BACKUP_IN_PROGRESS', `cannot ${what} while ${busy.map((j) => j.kind).join(', ')} is running`, {
        details: { running: busy.map((j) => j.kind) },
      });
    }
  }

  // ---- backup to a chosen folder (a USB stick) ----

  function targets(): BackupTarget[] {
    return listBackupTargets(deps.probe?.());
  }

  function startBackup(folder: string): Job<'backup'> {
    if (!isAbsolute(folder)) throw new AppError('BACKUP_TARGET_MISSING', `not an absolute folder path: ${folder}`, { details: { folder } });
    const target = resolve(folder);
    if (jobs.running(['backup']).length > 0) throw new AppError('BACKUP_IN_PROGRESS', 'a backup is already running');
    const db = deps.db();
    checkTargetFolder(target, estimatedSize(db), space);
    return startBackupJob('backup', target, backupFileBase(deps.shopName(), deps.now()), (finalFile, report) =>
      backupDatabase(db, finalFile, { latestVersion: deps.latestVersion, onProgress: report, space, stagingFolder: deps.dataDir }),
    );
  }

  /** Final names of the backups under way: their files appear only when each is verified. */
  const promised = new Set<string>();

  /**
   * A backup job into a free name of `folder`, the name held until the job ends: two backups started in
   * the same second (the button twice, or the button and the timer) were given the same name, and each
   * removed the other's temp file.
   */
  function startBackupJob<K extends 'backup' | 'auto-backup'>(
    kind: K,
    folder: string,
    base: string,
    work: (finalFile: string, report: (progress: number) => void) => Promise<JobResults[K]>,
  ): JobOf<K> {
    const finalFile = uniquePath(folder, base, BACKUP_EXTENSION, (path) => promised.has(path));
    promised.add(finalFile);
    const job = jobs.start(kind, (report) => work(finalFile, report), 'BACKUP_FAILED');
    void job.finished.finally(() => promised.delete(finalFile));
    return job;
  }

  // ---- automatic local backups ----

  function rotate(): string[] {
    const removed: string[] = [];
    const all = listLocalBackups(deps.dataDir);
    for (const kind of ['auto', 'before-restore', 'before-migration'] as const) {
      const { remove } = rotateBackups(
        all.filter((b) => b.kind === kind),
        deps.now(),
        deps.rotation ?? DEFAULT_ROTATION,
      );
      for (const backup of remove) {
        rmSync(backup.file, { force: true });
        removed.push(backup.file);
      }
    }
    return removed;
  }

  function startAutomaticBackup(): Job<'auto-backup'> {
    const db = deps.db();
    checkTargetFolder(ensureBackupsDir(), estimatedSize(db), space);
    return startBackupJob('auto-backup', backupsDir, `auto-${utcStamp(deps.now())}`, async (finalFile, report) => {
      const done = await backupDatabase(db, finalFile, { latestVersion: deps.latestVersion, onProgress: report, space });
      return { ...done, removed: rotate() };
    });
  }

  function ensureBackupsDir(): string {
    mkdirSync(backupsDir, { recursive: true });
    return backupsDir;
  }

  /**
   * Starts an automatic backup when one is due: the newest is older than `autoEveryMs` (or there is
   * none) and the book holds something worth keeping. Returns the job, or null when none was due.
   */
  function automaticBackupIfDue(): Job<'auto-backup'> | null {
    if (jobs.running(['auto-backup', 'backup']).length > 0) return null;
    const customers = (deps.db().prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    if (customers === 0) return null;
    const newest = listLocalBackups(deps.dataDir).find((b) => b.kind === 'auto');
    if (newest && deps.now().getTime() - Date.parse(newest.createdAt) < autoEveryMs) return null;
    return startAutomaticBackup();
  }

  /**
   * The shells' timer: checks at once, then every `checkEveryMs`. Failures are reported, never thrown.
   * `whenQuiet` (the host's): each check first waits for it, so a backup starts only once the first
   * screen is drawn and nobody is typing; a check that is still waiting lets the next tick go by.
   */
  function startAutomaticBackups(options: AutomaticBackupOptions = {}): { stop(): void } {
    let stopped = false;
    let waiting = false;
    const run = () => {
      if (stopped) return;
      try {
        const job = automaticBackupIfDue();
        void job?.finished.then(() => {
          if (job.state === 'failed') options.onError?.(job.error);
        });
      } catch (error) {
        options.onError?.(error);
      }
    };
    const check = () => {
      const { whenQuiet } = options;
      if (!whenQuiet) return run();
      if (waiting) return;
      waiting = true;
      void whenQuiet().then(() => {
        waiting = false;
        run();
      });
    };
    check();
    const timer = setInterval(check, options.checkEveryMs ?? AUTO_BACKUP_CHECK_MS);
    timer.unref?.();
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }

  function listLocal(): LocalBackup[] {
    return listLocalBackups(deps.dataDir);
  }

  // ---- restore ----

  function previewOf(source: string, facts: BookFacts): RestorePreview {
    const stat = statSync(source);
    return { ...facts, file: source, sizeBytes: stat.size, modifiedAt: stat.mtime.toISOString(), needsMigration: facts.schemaVersion < deps.latestVersion };
  }

  function sourceFile(file: string): string {
    if (!isAbsolute(file)) throw new AppError('RESTORE_FILE_MISSING', `not an absolute file path: ${file}`, { details: { file } });
    const source = resolve(file);
    let stat: Stats | null;
    try {
      stat = statSync(source);
    } catch {
      stat = null;
    }
    if (!stat?.isFile()) throw new AppError('RESTORE_FILE_MISSING', `no such file: ${source}`, { details: { file: source } });
    if (isLiveBook(source, stat)) throw new AppError('RESTORE_FAILED', 'that is the open book itself', { details: { reason: 'live_file' } });
    return source;
  }

  /** The book's own file, under its name or any other: a symbolic link (to it or a folder above), a hard link. */
  function isLiveBook(source: string, stat: Stats): boolean {
    const book = resolve(deps.databaseFile);
    if (source === book) return true;
    try {
      const live = statSync(book);
      // Windows may not give a file id (ino 0): then the real paths alone decide.
      if (live.ino !== 0 && live.dev === stat.dev && live.ino === stat.ino) return true;
      return realpathSync(source) === realpathSync(book);
    } catch {
      return false;
    }
  }

  /** What could not be read in the user's file, as a restore error (ours pass through). */
  function asRestoreError(source: string, error: unknown): AppError {
    if (error instanceof AppError) return error;
    return new AppError('RESTORE_FAILED', `could not read ${source}: ${(error as Error).message}`, { details: { cause: (error as { code?: string }).code } });
  }

  /**
   * Copies the user's file beside the live database (the original is only ever read) and checks the
   * copy, integrity_check on a thread of its own: on a big book it takes seconds the app keeps.
   */
  async function copyAndCheckOffThread(source: string, copy: string, report: (progress: number) => void): Promise<BookFacts> {
    removeQuietly(copy);
    try {
      // Off this thread: a big book read from a stick takes seconds, and the app keeps answering meanwhile.
      // Not flushed: a preview's copy is removed once checked, and a restore's is flushed before the swap.
      await copyFileOffThread(source, copy, { durable: false, onProgress: (f) => report(0.3 * f) });
      checkHeader(copy, RESTORE_CODES); // a photo or a cut-off file is refused before any worker starts
      const { rows: integrity } = await runJobInWorker('integrityCheck', { file: copy }).catch((error: unknown) => {
        throw asFileError(error, RESTORE_CODES);
      });
      report(0.8);
      assertIntegrity(integrity, RESTORE_CODES);
      return inspectBookFile(copy, deps.latestVersion, RESTORE_CODES);
    } catch (error) {
      removeQuietly(copy);
      throw asRestoreError(source, error);
    }
  }

  const incomingFile = () => `${deps.databaseFile}.restoring`;

  /**
   * Replaces the book with the backup in `file`, as a job: check a copy (off the main thread), take a
   * safety backup of the current data, close, rename the copy over the database file, reopen (migrating
   * an older backup). Restoring `safetyBackup` afterwards undoes it.
   */
  function startApply(file: string): Job<'restore'> {
    const source = sourceFile(file);
    refuseWhileBusy('restore');
    if (jobs.running(['restore']).length > 0) throw new AppError('RESTORE_FAILED', 'a restore is already running', { details: { reason: 'busy' } });
    return jobs.start(
      'restore',
      async (report) => {
        const incoming = incomingFile();
        const facts = await copyAndCheckOffThread(source, incoming, (p) => report(p * 0.7));
        try {
          // A backup, import or export may have started while the copy was checked.
          refuseWhileBusy('restore');
        } catch (error) {
          removeQuietly(incoming);
          throw error;
        }
        return swapIn(source, incoming, facts);
      },
      'RESTORE_FAILED',
    );
  }

  /** Checks a backup file before anything changes, and says what is in it (a job, see startApply). */
  function startInspect(file: string): Job<'restore-inspect'> {
    const source = sourceFile(file);
    return jobs.start(
      'restore-inspect',
      async (report) => {
        const copy = join(deps.dataDir, `.inspect-${randomBytes(4).toString('hex')}.sqlite`);
        try {
          return previewOf(source, await copyAndCheckOffThread(source, copy, report));
        } finally {
          removeQuietly(copy);
        }
      },
      'RESTORE_FAILED',
    );
  }

  /** Reopens the book this restore closed and has not touched; says so clearly if even that fails. */
  function reopenUnchanged() {
    try {
      deps.reopen();
    } catch (error) {
      throw new AppError('RESTORE_FAILED', `the book (unchanged) could not be opened again: ${(error as Error).message}`, {
        details: { reason: 'reopen_unchanged' },
      });
    }
  }

  /**
   * Close the book, make the safety backup (a byte copy of the closed file: nothing can be written after
   * it), rename the checked copy over the book, reopen; put it back on failure. The book open in another
   * program is refused before anything is made.
   */
  function swapIn(source: string, incoming: string, facts: BookFacts): RestoreResult {
    const preview = previewOf(source, facts);
    try {
      fsyncFile(incoming);
    } catch (error) {
      removeQuietly(incoming);
      throw asRestoreError(source, error);
    }
    try {
      // The safety copy is made with the book closed: its folder is checked first (writable, room for
      // the book), so that a full or broken disk refuses the restore with the book still open.
      checkTargetFolder(ensureBackupsDir(), estimatedSize(deps.db()), space);
    } catch (error) {
      removeQuietly(incoming);
      if ((error as AppError).code === 'BACKUP_TARGET_FULL') throw error;
      throw new AppError('RESTORE_FAILED', `no safety backup can be made: ${(error as Error).message}`, { details: { reason: 'safety_backup' } });
    }
    deps.close();
    const wal = `${deps.databaseFile}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      // Closing the last connection removes the WAL: another process (the other shell) still has the book open.
      removeQuietly(incoming);
      reopenUnchanged();
      throw new AppError('RESTORE_BOOK_IN_USE', 'the book is open in another program');
    }
    let safety: { file: string };
    try {
      safety = copyClosedDatabase(deps.databaseFile, uniquePath(backupsDir, `before-restore-${utcStamp(deps.now())}`, BACKUP_EXTENSION));
    } catch (error) {
      removeQuietly(incoming);
      reopenUnchanged();
      throw new AppError('RESTORE_FAILED', `could not make the safety backup: ${(error as Error).message}`, { details: { reason: 'safety_backup' } });
    }
    try {
      rmSync(wal, { force: true });
      rmSync(`${deps.databaseFile}-shm`, { force: true });
      rmSync(`${deps.databaseFile}-journal`, { force: true });
      renameSync(incoming, deps.databaseFile);
      fsyncFolder(deps.dataDir);
      const { migratedFrom } = deps.reopen();
      rotate();
      return { restoredFrom: source, safetyBackup: safety.file, preview, migratedFrom };
    } catch (error) {
      // Put the book back as it was before this call, then say so.
      removeQuietly(incoming);
      const back = `${deps.databaseFile}.undo`;
      copyFileSync(safety.file, back);
      rmSync(wal, { force: true });
      rmSync(`${deps.databaseFile}-shm`, { force: true });
      renameSync(back, deps.databaseFile);
      deps.reopen();
      throw new AppError('RESTORE_FAILED', `the restored book could not be opened: ${(error as Error).message}`, {
        details: { reason: 'reopen', safetyBackup: safety.file },
      });
    }
  }

  return {
    jobs,
    targets,
    startBackup,
    automaticBackupIfDue,
    startAutomaticBackup,
    startAutomaticBackups,
    listLocal,
    rotate,
    startInspect,
    startApply,
    refuseWhileBusy,
  };
}
export type Book = ReturnType<typeof createBook>;
