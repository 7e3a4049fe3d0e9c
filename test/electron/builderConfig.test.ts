import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';

/** electron-builder's own schema check (what `electron-builder` runs first), offline. */
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = join(import.meta.dirname, '..', '..');
/** The parts of electron-builder.yml this test reads (the full schema is electron-builder's own validator's job). */
interface Config {
  appId: string;
  productName: string;
  icon: string;
  npmRebuild: boolean;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  win: { target: unknown };
  nsis: Record<string, unknown> & { installerLanguages: string[] };
  linux: { target: unknown; category: string };
}
const config = loadYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const validate = (candidate: unknown) => validateConfiguration(candidate, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validator", async () => {
    await expect(validate(structuredClone(config))).resolves.toBeUndefined();
  });

  it('is really checked: the validator rejects an unknown option', async () => {
    await expect(validate({ ...structuredClone(config), nsis: { ...config.nsis, oneClik: false } })).rejects.toThrow(/Invalid configuration/);
  });

  it('names the app and puts installers in release/', () => {
    expect(config.appId).toBe('com.huitou.app');
    expect(config.productName).toBe('Huitou');
    expect(config.directories.output).toBe('release');
  });

  it('packs the built renderer, the Electron bundle and package.json, and no source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json', '!dist-electron/**/*.map']));
  });

  it("packs each of the bundle's entries, the backend's process (backend.cjs) too", () => {
    // electron-builder's own matcher: a file is packed when the last pattern that matches it includes it.
    const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string): boolean };
    const packed = (file: string) =>
      (config.files as string[]).reduce(
        (kept, pattern) => (pattern.startsWith('!') ? kept && !minimatch(file, pattern.slice(1)) : kept || minimatch(file, pattern)),
        false,
      );
    for (const entry of ['main.cjs', 'preload.cjs', 'backend.cjs', 'migrations/0001_customer_book.sql'])
      expect(packed(`dist-electron/${entry}`), entry).toBe(true);
    expect(packed('dist-electron/backend.cjs.map')).toBe(false);
  });

  it('leaves out the dependencies the bundle already contains', () => {
    expect(config.files).toEqual(expect.arrayContaining(['!node_modules/zod/**', '!node_modules/pinyin-pro/**', '!node_modules/ws/**']));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packed = Object.keys(pkg.dependencies).filter((name) => !config.files.includes(`!node_modules/${name}/**`));
    // Deliberately packed: the native SQLite binding, and the spreadsheet libraries the backend loads at run time.
    expect(packed).toEqual(['better-sqlite3', 'exceljs', 'iconv-lite', 'papaparse']);
  });

  it('keeps better-sqlite3 native code outside the asar and never rebuilds it', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
  });

  it('builds a choose-your-folder NSIS installer for x64, in Chinese and English', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, language: '2052' });
    expect(config.nsis.installerLanguages).toEqual(['zh_CN', 'en_US']);
  });

  it('builds an x64 AppImage in the Office category', () => {
    expect(config.linux.target).toEqual([{ target: 'AppImage', arch: ['x64'] }]);
    expect(config.linux.category).toBe('Office');
  });

  it('points at an icon that exists and is a 512x512 PNG', () => {
    const png = readFileSync(join(root, config.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it("agrees with package.json's main entry", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });
});
