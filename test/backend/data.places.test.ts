/**
 * The browser shell's picker on real folders: the places it offers (backups/, exports/, folders used
 * lately, home) and the listing of one folder under them; anything else, a ".." or a link that leads
 * out included, is refused and nothing is read.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBackend, makeTempDir, type TestBackend } from './helpers.ts';

let b: TestBackend;
let home: string;
let outside: string;
const realHome = process.env.HOME;
beforeEach(() => {
  home = makeTempDir('huitou-home-');
  outside = makeTempDir('huitou-outside-');
  process.env.HOME = home;
  b = makeBackend();
  b.call('shop.startEmpty', { shopName: '老王粮油', language: 'zh-CN' });
});
afterEach(() => {
  process.env.HOME = realHome;
  b.dispose();
  rmSync(home, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const kinds = () => b.call('data.places', {}).map((p) => [p.kind, p.path]);

describe('data.places', () => {
  it("offers the data folder's backups/ and exports/ (made when missing) and the home folder", () => {
    expect(kinds()).toEqual(
      expect.arrayContaining([
        ['backups', join(b.dataDir, 'backups')],
        ['exports', join(b.dataDir, 'exports')],
        ['home', home],
      ]),
    );
    expect(kinds().filter(([kind]) => kind === 'recent')).toEqual([]);
  });

  it('remembers the folders an export, an import and a backup were started with, newest first', async () => {
    const stick = join(outside, 'U盘');
    mkdirSync(stick);
    writeFileSync(join(outside, '客户.csv'), '姓名,电话\n王芳,13812340000\n');
    b.call('data.startExport', { folder: stick, tables: ['customers'], formats: ['csv'] });
    b.call('data.startImportPreview', { file: join(outside, '客户.csv') });
    expect(kinds().filter(([kind]) => kind === 'recent')).toEqual([
      ['recent', outside],
      ['recent', stick],
    ]);
    // A sheet that is not there leaves its folder out.
    b.call('data.startImportPreview', { file: join(home, 'Downloads', '没有.csv') });
    expect(kinds().filter(([kind]) => kind === 'recent')).toHaveLength(2);
    // A folder that went away (a stick taken out) is not offered.
    rmSync(stick, { recursive: true, force: true });
    expect(kinds().filter(([kind]) => kind === 'recent')).toEqual([['recent', outside]]);
  });
});

describe('data.browse', () => {
  beforeEach(() => {
    mkdirSync(join(home, 'Desktop', '账本'), { recursive: true });
    writeFileSync(join(home, 'Desktop', '客户名单.xlsx'), 'x');
    writeFileSync(join(home, 'Desktop', '说明.txt'), 'x');
    writeFileSync(join(home, 'Desktop', '.隐藏.xlsx'), 'x');
    writeFileSync(join(outside, '秘密.xlsx'), 'x');
  });

  it('lists folders first, then the files of the extensions asked, hidden ones left out', () => {
    const desktop = b.call('data.browse', { path: join(home, 'Desktop'), show: 'files', extensions: ['xlsx', 'csv'] });
    expect(desktop).toMatchObject({ path: join(home, 'Desktop'), parent: home, truncated: false });
    expect(desktop.entries.map((e) => [e.kind, e.name])).toEqual([
      ['folder', '账本'],
      ['file', '客户名单.xlsx'],
    ]);
    expect(desktop.entries[1]).toMatchObject({ path: join(home, 'Desktop', '客户名单.xlsx'), sizeBytes: 1 });
    expect(b.call('data.browse', { path: join(home, 'Desktop'), show: 'folders' }).entries.map((e) => e.name)).toEqual(['账本']);
    // At a place's top there is no going up.
    expect(b.call('data.browse', { path: home, show: 'folders' }).parent).toBeNull();
  });

  it('refuses a folder outside the places, through "..", and through a link that leads out', () => {
    symlinkSync(outside, join(home, 'Desktop', '出口'));
    for (const path of [outside, join(home, '..'), join(home, 'Desktop', '出口'), '/etc']) {
      expect(b.callError('data.browse', { path, show: 'files' }).code).toBe('FOLDER_NOT_OFFERED');
    }
    // The link is still listed (it is a folder): opening it is what is refused.
    expect(b.call('data.browse', { path: join(home, 'Desktop'), show: 'folders' }).entries.map((e) => e.name)).toContain('出口');
  });

  it('says a missing folder, a file, or a relative path cannot be opened; odd extensions are VALIDATION', () => {
    expect(b.callError('data.browse', { path: join(home, 'gone'), show: 'files' }).code).toBe('FOLDER_UNAVAILABLE');
    expect(b.callError('data.browse', { path: join(home, 'Desktop', '客户名单.xlsx'), show: 'files' }).code).toBe('FOLDER_UNAVAILABLE');
    expect(b.callError('data.browse', { path: 'Desktop', show: 'files' }).code).toBe('FOLDER_UNAVAILABLE');
    expect(b.callError('data.browse', { path: home, show: 'files', extensions: ['../x'] }).code).toBe('VALIDATION');
  });
});
