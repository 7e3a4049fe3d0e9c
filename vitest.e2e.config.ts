import { defineConfig } from 'vitest/config';
import { ramDiskEnv, workers } from './test/runSettings.ts';

/** End-to-end: the built renderer and the real backend through the browser shell, in real Chromium. */
export default defineConfig({
  test: {
    name: 'e2e',
    globals: true,
    environment: 'node',
    env: ramDiskEnv(),
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page's answer on a loaded machine (files side by side, a shell just started) can take more than
    // vitest's 1 s default: callList's "on its day" check failed 3 runs in 5 that way.
    expect: { poll: { timeout: 10_000 } },
    // Each file starts its own shell (its own port and data folder) and Chromium: they run side by side,
    // one mostly waiting for its page while another's works.
    maxWorkers: workers(),
  },
});
