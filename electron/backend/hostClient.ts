/**
 * The shells' side of the backend host (host.ts): starts the child, sends calls, matches the replies
 * by id. Shared by Electron's main (a utility process) and the browser shell (a forked Node process):
 * each passes a `spawn` that starts its kind of child. It never imports the backend itself, so a shell
 * holds no database.
 *
 * When the child dies unexpectedly, every call it had not answered answers BACKEND_RESTARTED (it may or
 * may not have been saved: SQLite kept or rolled back the whole transaction), a new child opens the same
 * book, and calls made meanwhile wait for it. `crashLimit` deaths within `crashWindowMs`, or a book that
 * cannot be opened, stop the restarts: every call then answers BACKEND_STOPPED (or the open error).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { HOST_V8_FLAGS, type ChildMessage, type ParentMessage } from './hostProtocol.ts';
import { AppError, type Envelope, type ErrorInfo } from '../../shared/errors.ts';

/** One started child, whatever kind: what the client needs of it. */
export interface ChildAdapter {
  /** May throw (a value that cannot be cloned). */
  post(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface BackendClientOptions {
  spawn: () => ChildAdapter;
  crashLimit?: number;
  crashWindowMs?: number;
  /** How long `close` waits for the child to close the book before killing it. */
  closeTimeoutMs?: number;
  clock?: () => number;
  /** Told of every unexpected death of the child (for the log). */
  onCrash?: (info: { code: number | null; restarting: boolean }) => void;
}

export interface BackendClient {
  /** Settles once the first child has opened the book; rejects with the AppError it could not open with. */
  ready: Promise<void>;
  dispatch(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** Asks the child to close the book and waits for it to exit; calls after this answer 'closed'. */
  close(): Promise<void>;
}

const CRASH_LIMIT = 3;
const CRASH_WINDOW_MS = 60_000;
const CLOSE_TIMEOUT_MS = 10_000;

const failure = (code: ErrorInfo['code'], message: string): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code, message } });
const closedBook = () => failure('INTERNAL', 'the book is closed');

interface Running {
  child: ChildAdapter;
  exited: Promise<void>;
}

type State = { kind: 'starting' } | { kind: 'ready' } | { kind: 'stopped'; error: ErrorInfo } | { kind: 'closed' };

/** Why a book cannot be opened that no second try can change. */
const PERMANENT_OPEN_FAILURES: ReadonlySet<ErrorInfo['code']> = new Set(['DB_NEWER_THAN_APP', 'DB_FOREIGN']);

