/**
 * PRAGMA integrity_check of a whole file takes seconds on a big book (about 1.5 s for 40 MB, most of
 * a backup's time): run it on a worker thread so the app keeps answering while a backup is verified.
 * The worker is inline source that requires better-sqlite3 by its resolved path, so it works from the
 * sources and from the bundled main.cjs alike; when a worker cannot start, the check runs here.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  parentPort.postMessage({ ok: true, rows: db.prepare('PRAGMA integrity_check(20)').pluck().all() });
} catch (error) {
  parentPort.postMessage({ ok: false, code: error && error.code, message: String(error && error.message) });
} finally {
  if (db) db.close();
}
`;

export function integrityCheckHere(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
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
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlitePath } });
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
