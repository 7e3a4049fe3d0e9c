/**
 * A big import's work that need not run on the app's thread, on worker threads (importWorker.ts):
 *
 * - keysAhead: the search keys (pinyin) of the file's names, started as soon as the file is read, while
 *   the app's thread validates the rows; the apply takes them, keying itself what no worker has started.
 *   100k rows: ~1.7 s of pinyin off the apply.
 * - withGramsOffThread: the new customers' grams, written by a worker into a scratch database attached
 *   to the book while the app's thread writes the customers and their FTS rows, then copied in with one
 *   INSERT ... SELECT. Into an empty customer_grams SQLite copies the records as they are, in key order
 *   (its transfer optimisation: 750k grams in ~0.25 s, where binding and inserting them took ~1.9 s);
 *   into a table with rows it copies row by row, still with no values to bind.
 *
 * Results never depend on the workers: a worker that cannot start, fails or is too slow answers null,
 * and the app's thread does that work itself, as it does for small imports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { packedSearchKeysByName, type PackedSearchKeys } from '../../../shared/domain/packedSearchKeys.ts';
import type { GramsInput, KeyChunks, KeysInput } from './importWorker.ts';
import { workerModuleUrl } from '../jobs/jobWorker.ts';
import { startWorkerTask, type WorkerTask } from './workerTask.ts';

/** Below this many rows the app's thread does it all: starting a worker (~0.1 s) would cost more than it saves. */
export const IMPORT_THREADS_FROM = 10_000;
const MAX_KEY_WORKERS = 3;
/** Names claimed at a time (~25 ms of pinyin). */
const KEYS_CHUNK = 1000;
/** Bounds on waiting for a worker (100k names take ~2 s, their grams ~2 s): beyond, the work is done here. */
const KEYS_TIMEOUT_MS = 60_000;
const GRAMS_TIMEOUT_MS = 60_000;
const SCRATCH = 'import_scratch';

export interface ImportThreadOptions {
  /** Rows from which workers are used (tests lower it). */
  threadsFrom?: number;
  moduleUrl?: string;
  /** Key workers (default: one per core but the app's, at least one, at most 3). */
  keyWorkers?: number;
}

/** importWorker beside this module (workerModuleUrl). */
export const importWorkerUrl = (here: string = import.meta.url): string => workerModuleUrl(here, { ts: './importWorker.ts', cjs: './importWorker.cjs' });

export interface KeysAhead {
  /**
   * The keys by name. The chunks of names no worker has started are keyed here, at once (a worker still
   * loading is not waited for); then the answers of the workers holding the other chunks are awaited. A
   * name nobody did (a worker failed) is keyed here when asked for.
   */
  lookup(): Promise<(name: string) => PackedSearchKeys>;
  /** Stops the workers still running (a preview replaced before its apply). */
  cancel(): void;
}

/**
 * Starts computing the keys of `names` (distinct) on worker threads. The names go in chunks of
 * KEYS_CHUNK, claimed one at a time from a shared counter by the workers, and by the app's thread once
 * it asks for the keys: it never waits for a worker to load (a 10k-row merge waited 0.2-0.45 s for
 * that, for names the app's thread keys in 0.2 s), and a worker slowed by a busy machine is helped.
 */
export function keysAhead(names: readonly string[], options: ImportThreadOptions = {}): KeysAhead {
  const moduleUrl = options.moduleUrl ?? importWorkerUrl();
  const parts = options.keyWorkers ?? Math.max(1, Math.min(MAX_KEY_WORKERS, availableParallelism() - 1));
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const input: KeysInput = { names, chunk: KEYS_CHUNK, claims: claims.buffer as SharedArrayBuffer };
  const tasks = Array.from({ length: parts }, () => startWorkerTask<KeyChunks>(moduleUrl, 'searchKeysForWorker', input, { timeoutMs: KEYS_TIMEOUT_MS }));
  const chunks = Math.ceil(names.length / KEYS_CHUNK);
  let table: Promise<(name: string) => PackedSearchKeys> | null = null;
  // Given up on, a worker is not terminated (workerTask.ts): claiming every chunk makes it stop after the one it is on.
  const stop = () => {
    Atomics.store(claims, 0, chunks);
    for (const task of tasks) task.cancel();
  };
  return {
    lookup() {
      table ??= (async () => {
        const known = new Map<string, PackedSearchKeys>();
        const here = packedSearchKeysByName();
        let byWorkers = chunks;
        for (let chunk = Atomics.add(claims, 0, 1); chunk < chunks; chunk = Atomics.add(claims, 0, 1)) {
          byWorkers--;
          for (const name of names.slice(chunk * KEYS_CHUNK, (chunk + 1) * KEYS_CHUNK)) known.set(name, here(name));
        }
        // Every chunk is claimed now: the answers still needed are those of the workers that claimed some.
        const pending = new Set(tasks);
        while (byWorkers > 0 && pending.size > 0) {
          const { task, answer } = await Promise.race([...pending].map((t) => t.answer.then((value) => ({ task: t, answer: value }))));
          pending.delete(task);
          if (!answer) continue;
          byWorkers -= answer.chunks.length;
          let at = 0;
          for (const chunk of answer.chunks) {
            for (const name of names.slice(chunk * KEYS_CHUNK, (chunk + 1) * KEYS_CHUNK)) {
              known.set(name, { sortKey: answer.sortKeys[at]!, pinyin: answer.pinyin[at]!, initials: answer.initials[at]!, grams: answer.grams[at]! });
              at++;
            }
          }
        }
        if (pending.size > 0) stop();
        return (name: string) => known.get(name) ?? here(name);
      })();
      return table;
    },
    cancel: stop,
  };
}

