/**
 * PRAGMA integrity_check of a whole file takes seconds on a big book (about 1.5 s for 40 MB, most of
 * a backup's time): run it on a worker thread so the app keeps answering while a backup is verified.
 * The worker is inline source that requires better-sqlite3 by its resolved path, so it works from the
 * sources and from the bundled main.cjs alike; when a worker cannot start, the check runs here.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

const INTEGRITY_CHECK = 'PRAGMA integrity_check(20)';
const MAX_CHECK_CACHE_KIB = 256 * 1024;

/**
 * The page cache (KiB) of the connection that checks `file`. integrity_check looks each row of a table
 * up in every index of it, in rowid order: reads all over the indexes. With SQLite's 2 MB default each
 * lookup is a read() from the OS cache; with room for the biggest table's indexes (sales: 120 MB of the
 * big shop's 445 MB) the check of that book took 10 s of CPU instead of 14. Half the file, at most
 * 256 MB, and only while the check runs. Not mmap instead: reading a mapped file on a stick pulled out
 * kills the process (SIGBUS) where read() returns an error.
 */
export function checkCacheKiB(file: string): number {
  return Math.min(MAX_CHECK_CACHE_KIB, Math.ceil(statSync(file).size / 2048));
}

/** integrity_check on an open connection, with the cache above; ['ok'] when sound. */
export function integrityCheckOf(db: Database.Database, file: string): string[] {
  db.pragma(`cache_size = -${checkCacheKiB(file)}`);
  return db.prepare(INTEGRITY_CHECK).pluck().all() as string[];
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('cache_size = -' + workerData.cacheKiB);
  parentPort.postMessage({ ok: true, rows: db.prepare(workerData.sql).pluck().all() });
} catch (error) {
  parentPort.postMessage({ ok: false, code: error && error.code, message: String(error && error.message) });
} finally {
  if (db) db.close();
}
`;

export function integrityCheckHere(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return integrityCheckOf(db, file);
  } finally {
    db.close();
  }
}

/** The rows integrity_check returns (['ok'] when sound); rejects with SQLite's error (e.g. SQLITE_CORRUPT). */
export function integrityCheckOffThread(file: string): Promise<string[]> {
  let sqlitePath: string;
  try {
    sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return Promise.resolve().then(() => integrityCheckHere(file));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      try {
        resolve(integrityCheckHere(file));
      } catch (error) {
        reject(error);
      }
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlitePath, sql: INTEGRITY_CHECK, cacheKiB: checkCacheKiB(file) } });
    } catch {
      fallback();
      return;
    }
    worker.once('message', (answer: { ok: boolean; rows?: string[]; code?: string; message?: string }) => {
      if (settled) return;
      settled = true;
      if (answer.ok) resolve(answer.rows!);
      else reject(Object.assign(new Error(answer.message ?? 'integrity_check failed'), { code: answer.code }));
      void worker.terminate();
    });
    // The worker itself failed (could not load the module...): do the check here instead.
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
