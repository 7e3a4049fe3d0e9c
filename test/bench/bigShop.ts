/**
 * The benchmark's big shop: generated once with the real demo generator and loaded through the real
 * services (services.shop.load, so every customer goes through customers.create and the search index),
 * then cached as a SQLite file, forecasts and reminders included (shop.load ends with recomputeAll).
 * The cache key includes a hash of everything that shapes the file
 * (generator, search keys, indexing code, migrations), so a change there rebuilds it.
 *
 * Benchmarks never touch the cached file: each run works on a copy (see makeWorkingCopy).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE_NAME, openBackend } from '../../electron/backend/backend.ts';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';

/** Bump when this file changes how the shop is built. */
export const BIG_SHOP_VERSION = 2;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Files whose content decides what ends up in the database. */
const shapingFiles = [
  'shared/domain/demoShop.ts',
  'shared/domain/productDefaults.ts',
  'shared/domain/searchKeys.ts',
  'shared/domain/searchText.ts',
  'shared/domain/random.ts',
  // shop.load ends with forecasts.recomputeAll: the cached shop holds forecasts and reminders.
  'shared/domain/forecast.ts',
  'electron/backend/services/forecasts/forecasts.ts',
  'electron/backend/services/shop/shop.ts',
  'electron/backend/services/customers/customers.ts',
  'electron/backend/services/customers/customerSearch.ts',
];
const migrationsDir = 'electron/backend/db/migrations';

export interface BigShopOptions {
  customers: number;
  /** Target number of sales; the generator's number of days is tuned to come close. */
  sales: number;
  seed: number;
  endDate: string;
  cacheDir: string;
  log: (message: string) => void;
}

export interface BigShopMeta {
  key: string;
  customers: number;
  sales: number;
  targetSales: number;
  days: number;
  seed: number;
  endDate: string;
  generateMs: number;
  loadMs: number;
  builtAt: string;
}

