/**
 * One function of a worker module, run on a thread of its own: `module[exportName](input)` returns the
 * answer (it may throw). Used where a big import's work is split over the cores (its search keys and grams). Results never depend on workers: a task that cannot
 * start, fails or takes too long answers null, and the caller does the work on the app's thread.
 *
 * The app's thread either awaits the answer (`answer`, from an async job) or blocks for it
 * (`waitFor`, from inside a synchronous transaction: Atomics.wait, then receiveMessageOnPort).
 * A worker function may also hand over part of its work before it is done: its second argument,
 * `emit(value)`, which the app's thread takes with `next` (a full recompute's ranges, written while the
 * worker plans the next ones).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const STARTED = 1;
const DONE = 2;
/** A worker that has not started by then (it could not be created, or dies loading) is given up on. */
const START_TIMEOUT_MS = 10_000;

// A tiny script rather than a file as the thread's entry: it runs even where the worker module cannot be
// loaded (it then says so at once instead of leaving the app's thread waiting), and it says when it has started.
// flags[0]: started / done; flags[1]: counts messages posted (emitted values and the answer), so that
// the app's thread can sleep until there is something to take.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.signal);
const posted = () => {
  Atomics.add(flags, 1, 1);
  Atomics.notify(flags, 1);
};
const emit = (value) => {
  workerData.port.postMessage({ emitted: value });
  posted();
};
const finish = (answer) => {
  try {
    workerData.port.postMessage(answer);
  } finally {
    Atomics.store(flags, 0, ${DONE});
    Atomics.notify(flags, 0);
    posted();
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
    return m[workerData.exportName](workerData.input, emit);
  })
  .then((value) => finish({ ok: true, value }))
  .catch(failed);
`;

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };
type Message<T, E> = Answer<T> | { emitted: E };
const isEmitted = <T, E>(message: Message<T, E>): message is { emitted: E } => 'emitted' in message;

export interface WorkerTask<T, E = never> {
  /** The answer, or null when the task failed, was cancelled or outlived `timeoutMs` (async use only). */
  readonly answer: Promise<T | null>;
  /**
   * Blocks until the answer, or null when the task failed, did not start within START_TIMEOUT_MS of its
   * start, or did not finish by `deadline` (a Date.now() time). The worker is stopped either way.
   */
  waitFor(deadline: number): T | null;
  /**
   * Blocks until the worker has emitted values not taken yet (they are returned), or has ended:
   * answered, failed, or not done by `deadline` (then `ended`, with whatever it emitted before; the
   * answer itself is then given by `waitFor`, at once).
   */
  next(deadline: number): { emitted: E[]; ended: boolean };
  /** The values emitted and not taken yet, without waiting. */
  take(): E[];
  /** Stops the worker; a pending `answer` becomes null. */
  cancel(): void;
}

/**
 * `input` is copied to the thread (structured clone: plain arrays of strings and numbers are cheap,
 * many small objects are not). `timeoutMs` bounds `answer`; `waitFor` takes its own deadline.
 */
export function startWorkerTask<T, E = never>(
  moduleUrl: string,
  exportName: string,
  input: unknown,
  options: { timeoutMs?: number; transfer?: ArrayBuffer[] } = {},
): WorkerTask<T, E> {
  const startedAt = Date.now();
  const { port1, port2 } = new MessageChannel();
  const flags = new Int32Array(new SharedArrayBuffer(8));
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
  // Emitted values not taken yet, and the answer once it has been read off the port.
  let emitted: E[] = [];
  let answered: Answer<T> | undefined;
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
  const receive = (message: Message<T, E>) => {
    if (isEmitted(message)) emitted.push(message.emitted);
    else answered = message;
  };
  /** Everything posted so far, read off the port (synchronous use: no event loop turn delivers it). */
  const drain = () => {
    if (settled) return;
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) receive(m.message as Message<T, E>);
  };

  if (!worker) stop(null);
  else {
    port1.on('message', (message: Message<T, E>) => {
      receive(message);
      if (answered) stop(valueOf(answered), true);
    });
    // A thread that ends without a word (terminated, out of memory) answers null.
    worker.once('exit', () =>
      setImmediate(() => {
        drain();
        stop(valueOf(answered));
      }),
    );
    if (options.timeoutMs !== undefined) timer = setTimeout(() => stop(null), options.timeoutMs);
  }

  function takeEmitted(): E[] {
    const taken = emitted;
    emitted = [];
    return taken;
  }

  /**
   * Sleeps until the worker posts something after `seen` (flags[1]: every emit and the answer count);
   * false at the deadline, or at the start timeout while it has not started.
   */
  function sleep(deadline: number, seen: number): boolean {
    const until = Atomics.load(flags, 0) === 0 ? Math.min(deadline, startedAt + START_TIMEOUT_MS) : deadline;
    const left = until - Date.now();
    if (left <= 0) return false;
    Atomics.wait(flags, 1, seen, left);
    return true;
  }

  return {
    answer,
    waitFor(deadline: number): T | null {
      if (settled) return null;
      try {
        // The count is read before DONE is checked: the worker stores DONE before it counts the answer.
        for (let seen = Atomics.load(flags, 1); Atomics.load(flags, 0) !== DONE; seen = Atomics.load(flags, 1)) {
          if (!sleep(deadline, seen)) return stop(null);
        }
        drain();
        return stop(valueOf(answered), true);
      } catch {
        // Atomics.wait throwing (a thread where blocking is not allowed) is a failure like any other.
        return stop(null);
      }
    },
    next(deadline: number) {
      try {
        for (;;) {
          const seen = Atomics.load(flags, 1);
          drain();
          const ended = settled || answered !== undefined;
          if (emitted.length > 0 || ended) return { emitted: takeEmitted(), ended };
          if (!sleep(deadline, seen)) {
            stop(null);
            return { emitted: [], ended: true };
          }
        }
      } catch {
        stop(null);
        return { emitted: [], ended: true };
      }
    },
    take() {
      drain();
      return takeEmitted();
    },
    cancel: () => void stop(null),
  };
}
