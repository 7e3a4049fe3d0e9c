/**
 * The last preview's analysis of a file, kept for the apply that follows it: the UI always previews
 * first, and reading, decoding and validating 100k rows again at apply cost 1.6 s. One entry, given up
 * when taken (an apply) or replaced (the next preview), so at most one file's rows stay in memory.
 *
 * It is found only for the same bytes: the key holds a digest of the file's content, not its size and
 * modification time, which can stay the same across a save (a FAT32 USB stick keeps times to 2 s).
 * Besides the bytes, the key holds whatever else the analysis read: the mapping, and the products
 * when the rows carry sales.
 */
import { createHash } from 'node:crypto';
import type { ImportMapping } from '../../../../shared/contract.ts';

export function analysisKey(file: string, bytes: Uint8Array, mapping: ImportMapping, products: string): string {
  const digest = createHash('sha256').update(bytes).digest('hex');
  // Sorted: a guessed mapping and the one the UI sends back list the same fields in other orders.
  const fields = Object.entries(mapping)
    .filter(([, column]) => column !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([file, bytes.length, digest, fields, products]);
}

/** `dispose` is called with a value given up without being taken (replaced, cleared, or taken under another key). */
export function createPreviewCache<T>(dispose: (value: T) => void = () => {}) {
  let kept: { key: string; value: T } | null = null;
  const drop = () => {
    const old = kept;
    kept = null;
    if (old) dispose(old.value);
  };
  return {
    keep(key: string, value: T): void {
      drop();
      kept = { key, value };
    },
    /** The key of the value kept, if any. */
    key(): string | null {
      return kept?.key ?? null;
    },
    /** The value kept and its key, left kept. */
    peek(): { key: string; value: T } | undefined {
      return kept ? { ...kept } : undefined;
    },
    /** The value kept under `key`, if any (the caller's now); the entry is dropped either way. */
    take(key: string): T | undefined {
      if (kept?.key !== key) {
        drop();
        return undefined;
      }
      const found = kept.value;
      kept = null;
      return found;
    },
    clear(): void {
      drop();
    },
  };
}
