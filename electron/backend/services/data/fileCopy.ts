/**
 * A file copied without holding up the app (onto a USB stick, or off one), and compared with its source.
 *
 * Why not copyFileSync or SQLite's own writes: a USB stick takes 10-40 MB/s, so a big book's copy takes
 * seconds whichever way it goes, and whoever waits for it should not be the app's thread. When the
 * backup API's commit waited for a 30 MB/s stick on the app's thread, the app stood still for 12 s of a
 * 13 s backup. Here every read, write and flush runs on the libuv pool, and a durable copy never runs
 * more than two flushes ahead of its device, so what waits for the stick is this promise, not the app.
 */
import { open, type FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

export interface CopyOptions {
  /** Bytes read and written at a time (default 1 MB). */
  chunkBytes?: number;
  /**
   * Flushed to its device as it is written and at the end (default true); false for a copy that only
   * lives until it is checked, or that its caller flushes itself.
   */
  durable?: boolean;
  /** Bytes written between two flushes (default 16 chunks; one flush is in flight while the next bytes are written). */
  flushEveryBytes?: number;
  onProgress?: (fraction: number) => void;
  /** Stops the copy before its next chunk (it then throws the signal's reason). */
  signal?: AbortSignal;
}

/** Which file an error of copyFileOffThread came from: the caller may blame different devices. */
export type CopySide = 'source' | 'target';

export function copyErrorSide(error: unknown): CopySide | null {
  return ((error as { copySide?: CopySide } | null)?.copySide as CopySide | undefined) ?? null;
}

/** Runs `io`, marking what it throws as coming from `side`. */
async function on<T>(side: CopySide, io: () => Promise<T>): Promise<T> {
  try {
    return await io();
  } catch (error) {
    if (error && typeof error === 'object' && !('copySide' in error)) Object.assign(error, { copySide: side });
    throw error;
  }
}

/** Writes `length` bytes of `buffer` at `position`, however many writes the device takes for them. */
export async function writeAll(target: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesWritten } = await target.write(buffer, done, length - done, position + done);
    done += bytesWritten;
  }
}

/** Flushes a written file to its device (fsync), off this thread: a USB stick takes its time. */
export async function flushFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Copies `from` to `to` (which must not exist); a durable copy is flushed to its device (fsync) before
 * this resolves. Throws the error of the first read, write or flush that failed (ENOSPC, EIO, ENOENT),
 * marked with the side it came from (copyErrorSide); what was written is left for the caller to remove.
 */
export async function copyFileOffThread(from: string, to: string, options: CopyOptions = {}): Promise<void> {
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const durable = options.durable ?? true;
  const flushEvery = options.flushEveryBytes ?? 16 * chunk;
  const source = await on('source', () => open(from, 'r'));
  let target: FileHandle | null = null;
  let flushing: Promise<void> | null = null;
  let flushFailed: unknown = null;
  try {
    target = await on('target', () => open(to, 'wx'));
    const written = target;
    const size = (await on('source', () => source.stat())).size;
    const buffer = Buffer.allocUnsafe(chunk);
    let flushedAt = 0;
    for (let position = 0; position < size;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await on('source', () => source.read(buffer, 0, Math.min(chunk, size - position), position));
      if (bytesRead === 0) throw Object.assign(new Error(`${from} ended at byte ${position} of ${size}`), { copySide: 'source' });
      await on('target', () => writeAll(written, buffer, bytesRead, position));
      position += bytesRead;
      if (durable && position - flushedAt >= flushEvery) {
        await flushing;
        if (flushFailed) throw flushFailed;
        flushedAt = position;
        // Caught here so that a flush failing while a write fails too is never an unhandled rejection.
        flushing = on('target', () => written.datasync()).catch((error: unknown) => {
          flushFailed ??= error;
        });
      }
      options.onProgress?.(position / size);
    }
    await flushing;
    if (flushFailed) throw flushFailed;
    if (durable) await on('target', () => written.sync());
  } finally {
    await flushing;
    await target?.close().catch(() => {});
    await source.close();
  }
}

/**
 * Whether two files hold the same bytes (read a chunk at a time off this thread). Right after one was
 * written, it is read back from the page cache: this finds a copy that went wrong on its way (a bug, a
 * bad read), not a device that loses what it was sent, which no portable read can see.
 */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  // a is the source and b the target, as for copyFileOffThread: its errors say which (copyErrorSide).
  const first = await on('source', () => open(a, 'r'));
  try {
    const second = await on('target', () => open(b, 'r'));
    try {
      const size = (await on('source', () => first.stat())).size;
      if ((await on('target', () => second.stat())).size !== size) return false;
      const x = Buffer.allocUnsafe(CHUNK_BYTES);
      const y = Buffer.allocUnsafe(CHUNK_BYTES);
      for (let position = 0; position < size; position += CHUNK_BYTES) {
        const length = Math.min(CHUNK_BYTES, size - position);
        const [read1, read2] = await Promise.all([
          on('source', () => first.read(x, 0, length, position)),
          on('target', () => second.read(y, 0, length, position)),
        ]);
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
