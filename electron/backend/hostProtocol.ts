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

/** The argv flags the parent passes and the host reads. */
export const HOST_FLAGS = { data: '--data', appVersion: '--app-version', migrations: '--migrations' } as const;

export function hostArgs(options: { dataDir: string; appVersion: string; migrationsDir?: string }): string[] {
  const args = [HOST_FLAGS.data, options.dataDir, HOST_FLAGS.appVersion, options.appVersion];
  if (options.migrationsDir) args.push(HOST_FLAGS.migrations, options.migrationsDir);
  return args;
}
