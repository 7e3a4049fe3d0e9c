import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { ramDiskEnv, workers } from './test/runSettings.ts';

/** Unit, backend and Electron-shell tests run in Node; UI tests in jsdom. End-to-end: vitest.e2e.config.ts. */
export default defineConfig({
  test: {
    globals: true,
    maxWorkers: workers(),
    projects: [
      {
        test: {
          name: 'node',
          globals: true,
          environment: 'node',
          env: ramDiskEnv(),
          // Real SQLite files and whole demo shops on a shared 2-core machine: generous, never flaky.
          testTimeout: 30_000,
          include: ['test/unit/**/*.test.ts', 'test/backend/**/*.test.ts', 'test/electron/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          globals: true,
          environment: 'jsdom',
          env: ramDiskEnv(),
          include: ['test/ui/**/*.test.{ts,tsx}'],
          setupFiles: ['test/ui/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
