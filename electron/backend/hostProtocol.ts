/**
 * The messages between a shell and the process that holds the book (host.ts, started by hostClient.ts).
 * Both sides import only these types, so the shell's bundle never pulls in the backend.
 *
 *   parent -> child   { type: 'call', id, name, input }     one backend call; ids are the parent's own
 *                     { type: 'close' }                     close the book cleanly and exit
 *   child -> parent   { type: 'ready' }                     the book is open: calls may come
 *                     { type: 'open-failed', error }        the book could not be opened (DB_NEWER_THAN_APP...)
 *                     { type: 'reply', id, envelope }       the answer to call `id`, in the order asked
 */
import type { Envelope, ErrorInfo } from '../../shared/errors.ts';

export type ParentMessage = { type: 'call'; id: number; name: unknown; input: unknown } | { type: 'close' };

export type ChildMessage = { type: 'ready' } | { type: 'open-failed'; error: ErrorInfo } | { type: 'reply'; id: number; envelope: Envelope<unknown> };

/**
 * V8 flags of the host process, which both shells start it with (Electron: utilityProcess execArgv).
 * V8 lets a busy process grow its young generation to two 16 MB halves and keeps them: typing while a
 * backup ran took the host's heap from 27 to 60 MB (the big shop's host to 215 MB, over the 200 MB it
 * must stay under). At 2 MB a scavenge comes more often and costs less; Today's list, the collections
 * and a search took as long (p50 and p95, 100k households). Worker threads share the flags.
 */
export const HOST_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/** The argv flags the parent passes and the host reads. */
export const HOST_FLAGS = { data: '--data', appVersion: '--app-version', migrations: '--migrations' } as const;

export function hostArgs(options: { dataDir: string; appVersion: string; migrationsDir?: string }): string[] {
  const args = [HOST_FLAGS.data, options.dataDir, HOST_FLAGS.appVersion, options.appVersion];
  if (options.migrationsDir) args.push(HOST_FLAGS.migrations, options.migrationsDir);
  return args;
}
