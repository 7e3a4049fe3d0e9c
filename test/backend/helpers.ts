import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend, type BackendOptions } from '../../electron/backend/backend.ts';
import { defaultMigrationsDir } from '../../electron/backend/db/migrate.ts';
import type { CallName, CallOutput, Customer, CustomerDraftInput, Product } from '../../shared/contract.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { presetIndex, seasonCurve } from '../../shared/domain/forecastSeasons.ts';
import { forecast, priorDailyUse } from '../../shared/domain/forecast.ts';
import type { HouseholdPeople } from '../../shared/domain/household.ts';
import type { Envelope, ErrorInfo } from '../../shared/errors.ts';

export interface TestBackend extends Backend {
  dataDir: string;
  /** Calls through dispatch (the real gate) and returns the data, failing the test on an error envelope. */
  call<N extends CallName>(name: N, input: unknown): CallOutput<N>;
  /** Calls through dispatch and returns the envelope as is. */
  callRaw(name: string, input: unknown): Envelope<unknown>;
  /** Calls through dispatch expecting a failure; returns the error (fails the test if the call succeeded). */
  callError(name: string, input: unknown): ErrorInfo;
  /** Row count of a table, read straight from the database file's connection. */
  count(table: string): number;
  /** Row counts of every table that holds the book's data: to prove a failed call wrote nothing. */
  snapshot(): Record<string, number>;
  dispose(): void;
}

export const PINNED_NOW = '2026-11-22T10:00:00';
export const PINNED_TODAY = '2026-11-22';

const dataTables = ['settings', 'customers', 'customer_phones', 'customer_fts', 'customer_grams', 'products', 'sales', 'forecasts', 'reminders', 'contacts'];

export function makeTempDir(prefix = 'huitou-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real backend on a real SQLite file in a fresh temp folder; today is pinned unless `now` is given. */
export function makeBackend(options: Partial<BackendOptions> = {}): TestBackend {
  const dataDir = options.dataDir ?? makeTempDir();
  const backend = openBackend({ now: () => new Date(PINNED_NOW), validateOutput: true, ...options, dataDir });
  const count = (table: string) => (backend.context.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  return {
    dispatch: backend.dispatch,
    // Getters: a restore reopens the database, and tests must see the book open now.
    get services() {
      return backend.services;
    },
    get context() {
      return backend.context;
    },
    book: backend.book,
    startAutomaticBackups: backend.startAutomaticBackups,
    close: backend.close,
    dataDir,
    call<N extends CallName>(name: N, input: unknown): CallOutput<N> {
      const result = backend.dispatch(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.data as CallOutput<N>;
    },
    callRaw: (name, input) => backend.dispatch(name, input),
    callError(name, input) {
      const result = backend.dispatch(name, input);
      if (result.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.data)}`);
      return result.error;
    },
    count,
    snapshot: () => Object.fromEntries(dataTables.map((t) => [t, count(t)])),
    dispose() {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid customer draft; override what the test is about. */
export function draft(overrides: Partial<CustomerDraftInput> = {}): CustomerDraftInput {
  return { name: '张三丰', phones: ['13812345678'], address: '幸福小区3栋2单元501', area: '幸福小区', adults: 2, children: 1, seniors: 0, ...overrides };
}

/** The draft that saves `customer` as it is, with `changes`: to edit one field of a stored customer. */
export function draftOf(customer: Customer, changes: Partial<CustomerDraftInput> = {}): CustomerDraftInput {
  const { id: _id, archivedAt: _archived, createdAt: _created, updatedAt: _updated, ...fields } = customer;
  return { ...fields, ...changes };
}

/** A real backend (see makeBackend) on a shop started empty in zh-CN, with two of its default products. */
export function startedShop(options: Partial<BackendOptions> = {}): { b: TestBackend; rice: Product; water: Product } {
  const b = makeBackend(options);
  b.call('shop.startEmpty', { language: 'zh-CN' });
  const products = b.call('products.list', {});
  return { b, rice: products.find((p) => p.name === '大米')!, water: products.find((p) => p.name.startsWith('桶装水'))! };
}

/** The day to sell `quantity` so that the (first-purchase) reminder falls on `due`, by the domain's own forecast. */
export function saleDateFor(product: Product, quantity: number, due: string, who: HouseholdPeople = { adults: 2, children: 1, seniors: 0 }): string {
  // With the product's seasons (forecast v5) a purchase lasts longer or shorter by its date: moved until it fits.
  const shop = { season: seasonCurve(product.learned.season ?? presetIndex(product.seasonPreset)), rateFactor: product.learned.rateFactor };
  const reminderAfter = (date: string) => forecast(priorDailyUse(who, product.dailyUse), [{ date, quantity }], product.leadDays, null, shop)!.reminderDate;
  let date = addDays(due, -daysBetween(PINNED_TODAY, reminderAfter(PINNED_TODAY)));
  for (let i = 0; i < 10 && reminderAfter(date) !== due; i++) date = addDays(date, daysBetween(reminderAfter(date), due));
  return date;
}

/** A folder holding copies of the first `count` real migrations (all when omitted), plus any extra files. */
export function migrationsDirWith(count?: number, extra: Record<string, string> = {}): string {
  const dir = makeTempDir('huitou-migrations-');
  const files = readdirSync(defaultMigrationsDir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .slice(0, count);
  for (const file of files) copyFileSync(join(defaultMigrationsDir, file), join(dir, file));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

/**
 * A clock a test can move while the backend stays open: `makeBackend({ now: clock.now })`, then
 * `clock.setToday('2028-02-29')`. Always 10:00 local time, like PINNED_NOW.
 */
export function movableClock(today = PINNED_TODAY): { now: () => Date; setToday(date: string): void } {
  let at = new Date(`${today}T10:00:00`);
  return {
    now: () => at,
    setToday(date: string) {
      at = new Date(`${date}T10:00:00`);
    },
  };
}

/** Every row of a table, in a stable order, straight from the database file's connection. */
export function tableRows(b: Backend, table: string, orderBy: string): Record<string, unknown>[] {
  return b.context.db.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).all() as Record<string, unknown>[];
}
