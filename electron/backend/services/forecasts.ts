/**
 * Keeps each household-and-product forecast, and its reminder, in step with the sales and the
 * household. Called inside the transaction of whatever changed them (a sale, a household edit, a
 * product's rates, a stock report on a call), so the call list is never stale.
 */
import type { ForecastRow, Unit } from '../../../shared/contract.ts';
import { confidenceOf, forecast, priorDailyUse, type Forecast, type Purchase, type StockReport } from '../../../shared/domain/forecast.ts';
import { AppError } from '../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../context.ts';

interface PairInputs {
  area: string;
  adults: number;
  children: number;
  seniors: number;
  use_adult: number;
  use_child: number;
  use_senior: number;
  lead_days: number;
}

type ForecastParams = [customerId: number, productId: number, prior: number, dailyUse: number, observations: number, lastSaleId: number,
  lastPurchaseDate: string, lastQuantity: number, stockAtLast: number, runOutDate: string, reminderDate: string, now: string];
type ReminderParams = [customerId: number, productId: number, cycleSaleId: number, dueDate: string, runOutDate: string, now: string, area: string];

type SaleTuple = [customerId: number, productId: number, id: number, date: string, quantity: number, stockLeft: number | null];
/** A stored forecast and reminder as the recompute reads them (the positions matter to unchanged()). */
type StoredForecast = [customerId: number, productId: number, prior: number, dailyUse: number, observations: number, lastSaleId: number,
  lastPurchaseDate: string, lastQuantity: number, stockAtLast: number, runOutDate: string, reminderDate: string];
type StoredReminder = [customerId: number, productId: number, cycleSaleId: number, stockReport: number | null, stockReportDate: string | null,
  dueDate: string, runOutDate: string, area: string];
/** Pairs forecast, and of them how many were rewritten (the rest were already up to date); pairs removed. */
export interface RecomputeCounts {
  pairs: number;
  written: number;
  removed: number;
}

interface ReminderState {
  cycle_sale_id: number;
  stock_report: number | null;
  stock_report_date: string | null;
}

interface SaleRow {
  id: number;
  date: string;
  quantity: number;
  stock_left: number | null;
}

interface ForecastDbRow {
  customer_id: number;
  product_id: number;
  product_name: string;
  unit: Unit;
  prior_daily_use: number;
  daily_use: number;
  observations: number;
  last_purchase_date: string;
  last_quantity: number;
  run_out_date: string;
  reminder_date: string;
}

