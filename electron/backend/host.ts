/**
 * The process that holds the shop's book: it opens the backend, answers calls that come as messages
 * (hostProtocol.ts) and runs the automatic local backups. Both shells start it as a child (Electron as
 * a utility process, the browser shell with child_process.fork: hostProcess.ts), so a crash in the
 * backend (a native module, a runaway job) takes down this process only, and the shell restarts it.
 * Dispatch stays synchronous in here: calls are answered one at a time, in the order they came.
 */
import { resolve } from 'node:path';
import type { Backend, BackendOptions } from './backend.ts';
import { flagValue } from './dataDir.ts';
import { HOST_FLAGS, type ChildMessage, type ParentMessage } from './hostProtocol.ts';
import { errorInfoOf, type Envelope } from '../../shared/errors.ts';

/** The host's end of the channel to its parent. */
export interface HostPort {
  post(message: ChildMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

export type HostOptions = Pick<BackendOptions, 'dataDir' | 'appVersion' | 'migrationsDir' | 'now' | 'onInternalError'>;

/**
 * HUITOU_NOW=2026-11-22T09:00:00 pins the shop's clock (end-to-end tests, demos of a given day).
 * The pinned instant advances with real time, so timestamps still order.
 */
function clockFromEnv(value: string | undefined): { now?: () => Date } {
  if (!value) return {};
  const pinned = new Date(value).getTime();
  if (Number.isNaN(pinned)) throw new Error(`HUITOU_NOW is not a date: ${value}`);
  const started = Date.now();
  return { now: () => new Date(pinned + (Date.now() - started)) };
}

export function hostOptionsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): HostOptions {
  const dataDir = flagValue(argv, HOST_FLAGS.data);
  if (!dataDir) throw new Error(`the backend host needs ${HOST_FLAGS.data} DIR`);
  const migrationsDir = flagValue(argv, HOST_FLAGS.migrations);
  return {
    dataDir: resolve(dataDir),
    appVersion: flagValue(argv, HOST_FLAGS.appVersion) ?? '0.0.0',
    ...(migrationsDir ? { migrationsDir } : {}),
    ...clockFromEnv(env.HUITOU_NOW),
    onInternalError: (name, error) => console.error(`[huitou] ${name} failed:`, error),
  };
}

function isParentMessage(message: unknown): message is ParentMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, id } = message as { type?: unknown; id?: unknown };
  return type === 'close' || (type === 'call' && typeof id === 'number');
}

export interface ServedBackend {
  /** Stops the backup timer and closes the book; safe to call twice. */
  close(): void;
  /**
   * The same, once the long jobs running now have finished (at most `graceMs`): a job's thread torn down inside
   * SQLite aborts the process, and an export cut off leaves its temp file on the stick.
   */
  closeWhenIdle(graceMs?: number): Promise<void>;
}

/**
 * When the app is quiet enough for a long job of its own (the automatic backup): after the first calls,
 * `quietMs` without another. At start that is once the first screen is drawn (the renderer draws as its
 * answers arrive); later, a pause in the shop's work. No wait lasts longer than `maxWaitMs` (a window
 * that never called, a shop that never pauses).
 */
export function quietGate(quietMs: number, maxWaitMs: number) {
  let lastCall: number | null = null;
  const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref?.());
  return {
    called() {
      lastCall = performance.now();
    },
    async whenQuiet(): Promise<void> {
      const started = performance.now();
      for (;;) {
        const now = performance.now();
        const waited = now - started;
        if (waited >= maxWaitMs || (lastCall !== null && now - lastCall >= quietMs)) return;
        await sleep(Math.min(lastCall === null ? quietMs : quietMs - (now - lastCall), maxWaitMs - waited));
      }
    },
  };
}

/**
 * The automatic backup waits for this much quiet: at 100k households the big shop's backup, started with
 * the app, took the backend to 450 MB and every keystroke of the first screen waited for it.
 */
export const BACKUP_QUIET = { quietMs: 3_000, maxWaitMs: 120_000 };

/** How long a closing backend lets its running jobs finish; within the shells' wait for it (10 s). */
const JOB_GRACE_MS = 5_000;

/**
 * Opens the book (`open`, e.g. openBackend with hostOptionsFrom) and serves it on `port`. Anything
 * `open` throws (a bad option too) is said to the parent as 'open-failed'. A 'close' message closes
 * the book, then calls `onClose` (the process entry exits there).
 */
export function serveBackend(port: HostPort, open: () => Backend, onClose: () => void = () => {}, quiet = BACKUP_QUIET): ServedBackend {
  let backend: Backend | null = null;
  const gate = quietGate(quiet.quietMs, quiet.maxWaitMs);
  let autoBackups: { stop(): void } | null = null;
  const served: ServedBackend = {
    close() {
      autoBackups?.stop();
      autoBackups = null;
      backend?.close();
      backend = null;
    },
    async closeWhenIdle(graceMs = JOB_GRACE_MS) {
      autoBackups?.stop();
      autoBackups = null;
      if (backend) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((done) => (timer = setTimeout(done, graceMs)));
        await Promise.race([backend.book.jobs.settled(), grace]);
        clearTimeout(timer);
      }
      served.close();
    },
  };

  const reply = (id: number, envelope: Envelope<unknown>) => {
    try {
      port.post({ type: 'reply', id, envelope });
    } catch (error) {
      // An answer that cannot cross the channel (it cannot be cloned) still answers, as an error.
      port.post({
        type: 'reply',
        id,
        envelope: { ok: false, error: { code: 'INTERNAL', message: `the answer could not be sent: ${errorInfoOf(error).message}` } },
      });
    }
  };

  port.onMessage((message) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'close') {
      void served.closeWhenIdle().then(onClose);
      return;
    }
    gate.called();
    const envelope = backend
      ? backend.dispatch(message.name, message.input)
      : { ok: false as const, error: { code: 'INTERNAL' as const, message: 'the book is closed' } };
    reply(message.id, envelope);
  });

  try {
    backend = open();
  } catch (error) {
    port.post({ type: 'open-failed', error: errorInfoOf(error) });
    return served;
  }
  // Automatic local backups in <data>/backups: once the first screen is drawn if the last is a few hours
  // old, then as the shop works, each in a pause of its work.
  autoBackups = backend.startAutomaticBackups({
    whenQuiet: gate.whenQuiet,
    onError: (error) => console.error('[huitou] automatic backup failed:', error),
  });
  port.post({ type: 'ready' });
  return served;
}