export interface BigShop extends BigShopMeta {
  /** Folder holding the cached database (never opened by benchmarks). */
  dataDir: string;
  file: string;
  sizeBytes: number;
  /** True when this run built it (and so paid the generation time). */
  builtNow: boolean;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  hash.update(`big-shop-v${BIG_SHOP_VERSION}\n`);
  const migrations = readdirSync(join(repoRoot, migrationsDir))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(migrationsDir, f));
  for (const file of [...shapingFiles, ...migrations]) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(repoRoot, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

/** Sales per household per day of history, measured on a small sample of the same generator. */
function salesRate(households: number, days: number, seed: number, endDate: string): number {
  const sample = generateDemoShop({ households, endDate, days, seed });
  return sample.sales.length / (households * days);
}

/** Days of history so that `customers` households make about `targetSales` sales. */
export function tuneDays(customers: number, targetSales: number, seed: number, endDate: string): number {
  const sampleSize = Math.min(customers, 2000);
  let days = 150;
  for (let i = 0; i < 2; i++) {
    const rate = salesRate(sampleSize, days, seed, endDate);
    days = Math.min(3650, Math.max(30, Math.round(targetSales / (customers * rate))));
  }
  return days;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes shops built from older sources and half-built folders of crashed runs. */
function cleanCache(cacheDir: string, hash: string) {
  for (const entry of readdirSync(cacheDir)) {
    const building = /^shop-.*\.building-(\d+)$/.exec(entry);
    const run = /^run-(\d+)$/.exec(entry);
    const stalePid = building?.[1] ?? run?.[1];
    if (stalePid !== undefined) {
      if (!isRunning(Number(stalePid))) rmSync(join(cacheDir, entry), { recursive: true, force: true });
      continue;
    }
    if (entry.startsWith('shop-') && !entry.includes(`-${hash}-`)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}

/**
 * The big shop, built (when not cached) in a child process of its own: building it leaves a heap of
 * millions of objects behind, which a bench measured in the same process would otherwise carry (and
 * collect) while it times. Every run then measures with the same clean heap, built or cached.
 */
export function ensureBigShopApart(options: BigShopOptions): BigShop {
  const { log, ...plain } = options;
  const cached = cachedAt(plain);
  if (existsSync(cached.metaFile) && existsSync(cached.file)) return ensureBigShop(options);
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('./buildShop.ts', import.meta.url))], {
    env: { ...process.env, BIG_SHOP_OPTIONS: JSON.stringify(plain) },
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`building the big shop failed (exit ${String(built.status ?? built.signal)})`);
  return { ...ensureBigShop({ ...plain, log }), builtNow: true };
}

/** Where the shop of these options and these sources is cached. */
function cachedAt(options: Omit<BigShopOptions, 'log'>) {
  const key = `shop-v${BIG_SHOP_VERSION}-${sourceHash()}-c${options.customers}-s${options.sales}-seed${options.seed}`;
  const dataDir = join(options.cacheDir, key);
  return { key, dataDir, file: join(dataDir, DATABASE_FILE_NAME), metaFile: join(dataDir, 'meta.json') };
}

export function ensureBigShop(options: BigShopOptions): BigShop {
  const { customers, sales: targetSales, seed, endDate, cacheDir, log } = options;
  mkdirSync(cacheDir, { recursive: true });
  const hash = sourceHash();
  cleanCache(cacheDir, hash);
  const { key, dataDir, file, metaFile } = cachedAt(options);

  if (existsSync(metaFile) && existsSync(file)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BigShopMeta;
    log(`big shop: cached ${key} (${meta.customers} customers, ${meta.sales} sales; built in ${((meta.generateMs + meta.loadMs) / 1000).toFixed(1)} s)`);
    return { ...meta, dataDir, file, sizeBytes: statSync(file).size, builtNow: false };
  }

  log(`big shop: building ${key} (once; later runs reuse it)`);
  const buildDir = `${dataDir}.building-${process.pid}`;
  rmSync(buildDir, { recursive: true, force: true });

  let start = performance.now();
  const days = tuneDays(customers, targetSales, seed, endDate);
  const shop = generateDemoShop({ households: customers, endDate, days, seed });
  const generateMs = performance.now() - start;
  log(`big shop: generated ${shop.households.length} households, ${shop.sales.length} sales over ${days} days in ${(generateMs / 1000).toFixed(1)} s`);

  start = performance.now();
  const backend = openBackend({ dataDir: buildDir, now: () => new Date(`${endDate}T12:00:00`) });
  try {
    const { db } = backend.context;
    // Build-time only: one big transaction, so durability settings do not matter; a large cache keeps
    // the load from spilling the same pages to the WAL again and again. The file's content is the same.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const counts = backend.services.shop.load(shop, 'zh-CN');
    backend.services.shop.startEmpty('性能测试小店', 'zh-CN');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const loadMs = performance.now() - start;
    log(`big shop: loaded through services.shop.load in ${(loadMs / 1000).toFixed(1)} s`);
    const meta: BigShopMeta = {
      key,
      customers: counts.customers,
      sales: counts.sales,
      targetSales,
      days,
      seed,
      endDate,
      generateMs: Math.round(generateMs),
      loadMs: Math.round(loadMs),
      builtAt: new Date().toISOString(),
    };
    backend.close();
    writeFileSync(join(buildDir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(buildDir, dataDir);
    return { ...meta, dataDir, file, sizeBytes: statSync(file).size, builtNow: true };
  } catch (error) {
    if (backend.context.db.open) backend.close();
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
}

export interface WorkingCopy {
  dataDir: string;
  file: string;
  dispose(): void;
}

/** A throwaway copy of the shop on the same disk as the cache (so fsync costs what it costs there). */
export function makeWorkingCopy(shop: BigShop, cacheDir: string): WorkingCopy {
  const dataDir = join(cacheDir, `run-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE_NAME);
  copyFileSync(shop.file, file, constants.COPYFILE_FICLONE);
  return { dataDir, file, dispose: () => rmSync(dataDir, { recursive: true, force: true }) };
}