export function startBackendClient(options: BackendClientOptions): BackendClient {
  const crashLimit = options.crashLimit ?? CRASH_LIMIT;
  const crashWindowMs = options.crashWindowMs ?? CRASH_WINDOW_MS;
  const clock = options.clock ?? Date.now;
  let state: State = { kind: 'starting' };
  /** The child started last; null only when none could be started. */
  let running: Running | null = null;
  let nextId = 1;
  const inFlight = new Map<number, (envelope: Envelope<unknown>) => void>();
  /** Calls made while a child is starting: sent once it is ready. */
  const waiting: { name: unknown; input: unknown; answer: (envelope: Envelope<unknown>) => void }[] = [];
  const crashes: number[] = [];

  let settleReady!: (error?: ErrorInfo) => void;
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    settleReady = (error) => (error ? rejectReady(AppError.fromInfo(error)) : resolveReady());
  });
  // Nobody need wait for `ready`: a failed first open is also answered to every call.
  ready.catch(() => {});

  const answerAll = (envelope: Envelope<unknown>) => {
    for (const answer of inFlight.values()) answer(envelope);
    inFlight.clear();
    for (const call of waiting.splice(0)) call.answer(envelope);
  };

  const send = (name: unknown, input: unknown, answer: (envelope: Envelope<unknown>) => void) => {
    const id = nextId++;
    inFlight.set(id, answer);
    try {
      running!.child.post({ type: 'call', id, name, input });
    } catch (error) {
      inFlight.delete(id);
      answer(failure('INTERNAL', `the call could not be sent: ${error instanceof Error ? error.message : String(error)}`));
    }
  };

  const stop = (error: ErrorInfo) => {
    state = { kind: 'stopped', error };
    settleReady(error);
    answerAll({ ok: false, error });
  };

  const onMessage = (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const m = message as ChildMessage;
    if (m.type === 'reply') {
      const answer = inFlight.get(m.id);
      inFlight.delete(m.id);
      answer?.(m.envelope);
    } else if (m.type === 'ready' && state.kind === 'starting') {
      state = { kind: 'ready' };
      settleReady();
      for (const call of waiting.splice(0)) send(call.name, call.input, call.answer);
    } else if (m.type === 'open-failed' && state.kind === 'starting') {
      // A newer or foreign book would fail again: stop here. Anything else (the book locked by the other shell's
      // long write, a virus scanner holding the file) may pass: the child goes, and its exit counts as a crash,
      // so it is opened again until the crash limit says otherwise.
      if (PERMANENT_OPEN_FAILURES.has(m.error.code)) stop(m.error);
      running!.child.kill();
    }
  };

  const onCrash = (code: number | null) => {
    const now = clock();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > crashWindowMs) crashes.shift();
    const restarting = crashes.length < crashLimit;
    // Answered before a new child starts, so that a call never waits on a child that will not answer.
    for (const answer of inFlight.values()) answer(failure('BACKEND_RESTARTED', `the backend stopped (exit code ${code}) and was restarted`));
    inFlight.clear();
    if (restarting) launch();
    else stop({ code: 'BACKEND_STOPPED', message: `the backend stopped ${crashes.length} times within ${crashWindowMs} ms and is not restarted` });
    // Last: a call made from here already goes to the new child (or is answered BACKEND_STOPPED).
    options.onCrash?.({ code, restarting });
  };

  function launch() {
    state = { kind: 'starting' };
    let child: ChildAdapter;
    try {
      child = options.spawn();
    } catch (error) {
      // No child to wait for (its file missing, no process to be had): there is nothing to restart.
      stop({ code: 'BACKEND_STOPPED', message: `the backend could not be started: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    let exited!: () => void;
    const current: Running = { child, exited: new Promise((done) => (exited = done)) };
    running = current;
    child.onMessage((message) => {
      if (running === current) onMessage(message);
    });
    child.onExit((code) => {
      exited();
      if (running === current && (state.kind === 'starting' || state.kind === 'ready')) onCrash(code);
    });
  }

  launch();

  let closing: Promise<void> | null = null;
  return {
    ready,
    dispatch: (name, input) => {
      if (state.kind === 'closed') return Promise.resolve(closedBook());
      if (state.kind === 'stopped') return Promise.resolve({ ok: false, error: state.error });
      return new Promise((answer) => {
        if (state.kind === 'ready') send(name, input, answer);
        else waiting.push({ name, input, answer });
      });
    },
    close: () => {
      if (closing) return closing;
      state = { kind: 'closed' };
      // Closed before the book was open: whoever waits for it is not left waiting.
      settleReady(closedBook().error);
      for (const call of waiting.splice(0)) call.answer(closedBook());
      if (!running) return (closing = Promise.resolve());
      const { child, exited } = running;
      try {
        child.post({ type: 'close' });
      } catch {
        child.kill();
      }
      const timer = setTimeout(() => child.kill(), options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
      closing = exited.then(() => {
        clearTimeout(timer);
        // Replies come before the child exits; anything still open never will.
        answerAll(closedBook());
      });
      return closing;
    },
  };
}

/**
 * What a shell says, in both languages, when the book cannot be opened (`ready` rejected): one sentence
 * for the cases a shopkeeper can act on, the error's own message otherwise.
 */
export function openFailureSentence(error: unknown): string {
  if (error instanceof AppError && error.code === 'DB_NEWER_THAN_APP') {
    return "This shop's data was saved by a newer Huitou. Please update the app first. / 数据来自更新版本的回头客，请先升级软件。";
  }
  if (error instanceof AppError && error.code === 'DB_FOREIGN') return "The data folder holds a database that is not Huitou's. / 数据文件不是回头客的数据库。";
  if (error instanceof AppError && error.code === 'BACKEND_STOPPED') return 'The data engine could not start. / 数据引擎无法启动。';
  return error instanceof Error ? error.message : String(error);
}

/**
 * A Node child running `modulePath` (hostProcess.ts) with child_process.fork. 'advanced' serialization
 * is the structured clone Electron's IPC and utility processes use, so both shells carry the same values.
 */
export function forkChild(modulePath: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildAdapter & { process: ChildProcess } {
  const child = fork(modulePath, [...args], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
    execArgv: [...process.execArgv, ...HOST_V8_FLAGS],
  });
  // Sending to a child that has just died fails on the channel; its exit is what the client acts on.
  child.on('error', () => {});
  return {
    process: child,
    post: (message) => {
      child.send(message, () => {});
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
