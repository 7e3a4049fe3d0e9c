/**
 * `npm run bench`: performance report on a big generated shop (100,000 customers, ~2,000,000 sales).
 * A report, not a test: it exits 0 when a goal is missed, and says so.
 *
 * Environment:
 *   BENCH_CUSTOMERS   households in the shop (default 100000)
 *   BENCH_SALES       target number of sales (default 20 per customer)
 *   BENCH_SEED        generator and query seed (default 20261122)
 *   BENCH_CACHE_DIR   where the built shop is cached (default test/bench/.cache, gitignored)
 *   BENCH_ONLY        comma-separated module names to run (search, localSearch, sale, open, callList, collections, saleForecast, recompute, backup, import, export, owner)
 *   BENCH_QUICK=1     fewer samples (on by default below 20000 customers)
 *   BENCH_QUERIES, BENCH_SALE_RECORDS, BENCH_OPEN_RUNS, BENCH_CALL_LIST_RUNS, BENCH_RECOMPUTE_RUNS   sample counts per module
 *   BENCH_EXPORT_RUNS  runs of each export (default 1: 2M sales as CSV take ~20 s)
 *   BENCH_SALE_WARMUP  sales recorded before the timed ones (default up to 50)
 *   BENCH_STICK_MBPS, BENCH_STICK_RUNS   the slow stick the backup is also timed on (default 30 MB/s, 2 runs;
 *                      needs root and loop devices, else skipped and said why)
 *
 * Smoke run: BENCH_CUSTOMERS=5000 npm run bench
 *
 * Adding a measurement: write test/bench/<area>.bench.ts exporting a Bench, and list it in `benches`.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureBigShopApart, makeWorkingCopy } from './bigShop.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { backupBench } from './backup.bench.ts';
import { callListBench } from './callList.bench.ts';
import { exportBench } from './export.bench.ts';
import { importBench } from './import.bench.ts';
import { collectionsBench } from './collections.bench.ts';
import { openBookBench } from './openBook.bench.ts';
import { recomputeBench } from './recompute.bench.ts';
import { recordSaleBench } from './recordSale.bench.ts';
import { saleForecastBench } from './saleForecast.bench.ts';
import { searchBench } from './search.bench.ts';
import { localSearchBench } from './localSearch.bench.ts';
import { ownerBench } from './owner.bench.ts';
import { formatMs, passed, renderResults, resultJson, type Result } from './stats.ts';

const benches: Bench[] = [
  searchBench,
  localSearchBench,
  recordSaleBench,
  openBookBench,
  callListBench,
  collectionsBench,
  saleForecastBench,
  recomputeBench,
  backupBench,
  importBench,
  exportBench,
  ownerBench,
];

const END_DATE = '2026-11-22';

async function main() {
  const started = performance.now();
  const log = (message: string) => console.log(`[bench] ${message}`);
  const customers = envInt('BENCH_CUSTOMERS', 100_000);
  const sales = envInt('BENCH_SALES', customers * 20);
  const seed = envInt('BENCH_SEED', 20261122);
  const cacheDir = process.env.BENCH_CACHE_DIR || fileURLToPath(new URL('./.cache/', import.meta.url));
  const quick = process.env.BENCH_QUICK === '1' || (process.env.BENCH_QUICK !== '0' && customers < 20_000);
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !benches.some((b) => b.name === name));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown module(s) ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  const selected = only.length ? benches.filter((b) => only.includes(b.name)) : benches;

  log(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
  const shopStart = performance.now();
  const shop = ensureBigShopApart({ customers, sales, seed, endDate: END_DATE, cacheDir, log });
  const shopMs = performance.now() - shopStart;
  log(`big shop: ${shop.customers} customers, ${shop.sales} sales, ${(shop.sizeBytes / 2 ** 20).toFixed(0)} MiB at ${shop.file}`);

  const copyStart = performance.now();
  const work = makeWorkingCopy(shop, cacheDir);
  log(`working copy made in ${formatMs(performance.now() - copyStart)} (benchmarks write to it; the cache stays untouched)`);

  const ctx: BenchContext = { shop, work, seed, quick, log };
  const results: Result[] = [];
  const moduleMs: Record<string, number> = {};
  try {
    for (const bench of selected) {
      const t = performance.now();
      log(`running ${bench.name}…`);
      results.push(...(await bench.run(ctx)));
      moduleMs[bench.name] = Math.round(performance.now() - t);
      log(`${bench.name} done in ${formatMs(moduleMs[bench.name]!)}`);
    }
  } finally {
    work.dispose();
  }

  const totalMs = performance.now() - started;
  console.log('');
  console.log(`Huitou benchmark: ${shop.customers} customers, ${shop.sales} sales${quick ? ' (quick run: fewer samples)' : ''}`);
  console.log('Times are per call through the real dispatch; goals are on p95. ratio = p95 / floor p95.');
  console.log('');
  console.log(renderResults(results));
  console.log('');
  for (const r of results.filter((r) => r.note)) console.log(`  ${r.label}: ${r.note}`);
  console.log('');
  if (shop.builtNow) {
    console.log(`Shop generation (this run only, then cached): generate ${formatMs(shop.generateMs)}, load through services ${formatMs(shop.loadMs)}.`);
  } else {
    console.log(
      `Shop taken from cache (${formatMs(shopMs)}); it was built in ${formatMs(shop.generateMs + shop.loadMs)} (generate ${formatMs(shop.generateMs)}, load ${formatMs(shop.loadMs)}).`,
    );
  }
  const missed = results.filter((r) => passed(r) === false);
  if (missed.length === 0) console.log('All goals met.');
  else {
    console.log(`GOALS MISSED (${missed.length}):`);
    for (const r of missed) console.log(`  MISS ${r.label}: p95 ${formatMs(r.stats.p95)} (goal < ${formatMs(r.goalMs!)})`);
  }
  console.log(`Total bench time: ${formatMs(totalMs)}.`);

  const json = {
    version: 1,
    at: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    quick,
    shop: {
      key: shop.key,
      customers: shop.customers,
      sales: shop.sales,
      days: shop.days,
      seed: shop.seed,
      sizeBytes: shop.sizeBytes,
      builtNow: shop.builtNow,
      generateMs: shop.generateMs,
      loadMs: shop.loadMs,
    },
    totalMs: Math.round(totalMs),
    moduleMs,
    missed: missed.map((r) => r.id),
    results: results.map(resultJson),
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