export function createForecastsService(ctx: BackendContext) {
  const { db } = ctx;
  const selectInputs = db.prepare<[number, number], PairInputs>(
    `SELECT c.area, c.adults, c.children, c.seniors, p.use_adult, p.use_child, p.use_senior, p.lead_days
     FROM customers c, products p WHERE c.id = ? AND p.id = ?`,
  );
  const selectPurchases = db.prepare<[number, number], SaleRow>(
    `SELECT id, date, quantity, stock_left FROM sales
     WHERE customer_id = ? AND product_id = ? AND voided_at IS NULL ORDER BY date, id`,
  );
  const selectReminder = db.prepare<[number, number], ReminderState>(
    'SELECT cycle_sale_id, stock_report, stock_report_date FROM reminders WHERE customer_id = ? AND product_id = ?',
  );
  // Positional parameters: binding a dozen named ones costs more than the write itself in a full recompute.
  const upsertForecast = db.prepare<ForecastParams>(
    `INSERT INTO forecasts (customer_id, product_id, prior_daily_use, daily_use, observations, last_sale_id, last_purchase_date,
       last_quantity, stock_at_last, run_out_date, reminder_date, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, product_id) DO UPDATE SET prior_daily_use = excluded.prior_daily_use, daily_use = excluded.daily_use,
       observations = excluded.observations, last_sale_id = excluded.last_sale_id, last_purchase_date = excluded.last_purchase_date,
       last_quantity = excluded.last_quantity, stock_at_last = excluded.stock_at_last, run_out_date = excluded.run_out_date,
       reminder_date = excluded.reminder_date, updated_at = excluded.updated_at`,
  );
  // A new last purchase starts a new cycle: back on the list as open, earlier snoozes and reports forgotten.
  const upsertReminder = db.prepare<ReminderParams>(
    `INSERT INTO reminders (customer_id, product_id, cycle_sale_id, status, due_date, run_out_date, updated_at, area)
     VALUES (?, ?, ?, 'open', ?, ?, ?, ?)
     ON CONFLICT (customer_id, product_id) DO UPDATE SET
       status = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN status ELSE 'open' END,
       snoozed_until = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN snoozed_until END,
       outcome = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN outcome END,
       stock_report = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report END,
       stock_report_date = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report_date END,
       cycle_sale_id = excluded.cycle_sale_id, due_date = excluded.due_date, run_out_date = excluded.run_out_date,
       updated_at = excluded.updated_at, area = excluded.area`,
  );
  const deleteForecast = db.prepare('DELETE FROM forecasts WHERE customer_id = ? AND product_id = ?');
  const deleteReminder = db.prepare('DELETE FROM reminders WHERE customer_id = ? AND product_id = ?');
  const selectProductsOfCustomer = db.prepare<[number], { product_id: number }>(
    'SELECT DISTINCT product_id FROM sales WHERE customer_id = ?',
  );
  const selectCustomersOfProduct = db.prepare<[number], { customer_id: number }>(
    'SELECT DISTINCT customer_id FROM sales WHERE product_id = ?',
  );
  const customerExists = db.prepare<[number], { id: number }>('SELECT id FROM customers WHERE id = ?');
  const selectForCustomer = db.prepare<[number], ForecastDbRow>(
    `SELECT f.customer_id, f.product_id, p.name AS product_name, p.unit, f.prior_daily_use, f.daily_use, f.observations,
       f.last_purchase_date, f.last_quantity, f.run_out_date, f.reminder_date
     FROM forecasts f JOIN products p ON p.id = f.product_id WHERE f.customer_id = ? ORDER BY f.run_out_date`,
  );

  /**
   * The pair's forecast from its (non-voided, date-ordered) purchases, the last of which is sale
   * `lastSaleId`, or null when there is nothing to forecast.
   */
  function computePair(inputs: PairInputs | undefined, purchases: readonly Purchase[], lastSaleId: number, reminder: ReminderState | undefined): Forecast | null {
    if (!inputs || purchases.length === 0) return null;
    const prior = priorDailyUse(inputs, { adult: inputs.use_adult, child: inputs.use_child, senior: inputs.use_senior });
    const report: StockReport | null =
      reminder?.cycle_sale_id === lastSaleId && reminder.stock_report !== null && reminder.stock_report_date
        ? { date: reminder.stock_report_date, stockLeft: reminder.stock_report }
        : null;
    return forecast(prior, purchases, inputs.lead_days, report);
  }

  function writePair(customerId: number, productId: number, result: Forecast, lastSaleId: number, area: string, now: string) {
    upsertForecast.run(customerId, productId, result.priorDailyUse, result.dailyUse, result.observations, lastSaleId, result.lastPurchaseDate,
      result.lastQuantity, result.stockAtLastPurchase, result.runOutDate, result.reminderDate, now);
    upsertReminder.run(customerId, productId, lastSaleId, result.reminderDate, result.runOutDate, now, area);
  }

  function removePair(customerId: number, productId: number) {
    deleteForecast.run(customerId, productId);
    deleteReminder.run(customerId, productId);
  }

  /** Writes one pair's forecast and reminder from its sales; false when there is nothing to forecast. */
  function store(customerId: number, productId: number, inputs: PairInputs | undefined, rows: SaleRow[], reminder: ReminderState | undefined, now: string): boolean {
    const lastSaleId = rows[rows.length - 1]?.id ?? 0;
    const purchases = rows.map((r): Purchase => ({ date: r.date, quantity: r.quantity, stockLeft: r.stock_left }));
    const result = computePair(inputs, purchases, lastSaleId, reminder);
    if (!result || !inputs) {
      removePair(customerId, productId);
      return false;
    }
    writePair(customerId, productId, result, lastSaleId, inputs.area, now);
    return true;
  }

  /** Recomputes one pair from its sales; returns false when there is nothing to forecast. */
  function refresh(customerId: number, productId: number): boolean {
    const inputs = selectInputs.get(customerId, productId);
    const rows = inputs ? selectPurchases.all(customerId, productId) : [];
    return store(customerId, productId, inputs, rows, selectReminder.get(customerId, productId), isoNow(ctx));
  }

  function refreshCustomer(customerId: number) {
    for (const { product_id } of selectProductsOfCustomer.all(customerId)) refresh(customerId, product_id);
  }

  // The full recompute reads everything once, in pair order, instead of three lookups per pair, as
  // arrays (raw): at 2M sales, building an object per row costs more than reading it.
  const allPeople = db.prepare<[], { id: number; area: string; adults: number; children: number; seniors: number }>(
    'SELECT id, area, adults, children, seniors FROM customers',
  );
  const allRates = db.prepare<[], { id: number; use_adult: number; use_child: number; use_senior: number; lead_days: number }>(
    'SELECT id, use_adult, use_child, use_senior, lead_days FROM products',
  );
  // better-sqlite3 cannot write while a read is being iterated: read in slices of customers instead.
  // The covering index sales_by_customer_product serves it without touching the sales table.
  const salesOfCustomers = db
    .prepare<[number, number], SaleTuple>(
      `SELECT customer_id, product_id, id, date, quantity, stock_left FROM sales
       WHERE customer_id >= ? AND customer_id < ? AND voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
    )
    .raw();
  // What is stored now for the same customers, in the same (primary key) order: merged with the sales in
  // one pass, so an unchanged pair is not rewritten. Two ordered scans instead of a join of the two
  // tables: 1.5 s -> 0.7 s at 254k pairs.
  const forecastsOfCustomers = db
    .prepare<[number, number], StoredForecast>(
      `SELECT customer_id, product_id, prior_daily_use, daily_use, observations, last_sale_id, last_purchase_date, last_quantity,
         stock_at_last, run_out_date, reminder_date
       FROM forecasts WHERE customer_id >= ? AND customer_id < ? ORDER BY customer_id, product_id`,
    )
    .raw();
  const remindersOfCustomers = db
    .prepare<[number, number], StoredReminder>(
      `SELECT customer_id, product_id, cycle_sale_id, stock_report, stock_report_date, due_date, run_out_date, area
       FROM reminders WHERE customer_id >= ? AND customer_id < ? ORDER BY customer_id, product_id`,
    )
    .raw();
  const maxCustomerId = db.prepare<[], { id: number | null }>(
    'SELECT max(id) AS id FROM (SELECT max(customer_id) AS id FROM sales UNION ALL SELECT max(customer_id) FROM forecasts UNION ALL SELECT max(customer_id) FROM reminders)',
  );
  const CUSTOMERS_PER_SLICE = 250;
  // One number per pair, ordered like (customer_id, product_id) because product ids stay far below 2^21.
  const pairKey = (customerId: number, productId: number) => customerId * 2_097_152 + productId;
  const keyOf = (row: readonly [number, number, ...unknown[]] | undefined) => (row ? pairKey(row[0], row[1]) : Infinity);

  /** True when writing `result` would store exactly what is there (updated_at aside). */
  function unchanged(f: StoredForecast | undefined, r: StoredReminder | undefined, result: Forecast, lastSaleId: number, area: string): boolean {
    return (
      f !== undefined && r !== undefined &&
      f[2] === result.priorDailyUse && f[3] === result.dailyUse && f[4] === result.observations && f[5] === lastSaleId &&
      f[6] === result.lastPurchaseDate && f[7] === result.lastQuantity && f[8] === result.stockAtLastPurchase &&
      f[9] === result.runOutDate && f[10] === result.reminderDate &&
      r[2] === lastSaleId && r[5] === result.reminderDate && r[6] === result.runOutDate && r[7] === area
    );
  }

  // When most pairs change (a new forecast method, every product's rates), moving each reminder through
  // its three indexes costs more than building them again in one sorted pass: 8.8 s -> 3.7 s at 254k.
  const BULK_SHARE = 0.25;
  const reminderIndexes = db.prepare<[], { name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders' AND sql IS NOT NULL",
  );
  /** Runs `write` with the reminders' own indexes dropped and rebuilt after it (from their stored SQL), when `bulk`. */
  function withRemindersIndexedAfter(bulk: boolean, write: () => void) {
    if (!bulk) return write();
    const indexes = reminderIndexes.all();
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    write();
    for (const index of indexes) db.exec(index.sql);
  }

  const recomputeInTransaction = db.transaction((): RecomputeCounts => {
    const people = new Map(allPeople.all().map((c) => [c.id, c]));
    const rates = new Map(allRates.all().map((p) => [p.id, p]));
    const now = isoNow(ctx);
    const counts: RecomputeCounts = { pairs: 0, written: 0, removed: 0 };
    const changed: { customerId: number; productId: number; result: Forecast; lastSaleId: number; area: string }[] = [];
    const gone: [customerId: number, productId: number][] = [];
    const flush = (customerId: number, productId: number, purchases: Purchase[], lastSaleId: number, f: StoredForecast | undefined, r: StoredReminder | undefined) => {
      const person = people.get(customerId);
      const rate = rates.get(productId);
      const inputs = person && rate ? { ...person, ...rate } : undefined;
      // A reminder whose forecast was lost still hands over its call state (its stock report).
      const reminder = r ? { cycle_sale_id: r[2], stock_report: r[3], stock_report_date: r[4] } : undefined;
      const result = computePair(inputs, purchases, lastSaleId, reminder);
      if (!result || !inputs) {
        if (f || r) gone.push([customerId, productId]);
        return;
      }
      counts.pairs++;
      if (!unchanged(f, r, result, lastSaleId, inputs.area)) changed.push({ customerId, productId, result, lastSaleId, area: inputs.area });
    };
    const lastId = maxCustomerId.get()!.id ?? 0;
    for (let from = 0; from <= lastId; from += CUSTOMERS_PER_SLICE) {
      const sales = salesOfCustomers.all(from, from + CUSTOMERS_PER_SLICE);
      const forecasts = forecastsOfCustomers.all(from, from + CUSTOMERS_PER_SLICE);
      const reminders = remindersOfCustomers.all(from, from + CUSTOMERS_PER_SLICE);
      let s = 0;
      let fi = 0;
      let ri = 0;
      // Stored pairs ahead of `key` have no (unvoided) sale any more.
      const dropStoredBefore = (key: number) => {
        while (Math.min(keyOf(forecasts[fi]), keyOf(reminders[ri])) < key) {
          const next = Math.min(keyOf(forecasts[fi]), keyOf(reminders[ri]));
          const row = keyOf(forecasts[fi]) === next ? forecasts[fi]! : reminders[ri]!;
          gone.push([row[0], row[1]]);
          if (keyOf(forecasts[fi]) === next) fi++;
          if (keyOf(reminders[ri]) === next) ri++;
        }
      };
      while (s < sales.length) {
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
        flush(customerId, productId, purchases, lastSaleId, f, r);
      }
      dropStoredBefore(Infinity);
    }
    withRemindersIndexedAfter(changed.length > counts.pairs * BULK_SHARE, () => {
      for (const c of changed) writePair(c.customerId, c.productId, c.result, c.lastSaleId, c.area, now);
    });
    counts.written = changed.length;
    for (const [c, p] of gone) removePair(c, p);
    counts.removed = gone.length;
    return counts;
  });

  // Every pair written comes from a sale read in the same transaction, so its customer, product and sale
  // exist: checking each foreign key again cost ~3 s of a 250k-pair recompute. The pragma only takes
  // effect outside a transaction; inside one (a caller's), the checks simply stay on.
  function recomputeAll(): RecomputeCounts {
    const checksWereOn = !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
    if (checksWereOn) db.pragma('foreign_keys = OFF');
    try {
      return recomputeInTransaction();
    } finally {
      if (checksWereOn) db.pragma('foreign_keys = ON');
    }
  }

  return {
    refresh,
    refreshCustomer,
    refreshProduct(productId: number) {
      for (const { customer_id } of selectCustomersOfProduct.all(productId)) refresh(customer_id, productId);
    },
    recomputeAll,
    forCustomer(customerId: number): ForecastRow[] {
      // Like sales.listForCustomer and contacts.listForCustomer: an unknown customer is NOT_FOUND, not "no forecasts".
      if (!customerExists.get(customerId)) throw new AppError('NOT_FOUND', `customer ${customerId} not found`, { details: { entity: 'customer', id: customerId } });
      return selectForCustomer.all(customerId).map((r) => ({
        customerId: r.customer_id,
        productId: r.product_id,
        productName: r.product_name,
        unit: r.unit,
        priorDailyUse: r.prior_daily_use,
        dailyUse: r.daily_use,
        observations: r.observations,
        confidence: confidenceOf(r.observations),
        lastPurchaseDate: r.last_purchase_date,
        lastQuantity: r.last_quantity,
        runOutDate: r.run_out_date,
        reminderDate: r.reminder_date,
      }));
    },
  };
}
export type ForecastsService = ReturnType<typeof createForecastsService>;
