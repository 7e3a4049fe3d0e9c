/**
 * What a full recompute would write, for a range of households: the whole book at once on the backend's
 * connection, or a chunk at a time on the 'recompute' job's (forecasts.ts). Planning only reads; the
 * forecasts service writes the plan in the same transaction.
 */
import type Database from 'better-sqlite3';
import { forecast, priorDailyUse, type Forecast, type Purchase, type StockReport } from '../../../../shared/domain/forecast.ts';
import { shopContextOfProduct, type ProductLearned } from './forecastLearning.ts';

export interface PairInputs extends ProductLearned {
  area: string;
  adults: number;
  children: number;
  seniors: number;
  use_adult: number;
  use_child: number;
  use_senior: number;
  lead_days: number;
}

export interface ReminderState {
  cycle_sale_id: number;
  stock_report: number | null;
  stock_report_date: string | null;
}

/**
 * The pair's forecast from its (non-voided, date-ordered) purchases, the last of which is sale
 * `lastSaleId`, or null when there is nothing to forecast.
 */
export function computePair(
  inputs: PairInputs | undefined,
  purchases: readonly Purchase[],
  lastSaleId: number,
  reminder: ReminderState | undefined,
): Forecast | null {
  if (!inputs || purchases.length === 0) return null;
  const prior = priorDailyUse(inputs, { adult: inputs.use_adult, child: inputs.use_child, senior: inputs.use_senior });
  const report: StockReport | null =
    reminder?.cycle_sale_id === lastSaleId && reminder.stock_report !== null && reminder.stock_report_date
      ? { date: reminder.stock_report_date, stockLeft: reminder.stock_report }
      : null;
  return forecast(prior, purchases, inputs.lead_days, report, shopContextOfProduct(inputs));
}

export interface ChangedPair {
  customerId: number;
  productId: number;
  result: Forecast;
  lastSaleId: number;
  area: string;
  /** Which of the two rows differ from what is stored (a rate nudged by 1 % often leaves the reminder's dates as they were). */
  forecastChanged: boolean;
  reminderChanged: boolean;
}

/** Pairs forecast; those whose stored rows differ (to write); those stored without a sale any more (to remove). */
export interface RangePlan {
  pairs: number;
  changed: ChangedPair[];
  gone: [customerId: number, productId: number][];
}

/** One plan of several ranges' plans (pushed one by one: a spread of 100k+ entries overflows the stack). */
export function mergePlans(parts: readonly RangePlan[]): RangePlan {
  const plan: RangePlan = { pairs: 0, changed: [], gone: [] };
  for (const part of parts) {
    plan.pairs += part.pairs;
    for (const c of part.changed) plan.changed.push(c);
    for (const g of part.gone) plan.gone.push(g);
  }
  return plan;
}

type SaleTuple = [customerId: number, productId: number, id: number, date: string, quantity: number, stockLeft: number | null];
/** A stored forecast and reminder as the plan reads them (the positions matter to unchanged()). */
type StoredForecast = [
  customerId: number,
  productId: number,
  prior: number,
  dailyUse: number,
  observations: number,
  lastSaleId: number,
  lastPurchaseDate: string,
  lastQuantity: number,
  stockAtLast: number,
  runOutDate: string,
  reminderDate: string,
];
type StoredReminder = [
  customerId: number,
  productId: number,
  cycleSaleId: number,
  stockReport: number | null,
  stockReportDate: string | null,
  dueDate: string,
  runOutDate: string,
  area: string,
];

/** True when writing `result` would store exactly the forecast row that is there (updated_at aside). */
function sameForecast(f: StoredForecast | undefined, result: Forecast, lastSaleId: number): boolean {
  return (
    f !== undefined &&
    f[2] === result.priorDailyUse &&
    f[3] === result.dailyUse &&
    f[4] === result.observations &&
    f[5] === lastSaleId &&
    f[6] === result.lastPurchaseDate &&
    f[7] === result.lastQuantity &&
    f[8] === result.stockAtLastPurchase &&
    f[9] === result.runOutDate &&
    f[10] === result.reminderDate
  );
}

/** The same for the reminder row (its call state is kept by the write anyway while the cycle is the same). */
function sameReminder(r: StoredReminder | undefined, result: Forecast, lastSaleId: number, area: string): boolean {
  return r !== undefined && r[2] === lastSaleId && r[5] === result.reminderDate && r[6] === result.runOutDate && r[7] === area;
}

// Slices this small let each slice's rows die young: with 5000 households a slice, garbage collection
// took 1.1 s of a 100k-household recompute; with 250, 0.1 s.
const CUSTOMERS_PER_SLICE = 250;
// One number per pair, ordered like (customer_id, product_id) because product ids stay far below 2^21.
const pairKey = (customerId: number, productId: number) => customerId * 2_097_152 + productId;
const keyOf = (row: readonly [number, number, ...unknown[]] | undefined) => (row ? pairKey(row[0], row[1]) : Infinity);

