/** Shared by the backup, restore, import and export tests: jobs, mounts, file listings. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RestorePreview, RestoreResult, RestoreStatus } from '../../shared/contract.ts';
import type { TestBackend } from './helpers.ts';
import { makeBackend, makeTempDir } from './helpers.ts';

/** Waits for a job through the real calls (polling its status call, like the UI does). */
export async function waitForJob<T extends { state: string }>(
  b: TestBackend,
  statusCall: 'data.backupStatus' | 'data.importStatus' | 'data.exportStatus' | 'data.restoreStatus',
  jobId: string,
): Promise<T> {
  await b.book.jobs.get(jobId).finished;
  return b.call(statusCall, { jobId }) as unknown as T;
}

export function files(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** Every row of every table of a database file, for "equal to the backed-up state". */
export function dumpTables(file: string, tables: readonly string[]): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

export interface Mounted {
  dir: string;
  unmount(): void;
}

const isRoot = process.getuid?.() === 0;

/**
 * A tmpfs of its own (a small stick that really fills up: ENOSPC from the kernel) at a fresh folder,
 * or null where this machine allows none. Root mounts it (the old way); anyone else gets one in a user
 * and mount namespace of their own (`unshare --user --map-root-user --mount`, which Linux allows an
 * ordinary user unless the distribution turned it off), held by a sleeping process and reached through
 * that process's root, /proc/<pid>/root/... That path is fine for Node's file calls, but SQLite
 * resolves the /proc/<pid>/root symlink and writes to the folder under the mount instead:
 * `sqliteWrites` (a test whose SQLite writes must fill the small disk) asks for a real mount, root only.
 */
export function mountTmpfs(options: string, { sqliteWrites = false } = {}): Mounted | null {
  const parent = makeTempDir('huitou-mount-');
  const dir = `${parent}/stick`;
  mkdirSync(dir);
  const removeParent = () => rmSync(parent, { recursive: true, force: true });
  if (isRoot) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    } catch {
      removeParent();
      return null;
    }
    return {
      dir,
      unmount() {
        try {
          execFileSync('umount', [dir], { stdio: 'pipe' });
        } finally {
          removeParent();
        }
      },
    };
  }
  const holder = sqliteWrites ? null : namespaceTmpfs(options, dir);
  if (!holder) {
    removeParent();
    return null;
  }
  return {
    dir: `/proc/${holder.pid}/root${dir}`,
    unmount() {
      // The namespace, and its tmpfs with it, goes with the last process in it.
      holder.kill('SIGKILL');
      removeParent();
    },
  };
}

/** A process holding a tmpfs mounted at `dir` in a namespace of its own, once it is mounted; null where not allowed. */
function namespaceTmpfs(options: string, dir: string): ChildProcess | null {
  const ready = `${dir}/.mounted`;
  const script = `mount -t tmpfs -o '${options}' tmpfs '${dir}' && : > '${ready}' && exec sleep 600`;
  let holder: ChildProcess;
  try {
    holder = spawn('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], { stdio: 'ignore' });
  } catch {
    return null;
  }
  holder.on('error', () => undefined); // no unshare here: seen below as gone
  const pid = holder.pid;
  // The marker is seen only through the namespace (outside, `dir` stays empty), and removed before use.
  const marker = `/proc/${pid}/root${ready}`;
  const deadline = Date.now() + 5000;
  while (pid !== undefined && running(pid) && Date.now() < deadline) {
    if (existsSync(marker)) {
      rmSync(marker);
      return holder;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  holder.kill('SIGKILL');
  return null;
}

/** Whether a child process is still running (not yet exited, nor a zombie): the event loop is not turning here. */
function running(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * A folder the app may not write to, or null. Anyone but root: a folder with its write bits off (the
 * kernel refuses with EACCES). Root ignores permission bits: a tmpfs mounted read-only (EROFS) instead.
 */
export function readOnlyFolder(): Mounted | null {
  if (isRoot) return mountTmpfs('ro,size=1m');
  const parent = makeTempDir('huitou-readonly-');
  const dir = `${parent}/stick`;
  mkdirSync(dir, { mode: 0o555 });
  return {
    dir,
    unmount() {
      chmodSync(dir, 0o755);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh folder on another device than `folder`'s (a stick, for the backup staged beside the book):
 * the first of the machine's usual temp places that is, or a tmpfs root mounts; null if none is.
 */
export function folderOnAnotherDevice(folder: string): Mounted | null {
  const device = statSync(folder).dev;
  for (const place of ['/dev/shm', '/var/tmp', '/tmp', tmpdir()]) {
    try {
      if (statSync(place).dev === device) continue;
      accessSync(place, constants.W_OK);
    } catch {
      continue;
    }
    const dir = mkdtempSync(join(place, 'huitou-stick-'));
    return { dir, unmount: () => rmSync(dir, { recursive: true, force: true }) };
  }
  return mountTmpfs('size=64m');
}

/**
 * Damage only a check of every index sees (quick_check does not): `index` keeps its entries, keyed by
 * its old columns, while its definition names others, so the table's rows are not found in it.
 */
export function misdefineIndex(file: string, index: string, definition: string): void {
  editSchema(file, "UPDATE sqlite_schema SET sql = ? WHERE type = 'index' AND name = ?", definition, index);
}

/** Runs `sql` (with `params`) on the file's sqlite_schema itself: damage no SQL statement of the app can make. */
export function editSchema(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.unsafeMode(true); // better-sqlite3's defensive mode forbids writing the schema
    db.pragma('writable_schema = ON');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/**
 * A restore step as the app runs it, a job to its end: its final status. A file refused before any
 * work starts (not SQLite at all, missing, a backup running) comes back as a failed status too.
 */
export async function restoreJob(b: TestBackend, start: 'data.startRestoreInspect' | 'data.startRestore', file: string): Promise<RestoreStatus> {
  const started = b.dispatch(start, { file });
  if (!started.ok) return { jobId: '', state: 'failed', progress: 0, preview: null, result: null, error: started.error };
  return waitForJob<RestoreStatus>(b, 'data.restoreStatus', (started.data as { jobId: string }).jobId);
}

function doneOrThrow(status: RestoreStatus): RestoreStatus {
  if (status.state !== 'done') throw new Error(`restore job ${status.state}: ${JSON.stringify(status.error)}`);
  return status;
}

export const inspectBackup = async (b: TestBackend, file: string): Promise<RestorePreview> =>
  doneOrThrow(await restoreJob(b, 'data.startRestoreInspect', file)).preview!;
export const applyRestore = async (b: TestBackend, file: string): Promise<RestoreResult> => doneOrThrow(await restoreJob(b, 'data.startRestore', file)).result!;

/** What a backup test file works on: one demo shop for the whole file, and a fresh empty stick (folder) for each test. */
export interface DemoShopAndStick {
  b: TestBackend;
  target: string;
}

export function useDemoShopAndStick(): DemoShopAndStick {
  const shop = {} as DemoShopAndStick;
  beforeAll(() => {
    shop.b = makeBackend();
    shop.b.call('shop.createDemo', { shopName: '幸福米店', language: 'zh-CN' });
  });
  afterAll(() => shop.b.dispose());
  beforeEach(() => {
    shop.target = makeTempDir('huitou-stick-');
  });
  afterEach(() => rmSync(shop.target, { recursive: true, force: true }));
  return shop;
}