export interface GramsOffThread {
  /**
   * Hands these new customers' grams to a worker; `finish`, called in the same transaction once the
   * customers are written, waits for it and copies the grams in. It answers false when the grams must be
   * written on the app's thread after all (the worker failed or was too slow); then nothing was copied.
   * Once per import: later calls answer null.
   */
  start(customers: readonly { id: number; keys: Pick<PackedSearchKeys, 'sortKey' | 'grams'> }[]): { finish(): boolean } | null;
}

/**
 * Runs `work` (which opens the write transaction) with a scratch database attached for the grams, when
 * `enabled` and possible: ATTACH is refused inside a transaction. Detached and deleted afterwards,
 * also when `work` throws.
 */
export function withGramsOffThread<T>(db: Database.Database, enabled: boolean, work: (grams: GramsOffThread | null) => T, options: ImportThreadOptions = {}): T {
  if (!enabled || db.inTransaction) return work(null);
  let folder: string;
  try {
    folder = mkdtempSync(join(tmpdir(), 'huitou-import-'));
  } catch {
    return work(null);
  }
  const file = join(folder, 'grams.sqlite');
  let attached = false;
  const tasks: WorkerTask<number>[] = [];
  try {
    try {
      db.prepare(`ATTACH DATABASE ? AS ${SCRATCH}`).run(file);
      attached = true;
      // The book's own definition, so that the copy can move records as they are.
      const sql = db.prepare<[], string>("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = 'customer_grams'").pluck().get();
      const scratchSql = sql?.replace(/^CREATE TABLE\s+"?customer_grams"?/i, `CREATE TABLE ${SCRATCH}.customer_grams`);
      if (!scratchSql || scratchSql === sql) throw new Error('customer_grams has an unexpected definition');
      db.exec(scratchSql);
    } catch {
      return work(null);
    }
    const moduleUrl = options.moduleUrl ?? importWorkerUrl();
    return work({
      start(customers) {
        // One batch per scratch table: a second would find the first's rows there.
        if (customers.length === 0 || tasks.length > 0) return null;
        const ids = Int32Array.from(customers, (c) => c.id);
        const input: GramsInput = { file, table: 'customer_grams', ids, sortKeys: customers.map((c) => c.keys.sortKey), grams: customers.map((c) => c.keys.grams) };
        const task = startWorkerTask<number>(moduleUrl, 'writeGramsForWorker', input, { transfer: [ids.buffer as ArrayBuffer] });
        tasks.push(task);
        const deadline = Date.now() + GRAMS_TIMEOUT_MS;
        return {
          finish() {
            if (task.waitFor(deadline) === null) return false;
            try {
              db.exec(`INSERT INTO main.customer_grams SELECT * FROM ${SCRATCH}.customer_grams`);
              return true;
            } catch {
              return false; // the statement is undone by itself: the grams are written here instead
            }
          },
        };
      },
    });
  } finally {
    for (const task of tasks) task.cancel();
    if (attached) {
      try {
        db.exec(`DETACH DATABASE ${SCRATCH}`);
      } catch {
        // Still attached: harmless, and the next import detaches nothing it did not attach.
      }
    }
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A file still open (Windows) stays in the temp folder: never a reason to fail the import.
    }
  }
}
