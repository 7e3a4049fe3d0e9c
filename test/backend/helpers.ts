import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../electron/backend/backend.ts';
import type { CallName, CallOutput } from '../../shared/contract.ts';

export interface TestBackend extends Backend {
  dataDir: string;
  /** Calls through dispatch (the real gate) and returns the data, failing the test on an error envelope. */
  call<N extends CallName>(name: N, input: unknown): CallOutput<N>;
  dispose(): void;
}

/** A real backend on a real SQLite file in a fresh temp folder; today is pinned unless `now` is given. */
export function makeBackend(options: Partial<BackendOptions> = {}): TestBackend {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'huitou-test-'));
  const backend = openBackend({ now: () => new Date('2026-11-22T10:00:00'), validateOutput: true, ...options, dataDir });
  return {
    ...backend,
    dataDir,
    call<N extends CallName>(name: N, input: unknown): CallOutput<N> {
      const result = backend.dispatch(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.data as CallOutput<N>;
    },
    dispose() {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
