/**
 * Exporting the big shop for Excel through dispatch('data.startExport'), polled like the UI does: all 2M
 * sales as CSV, and the 100k customers as CSV + .xlsx. No goal for the export's own time; what is watched
 * is that the shop keeps working meanwhile: a search and a sale every 25 ms (shopWhile, issue 15's goal),
 * the longest the event loop stood still and how much memory the export took on top.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openBackend } from '../../electron/backend/backend.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { shopWhile, stallResult, watchEventLoop } from './eventLoop.ts';
import { summarize, type Result } from './stats.ts';

type Backend = ReturnType<typeof openBackend>;

async function exportOnce(backend: Backend, folder: string, tables: string[], formats: string[]) {
  const watch = watchEventLoop();
  const started = performance.now();
  try {
    const start = backend.dispatch('data.startExport', { folder, tables, formats });
    if (!start.ok) throw new Error(`export.start failed: ${JSON.stringify(start.error)}`);
    const { jobId } = start.data as { jobId: string };
    const waits = await shopWhile(backend, backend.book.jobs.get(jobId).finished);
    const status = backend.dispatch('data.exportStatus', { jobId });
    const data = (status.ok ? status.data : null) as { state: string; files: string[]; error: unknown } | null;
    if (data?.state !== 'done') throw new Error(`export failed: ${JSON.stringify(data?.error ?? status)}`);
    const ms = performance.now() - started;
    const { stallMs, extraMb } = watch.stop();
    const bytes = data.files.reduce((sum, f) => sum + statSync(f).size, 0);
    for (const f of data.files) rmSync(f);
    return { ms, stallMs, extraMb, bytes, waits };
  } finally {
    watch.stop();
  }
}

async function exportBig(ctx: BenchContext): Promise<Result[]> {
  const runs = envInt('BENCH_EXPORT_RUNS', 1);
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  const folder = mkdtempSync(join(dirname(ctx.work.dataDir), 'export-bench-'));
  try {
    const cases = [
      { id: 'sales.csv', label: `export every sale (${ctx.shop.sales}) as CSV`, tables: ['sales'], formats: ['csv'] },
      { id: 'customers.both', label: `export the customers (${ctx.shop.customers}) as CSV + .xlsx`, tables: ['customers'], formats: ['csv', 'xlsx'] },
    ];
    const results: Result[] = [];
    for (const c of cases) {
      const done = [];
      for (let i = 0; i < runs; i++) {
        const run = await exportOnce(backend, folder, c.tables, c.formats);
        done.push(run);
        ctx.log(
          `${c.label} run ${i + 1}: ${(run.ms / 1000).toFixed(2)} s, ${(run.bytes / 2 ** 20).toFixed(0)} MB written; event loop stood still ≤ ${run.stallMs.toFixed(0)} ms, a search waited ≤ ${run.waits.searchMaxMs.toFixed(0)} ms, a sale ≤ ${run.waits.saleMaxMs.toFixed(0)} ms; memory +${run.extraMb.toFixed(0)} MB at most`,
        );
      }
      results.push(
        {
          id: `export.${c.id}`,
          label: c.label,
          group: 'export',
          stats: summarize(done.map((d) => d.ms)),
          goalMs: null,
          note: `memory on top of the app's: at most ${Math.max(...done.map((d) => d.extraMb)).toFixed(0)} MB`,
        },
        stallResult(
          `export.${c.id}.stall`,
          'export',
          'export',
          done.map((d) => d.waits),
        ),
      );
    }
    return results;
  } finally {
    backend.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export const exportBench: Bench = { name: 'export', run: exportBig };
