import { defineConfig } from 'vitest/config';
import { ramDiskEnv } from './test/ramDisk.ts';

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
    // Two files at a time, each with its own shell (its own port and data folder) and Chromium: on 2 cores
    // one file mostly waits for its page while the other's works (vitest's default there is one worker).
    maxWorkers: 2,
  },
});
