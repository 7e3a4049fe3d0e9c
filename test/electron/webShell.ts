import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebShell, type WebShell } from '../../electron/web/server.ts';
import type { Envelope } from '../../shared/errors.ts';
import type { TestBackend } from '../backend/helpers.ts';

/**
 * The browser shell's server in front of a test backend, serving a one-line page from the backend's own
 * folder (the renderer need not be built). `dispatch` defaults to the backend's.
 */
export function shellOver(
  backend: TestBackend,
  dispatch: (name: unknown, input: unknown) => Promise<Envelope<unknown>> = async (name, input) => backend.dispatch(name, input),
): Promise<WebShell> {
  const rendererDir = join(backend.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  return startWebShell({ dispatch, rendererDir });
}
