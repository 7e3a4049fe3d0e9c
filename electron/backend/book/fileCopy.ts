/**
 * A file copied onto another device without holding up the app, and compared with its source.
 *
 * Why not copyFileSync or SQLite's own writes: a USB stick takes 10-40 MB/s, so the bytes of a big book
 * sit in the page cache and whoever flushes them waits for the stick. When that was the backup API's
 * commit, on the app's thread, the app stood still for 12 s of a 13 s backup to a 30 MB/s stick. Here
 * every read, write and flush runs on the libuv pool, and the copy never runs more than two flushes
 * ahead of the device, so what waits for the stick is this promise, not the app.
 */
import { open, type FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

export interface CopyOptions {
  /** Bytes read and written at a time (default 1 MB). */
  chunkBytes?: number;
  /** Bytes written between two flushes (default 16 chunks; one flush is in flight while the next bytes are written). */
  flushEveryBytes?: number;
  onProgress?: (fraction: number) => void;
  /** Stops the copy before its next chunk (it then throws the signal's reason). */
  signal?: AbortSignal;
}

async function writeAll(target: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length; ) {
    const { bytesWritten } = await target.write(buffer, done, length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Copies `from` to `to` (which must not exist) and flushes it to its device (fsync) before resolving.
 * Throws the error of the first read, write or flush that failed (ENOSPC, EIO, ENOENT: the caller names
 * the cause); what was written is left for the caller to remove.
 */
export async function copyFileFlushed(from: string, to: string, options: CopyOptions = {}): Promise<void> {
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const flushEvery = options.flushEveryBytes ?? 16 * chunk;
  const source = await open(from, 'r');
  let target: FileHandle | null = null;
  let flushing: Promise<void> | null = null;
  let flushFailed: unknown = null;
  try {
    target = await open(to, 'wx');
    const size = (await source.stat()).size;
    const buffer = Buffer.allocUnsafe(chunk);
    let flushedAt = 0;
    for (let position = 0; position < size; ) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await source.read(buffer, 0, Math.min(chunk, size - position), position);
      if (bytesRead === 0) throw new Error(`${from} ended at byte ${position} of ${size}`);
      await writeAll(target, buffer, bytesRead, position);
      position += bytesRead;
      if (position - flushedAt >= flushEvery) {
        await flushing;
        if (flushFailed) throw flushFailed;
        flushedAt = position;
        // Caught here so that a flush failing while a write fails too is never an unhandled rejection.
        flushing = target.datasync().catch((error: unknown) => {
          flushFailed ??= error;
        });
      }
      options.onProgress?.(position / size);
    }
    await flushing;
    if (flushFailed) throw flushFailed;
    await target.sync();
  } finally {
    await flushing;
    await target?.close().catch(() => {});
    await source.close();
  }
}

/** Whether two files hold the same bytes (read a chunk at a time off this thread). */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const first = await open(a, 'r');
  try {
    const second = await open(b, 'r');
    try {
      const size = (await first.stat()).size;
      if ((await second.stat()).size !== size) return false;
      const x = Buffer.allocUnsafe(CHUNK_BYTES);
      const y = Buffer.allocUnsafe(CHUNK_BYTES);
      for (let position = 0; position < size; position += CHUNK_BYTES) {
        const length = Math.min(CHUNK_BYTES, size - position);
        const [read1, read2] = await Promise.all([first.read(x, 0, length, position), second.read(y, 0, length, position)]);
        if (read1.bytesRead !== length || read2.bytesRead !== length) return false;
        if (!x.subarray(0, length).equals(y.subarray(0, length))) return false;
      }
      return true;
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
}
