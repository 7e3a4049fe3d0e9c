/**
 * One function of a worker module, run on a thread of its own: `module[exportName](input)` returns the
 * answer (it may throw). Used where a big book's work is split over the cores (a full recompute's
 * ranges, an import's search keys and grams). Results never depend on workers: a task that cannot
 * start, fails or takes too long answers null, and the caller does the work on the app's thread.
 *
 * The app's thread either awaits the answer (`answer`, from an async job) or blocks for it
 * (`waitFor`, from inside a synchronous transaction: Atomics.wait, then receiveMessageOnPort).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const STARTED = 1;
const DONE = 2;
/** A worker that has not started by then (it could not be created, or dies loading) is given up on. */
const START_TIMEOUT_MS = 10_000;

/**
 * The URL of a worker module beside the calling module (`here`: that module's own URL): its .ts file when
 * run from the sources, its .cjs file in the built app, where every module's URL is main.cjs
 * (vite.electron.config.ts). The file names stay literal so that the bundle names the files it needs.
 */
export function workerModuleUrl(here: string, files: { ts: string; cjs: string }): string {
  return new URL(here.endsWith('.ts') ? files.ts : files.cjs, here).href;
}

// A tiny script rather than a file as the thread's entry: it runs even where the worker module cannot be
// loaded (it then says so at once instead of leaving the app's thread waiting), and it says when it has started.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.signal);
const finish = (answer) => {
  try {
    workerData.port.postMessage(answer);
  } finally {
    Atomics.store(flags, 0, ${DONE});
    Atomics.notify(flags, 0);
  }
};
const failed = (error) => finish({ ok: false, message: String((error && error.message) || error) });
// Whatever goes wrong, the app's thread is told at once instead of waiting out its deadline.
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);
Atomics.store(flags, 0, ${STARTED});
Atomics.notify(flags, 0);
// The built app's worker is CommonJS: required (Electron's require reads inside app.asar); the sources are imported.
const load = workerData.moduleUrl.endsWith('.cjs')
  ? Promise.resolve().then(() => require(require('node:url').fileURLToPath(workerData.moduleUrl)))
  : import(workerData.moduleUrl);
load
  .then((m) => {
    if (typeof m[workerData.exportName] !== 'function') throw new Error('the worker module has no ' + workerData.exportName);
    return m[workerData.exportName](workerData.input);
  })
  .then((value) => finish({ ok: true, value }))
  .catch(failed);
`;

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

export interface WorkerTask<T> {
  /** The answer, or null when the task failed, was cancelled or outlived `timeoutMs` (async use only). */
  readonly answer: Promise<T | null>;
  /**
   * Blocks until the answer, or null when the task failed, did not start within START_TIMEOUT_MS of its
   * start, or did not finish by `deadline` (a Date.now() time). The worker is stopped either way.
   */
  waitFor(deadline: number): T | null;
  /** Stops the worker; a pending `answer` becomes null. */
  cancel(): void;
}

/**
 * `input` is copied to the thread (structured clone: plain arrays of strings and numbers are cheap,
 * many small objects are not). `timeoutMs` bounds `answer`; `waitFor` takes its own deadline.
 */
export function startWorkerTask<T>(moduleUrl: string, exportName: string, input: unknown, options: { timeoutMs?: number; transfer?: ArrayBuffer[] } = {}): WorkerTask<T> {
  const startedAt = Date.now();
  const { port1, port2 } = new MessageChannel();
  const flags = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  try {
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { moduleUrl, exportName, input, signal: flags.buffer, port: port2 },
      transferList: [port2, ...(options.transfer ?? [])],
    });
    // Its own errors arrive as its answer; an 'error' event would only repeat one (and must not crash the app).
    worker.on('error', () => {});
  } catch {
    worker = null;
  }

  let settled = false;
  let resolveAnswer: (value: T | null) => void = () => {};
  const answer = new Promise<T | null>((resolve) => (resolveAnswer = resolve));
  let timer: NodeJS.Timeout | undefined;

  // `answered`: the thread has posted its answer and is done with native code. Only then is it
  // terminated: a thread stopped while it loads better-sqlite3 or runs a statement aborts the whole
  // process (Node's fatal "napi_get_last_error_info"). One given up on (late, cancelled) runs to its
  // end unheard instead, without keeping the process alive.
  function stop(value: T | null, answered = false): T | null {
    if (!settled) {
      settled = true;
      if (timer) clearTimeout(timer);
      port1.close();
      if (answered) void worker?.terminate();
      else worker?.unref();
      resolveAnswer(value);
    }
    return value;
  }
  const valueOf = (message: Answer<T> | undefined) => (message?.ok ? message.value : null);

  if (!worker) stop(null);
  else {
    port1.once('message', (message: Answer<T>) => stop(valueOf(message), true));
    // A thread that ends without a word (terminated, out of memory) answers null.
    worker.once('exit', () => setImmediate(() => stop(valueOf(receiveMessageOnPort(port1)?.message as Answer<T> | undefined))));
    if (options.timeoutMs !== undefined) timer = setTimeout(() => stop(null), options.timeoutMs);
  }

  return {
    answer,
    waitFor(deadline: number): T | null {
      if (settled) return null;
      try {
        for (let state = Atomics.load(flags, 0); state !== DONE; state = Atomics.load(flags, 0)) {
          const until = state === 0 ? Math.min(deadline, startedAt + START_TIMEOUT_MS) : deadline;
          const left = until - Date.now();
          if (left <= 0) return stop(null);
          Atomics.wait(flags, 0, state, left);
        }
        return stop(valueOf(receiveMessageOnPort(port1)?.message as Answer<T> | undefined), true);
      } catch {
        // Atomics.wait throwing (a thread where blocking is not allowed) is a failure like any other.
        return stop(null);
      }
    },
    cancel: () => void stop(null),
  };
}
