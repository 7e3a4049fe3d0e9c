import { defineConfig } from 'vitest/config';

/** End-to-end: the built renderer and the real backend through the browser shell, in real Chromium. */
export default defineConfig({
  test: {
    name: 'e2e',
    globals: true,
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
