/** Shared by the backup, restore, import and export tests: jobs, mounts, file listings. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
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

/** A tmpfs mounted at a fresh folder (root only); null when mounting is not permitted here. */
export function mountTmpfs(options: string): Mounted | null {
  const parent = makeTempDir('huitou-mount-');
  const dir = `${parent}/stick`;
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(parent, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
  };
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
