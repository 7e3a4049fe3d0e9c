/** fileCopy.ts on real files: a copy flushed chunk by chunk off the app's thread, and a byte comparison. */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'node:fs/promises';
import { copyErrorSide, copyFileOffThread, sameBytes } from '../../electron/backend/services/data/fileCopy.ts';
import { makeTempDir } from './helpers.ts';

let dir: string;
let source: string;
beforeEach(() => {
  dir = makeTempDir('huitou-filecopy-');
  source = join(dir, 'source.bin');
  writeFileSync(source, randomBytes(300_000));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('copyFileOffThread', () => {
  it('copies every byte, a chunk at a time, reporting progress up to 1', async () => {
    const seen: number[] = [];
    const target = join(dir, 'copy.bin');
    await copyFileOffThread(source, target, { chunkBytes: 64 * 1024, flushEveryBytes: 128 * 1024, onProgress: (f) => seen.push(f) });
    expect(readFileSync(target).equals(readFileSync(source))).toBe(true);
    expect(seen).toHaveLength(5);
    expect(seen.at(-1)).toBe(1);
  });

  it('a durable copy is flushed as it goes and at the end; a throwaway one never', async () => {
    const handle = await open(source, 'r');
    const proto = Object.getPrototypeOf(handle) as { datasync: () => Promise<void>; sync: () => Promise<void> };
    await handle.close();
    const datasync = vi.spyOn(proto, 'datasync');
    const sync = vi.spyOn(proto, 'sync');
    try {
      await copyFileOffThread(source, join(dir, 'durable.bin'), { chunkBytes: 64 * 1024, flushEveryBytes: 128 * 1024 });
      expect(datasync).toHaveBeenCalledTimes(2); // after 128 KB and 256 KB of the 300 KB
      expect(sync).toHaveBeenCalledTimes(1);
      datasync.mockClear();
      sync.mockClear();
      await copyFileOffThread(source, join(dir, 'throwaway.bin'), { chunkBytes: 64 * 1024, flushEveryBytes: 128 * 1024, durable: false });
      expect(datasync).not.toHaveBeenCalled();
      expect(sync).not.toHaveBeenCalled();
    } finally {
      datasync.mockRestore();
      sync.mockRestore();
    }
  });

  it('a failed flush fails the copy with its error, said to come from the target', async () => {
    const handle = await open(source, 'r');
    const proto = Object.getPrototypeOf(handle) as { datasync: () => Promise<void> };
    await handle.close();
    const datasync = vi.spyOn(proto, 'datasync').mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      const error = await copyFileOffThread(source, join(dir, 'copy.bin'), { chunkBytes: 64 * 1024, flushEveryBytes: 64 * 1024 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EIO' });
      expect(copyErrorSide(error)).toBe('target');
    } finally {
      datasync.mockRestore();
    }
  });

  it('never writes over an existing file', async () => {
    const target = join(dir, 'copy.bin');
    writeFileSync(target, 'keep me');
    await expect(copyFileOffThread(source, target)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('stops before its next chunk when told to', async () => {
    const stop = new AbortController();
    const target = join(dir, 'copy.bin');
    const copying = copyFileOffThread(source, target, { chunkBytes: 64 * 1024, signal: stop.signal, onProgress: () => stop.abort() });
    await expect(copying).rejects.toMatchObject({ name: 'AbortError' });
    expect(readFileSync(target).length).toBe(64 * 1024);
  });

  it('a source that is gone: ENOENT, nothing written', async () => {
    const target = join(dir, 'copy.bin');
    const error = await copyFileOffThread(join(dir, 'none.bin'), target).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect(copyErrorSide(error)).toBe('source');
    expect(() => readFileSync(target)).toThrow();
  });
});

describe('sameBytes', () => {
  it('equal files, one byte changed, one byte shorter', async () => {
    const bytes = readFileSync(source);
    const other = join(dir, 'other.bin');
    writeFileSync(other, bytes);
    expect(await sameBytes(source, other)).toBe(true);
    bytes[123_456] = bytes[123_456]! ^ 1;
    writeFileSync(other, bytes);
    expect(await sameBytes(source, other)).toBe(false);
    writeFileSync(other, readFileSync(source).subarray(0, 299_999));
    expect(await sameBytes(source, other)).toBe(false);
  });

  it('says which file an error came from, as copyFileOffThread does', async () => {
    const gone = join(dir, 'gone.bin');
    expect(copyErrorSide(await sameBytes(gone, source).catch((e: unknown) => e))).toBe('source');
    expect(copyErrorSide(await sameBytes(source, gone).catch((e: unknown) => e))).toBe('target');
  });
});
