/**
 * Builds the Electron shell into dist-electron/:
 *   main.cjs     electron/main/main.ts: window, menu, dialogs, printing; no database
 *   backend.cjs  electron/backend/hostProcess.ts, the backend's utility process, which main starts
 *                (better-sqlite3 and the spreadsheet libraries stay requires: see `runtimeDependencies`)
 *   preload.cjs  electron/preload/preload.ts, self-contained: a sandboxed preload can require
 *                nothing but 'electron', so it must be one CommonJS file with no shared chunks
 *   jobThread.cjs  electron/backend/jobs/jobThread.ts, loaded by the thread of each long job (a
 *                backup's integrity check, a big book's recompute, reading an import's file: jobWorker.ts
 *                finds it beside backend.cjs), and its jobThread-*.cjs chunks: each job's module is
 *                required at its first run, so a backup's check loads 20 KB, not the 800 KB of every job
 *                (zod, pinyin-pro: the check's thread took 29 MB more than an empty thread, now 7)
 *   migrations/  the backend's .sql files, which main passes to the backend process
 * One environment per entry, built one after the other, so the entries never share a chunk.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
export const defaultOutDir = join(root, 'dist-electron');
const migrationsSource = join(root, 'electron', 'backend', 'db', 'migrations');

/**
 * Required at run time from node_modules (electron-builder packs them), never bundled: better-sqlite3
 * is native; exceljs, papaparse and iconv-lite are large, loaded lazily (exceljs only when a sheet is
 * read or written) and keep their own package layout (iconv-lite's encoding tables).
 */
export const runtimeDependencies = ['better-sqlite3', 'exceljs', 'iconv-lite', 'papaparse'];

const external = ['electron', ...runtimeDependencies, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export function copyMigrations(to: string, from = migrationsSource): string[] {
  mkdirSync(to, { recursive: true });
  const files = readdirSync(from).filter((file) => file.endsWith('.sql'));
  for (const file of files) copyFileSync(join(from, file), join(to, file));
  return files;
}

function copyMigrationsPlugin(outDir: string): Plugin {
  return {
    name: 'huitou-copy-migrations',
    applyToEnvironment: (environment) => environment.name === 'main',
    closeBundle() {
      copyMigrations(join(outDir, 'migrations'));
    },
  };
}

/** `chunks`: dynamic imports become files of their own beside the entry (not a subfolder: `__dirname` stays). */
function cjsBuild(outDir: string, entry: string, fileName: string, emptyOutDir: boolean, chunks = false) {
  return {
    // Bundle every dependency (zod, pinyin-pro...) except those listed in `external`.
    resolve: { noExternal: true as const, external: runtimeDependencies },
    build: {
      outDir,
      emptyOutDir,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: join(root, entry),
        external,
        platform: 'node' as const,
        output: {
          format: 'cjs' as const,
          entryFileNames: fileName,
          ...(chunks ? { chunkFileNames: fileName.replace(/\.cjs$/, '-[name]-[hash].cjs') } : {}),
          codeSplitting: chunks,
        },
      },
    },
  };
}

/** The whole build, into `outDir` (tests build into a scratch folder). */
export function electronBuildConfig(outDir: string = defaultOutDir): UserConfig {
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    plugins: [copyMigrationsPlugin(outDir)],
    environments: {
      main: { consumer: 'server', ...cjsBuild(outDir, 'electron/main/main.ts', 'main.cjs', true) },
      preload: { consumer: 'server', ...cjsBuild(outDir, 'electron/preload/preload.ts', 'preload.cjs', false) },
      backend: { consumer: 'server', ...cjsBuild(outDir, 'electron/backend/hostProcess.ts', 'backend.cjs', false) },
      jobThread: { consumer: 'server', ...cjsBuild(outDir, 'electron/backend/jobs/jobThread.ts', 'jobThread.cjs', false, true) },
    },
    builder: {
      async buildApp(builder) {
        await builder.build(builder.environments.main!);
        await builder.build(builder.environments.preload!);
        await builder.build(builder.environments.backend!);
        await builder.build(builder.environments.jobThread!);
      },
    },
  };
}

export default defineConfig(electronBuildConfig());