export function createRangePlanner(db: Database.Database) {
  const peopleOfCustomers = db.prepare<[number, number], { id: number; area: string; adults: number; children: number; seniors: number }>(
    'SELECT id, area, adults, children, seniors FROM customers WHERE id >= ? AND id < ?',
  );
  // An archived product is forecast for nobody: its pairs are planned away, and come back from their
  // sales when it is restored (products.ts).
  const allRates = db.prepare<[], ProductLearned & { id: number; use_adult: number; use_child: number; use_senior: number; lead_days: number }>(
    'SELECT id, use_adult, use_child, use_senior, lead_days, season_preset, learned_season, learned_rate_factor FROM products WHERE archived_at IS NULL',
  );
  // As arrays (raw): at 2M sales, building an object per row costs more than reading it. The covering
  // index sales_by_customer_product serves it without touching the sales table. Each read comes in two
  // forms: every product, or one (a product's rates changed), whose rows SQLite picks from the same walk
  // by households (the unary + keeps it there: an index by product would be read whole for every slice).
  const ofProduct = (filtered: boolean) => (filtered ? 'AND +product_id = ?' : '');
  const salesOfCustomers = (filtered: boolean) =>
    db
      .prepare<number[], SaleTuple>(
        `SELECT customer_id, product_id, id, date, quantity, stock_left FROM sales
         WHERE customer_id >= ? AND customer_id < ? ${ofProduct(filtered)} AND voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
      )
      .raw();
  // What is stored now for the same households, in the same (primary key) order: merged with the sales
  // in one pass. Two ordered scans instead of a join of the two tables: 1.5 s -> 0.7 s at 254k pairs.
  const forecastsOfCustomers = (filtered: boolean) =>
    db
      .prepare<number[], StoredForecast>(
        `SELECT customer_id, product_id, prior_daily_use, daily_use, observations, last_sale_id, last_purchase_date, last_quantity,
           stock_at_last, run_out_date, reminder_date
         FROM forecasts WHERE customer_id >= ? AND customer_id < ? ${ofProduct(filtered)} ORDER BY customer_id, product_id`,
      )
      .raw();
  const remindersOfCustomers = (filtered: boolean) =>
    db
      .prepare<number[], StoredReminder>(
        `SELECT customer_id, product_id, cycle_sale_id, stock_report, stock_report_date, due_date, run_out_date, area
         FROM reminders WHERE customer_id >= ? AND customer_id < ? ${ofProduct(filtered)} ORDER BY customer_id, product_id`,
      )
      .raw();
  const reads = [false, true].map((filtered) => ({
    sales: salesOfCustomers(filtered),
    forecasts: forecastsOfCustomers(filtered),
    reminders: remindersOfCustomers(filtered),
  }));

  /** The plan for households with from <= id < to: their pairs of every product, or of `productId` alone. */
  return function planRange(from: number, to: number, productId?: number): RangePlan {
    const rates = new Map(allRates.all().map((p) => [p.id, p]));
    const read = reads[productId === undefined ? 0 : 1]!;
    const only = productId === undefined ? [] : [productId];
    const plan: RangePlan = { pairs: 0, changed: [], gone: [] };
    for (let start = from; start < to; start += CUSTOMERS_PER_SLICE) {
      const end = Math.min(to, start + CUSTOMERS_PER_SLICE);
      const people = new Map(peopleOfCustomers.all(start, end).map((c) => [c.id, c]));
      const sales = read.sales.all(start, end, ...only);
      const forecasts = read.forecasts.all(start, end, ...only);
      const reminders = read.reminders.all(start, end, ...only);
      let fi = 0;
      let ri = 0;
      // Stored pairs ahead of `key` have no (unvoided) sale any more.
      const dropStoredBefore = (key: number) => {
        for (let next = Math.min(keyOf(forecasts[fi]), keyOf(reminders[ri])); next < key; next = Math.min(keyOf(forecasts[fi]), keyOf(reminders[ri]))) {
          const row = keyOf(forecasts[fi]) === next ? forecasts[fi]! : reminders[ri]!;
          plan.gone.push([row[0], row[1]]);
          if (keyOf(forecasts[fi]) === next) fi++;
          if (keyOf(reminders[ri]) === next) ri++;
        }
      };
      for (let s = 0; s < sales.length;) {
        const [customerId, productId] = sales[s]!;
        const purchases: Purchase[] = [];
        let lastSaleId = 0;
        for (; s < sales.length && sales[s]![0] === customerId && sales[s]![1] === productId; s++) {
          const [, , id, date, quantity, stockLeft] = sales[s]!;
          purchases.push({ date, quantity, stockLeft });
          lastSaleId = id;
        }
        const key = pairKey(customerId, productId);
        dropStoredBefore(key);
        const f = keyOf(forecasts[fi]) === key ? forecasts[fi++] : undefined;
        const r = keyOf(reminders[ri]) === key ? reminders[ri++] : undefined;
        const person = people.get(customerId);
        const rate = rates.get(productId);
        const inputs = person && rate ? { ...person, ...rate } : undefined;
        // A reminder whose forecast was lost still hands over its call state (its stock report).
        const reminder = r ? { cycle_sale_id: r[2], stock_report: r[3], stock_report_date: r[4] } : undefined;
        const result = computePair(inputs, purchases, lastSaleId, reminder);
        if (!result || !inputs) {
          if (f || r) plan.gone.push([customerId, productId]);
          continue;
        }
        plan.pairs++;
        const forecastChanged = !sameForecast(f, result, lastSaleId);
        const reminderChanged = !sameReminder(r, result, lastSaleId, inputs.area);
        if (forecastChanged || reminderChanged)
          plan.changed.push({ customerId, productId, result, lastSaleId, area: inputs.area, forecastChanged, reminderChanged });
      }
      dropStoredBefore(Infinity);
    }
    return plan;
  };
}

export type RangePlanner = ReturnType<typeof createRangePlanner>;

/** One past the highest household id that has a sale, forecast or reminder: the end of the range to plan. */
export function customerIdsEnd(db: Database.Database): number {
  const row = db
    .prepare<[], { id: number | null }>(
      'SELECT max(id) AS id FROM (SELECT max(customer_id) AS id FROM sales UNION ALL SELECT max(customer_id) FROM forecasts UNION ALL SELECT max(customer_id) FROM reminders)',
    )
    .get();
  return (row?.id ?? 0) + 1;
}
