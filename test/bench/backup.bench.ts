/**
 * "Back up now" on the big shop: dispatch('backup.start') to a folder on the same disk, polled until
 * the job says done (copy with the online backup API, fsync, rename, verification), beside a plain
 * file copy + fsync of the same database measured in the same run (issue 4's goal: within 1.5x of it).
 */
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openBackend } from '../../electron/backend/backend.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

async function backupOnce(dispatch: (name: unknown, input: unknown) => { ok: boolean; data?: unknown; error?: unknown }, folder: string): Promise<number> {
  const started = performance.now();
  const start = dispatch('backup.start', { folder });
  if (!start.ok) throw new Error(`backup.start failed: ${JSON.stringify(start.error)}`);
  const { jobId } = start.data as { jobId: string };
  for (;;) {
    const status = dispatch('backup.status', { jobId });
    if (!status.ok) throw new Error(`backup.status failed: ${JSON.stringify(status.error)}`);
    const { state, error } = status.data as { state: string; error: unknown };
    if (state === 'done') return performance.now() - started;
    if (state === 'failed') throw new Error(`backup failed: ${JSON.stringify(error)}`);
    await sleep(5);
  }
}

async function backup(ctx: BenchContext): Promise<Result[]> {
  const runs = envInt('BENCH_BACKUP_RUNS', ctx.quick ? 2 : 3);
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  const scratch = mkdtempSync(join(dirname(ctx.work.dataDir), 'backup-bench-'));
  try {
    backend.context.db.pragma('wal_checkpoint(TRUNCATE)');
    const times: number[] = [];
    const copies: number[] = [];
    for (let i = 0; i < runs; i++) {
      // The floor is a copy that would survive a pulled stick too: copied, then flushed to the disk.
      let t = performance.now();
      const target = join(scratch, `plain-copy-${i}.sqlite`);
      copyFileSync(ctx.work.file, target);
      const fd = openSync(target, 'r+');
      fsyncSync(fd);
      closeSync(fd);
      copies.push(performance.now() - t);
      t = performance.now();
      times.push(await backupOnce(backend.dispatch, join(scratch)));
    }
    const copy = summarize(copies);
    const result: Result = {
      id: 'backup.folder',
      label: 'back up to a folder (online copy + fsync + rename + verify)',
      group: 'backup',
      stats: summarize(times),
      goalMs: copy.p50 * 1.5,
      floor: { label: 'plain file copy of the same database + fsync', stats: copy },
      note: `goal = 1.5 x the plain copy's p50 (${copy.p50.toFixed(0)} ms)`,
    };
    return [result];
  } finally {
    backend.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const backupBench: Bench = { name: 'backup', run: backup };
