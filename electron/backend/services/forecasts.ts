/**
 * Keeps each household-and-product forecast, and its reminder, in step with the sales and the
 * household. Called inside the transaction of whatever changed them (a sale, a household edit, a
 * product's rates, a stock report on a call), so the call list is never stale.
 */
import type { ForecastRow, Unit } from '../../../shared/contract.ts';
import { confidenceOf, forecast, priorDailyUse, type Purchase, type StockReport } from '../../../shared/domain/forecast.ts';
import { AppError } from '../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../context.ts';

interface PairInputs {
  adults: number;
  children: number;
  seniors: number;
  use_adult: number;
  use_child: number;
  use_senior: number;
  lead_days: number;
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
    `SELECT c.adults, c.children, c.seniors, p.use_adult, p.use_child, p.use_senior, p.lead_days
     FROM customers c, products p WHERE c.id = ? AND p.id = ?`,
  );
  const selectPurchases = db.prepare<[number, number], SaleRow>(
    `SELECT id, date, quantity, stock_left FROM sales
     WHERE customer_id = ? AND product_id = ? AND voided_at IS NULL ORDER BY date, id`,
  );
  const selectReminder = db.prepare<[number, number], ReminderState>(
    'SELECT cycle_sale_id, stock_report, stock_report_date FROM reminders WHERE customer_id = ? AND product_id = ?',
  );
  const upsertForecast = db.prepare(
    `INSERT INTO forecasts (customer_id, product_id, prior_daily_use, daily_use, observations, last_sale_id, last_purchase_date,
       last_quantity, stock_at_last, run_out_date, reminder_date, updated_at)
     VALUES (:customerId, :productId, :priorDailyUse, :dailyUse, :observations, :lastSaleId, :lastPurchaseDate,
       :lastQuantity, :stockAtLastPurchase, :runOutDate, :reminderDate, :now)
     ON CONFLICT (customer_id, product_id) DO UPDATE SET prior_daily_use = excluded.prior_daily_use, daily_use = excluded.daily_use,
       observations = excluded.observations, last_sale_id = excluded.last_sale_id, last_purchase_date = excluded.last_purchase_date,
       last_quantity = excluded.last_quantity, stock_at_last = excluded.stock_at_last, run_out_date = excluded.run_out_date,
       reminder_date = excluded.reminder_date, updated_at = excluded.updated_at`,
  );
  // A new last purchase starts a new cycle: back on the list as open, earlier snoozes and reports forgotten.
  const upsertReminder = db.prepare(
    `INSERT INTO reminders (customer_id, product_id, cycle_sale_id, status, due_date, run_out_date, updated_at)
     VALUES (:customerId, :productId, :lastSaleId, 'open', :reminderDate, :runOutDate, :now)
     ON CONFLICT (customer_id, product_id) DO UPDATE SET
       status = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN status ELSE 'open' END,
       snoozed_until = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN snoozed_until END,
       outcome = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN outcome END,
       stock_report = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report END,
       stock_report_date = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report_date END,
       cycle_sale_id = excluded.cycle_sale_id, due_date = excluded.due_date, run_out_date = excluded.run_out_date,
       updated_at = excluded.updated_at`,
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

  /** Writes one pair's forecast and reminder from its (non-voided, date-ordered) sales; false when there is nothing to forecast. */
  function store(customerId: number, productId: number, inputs: PairInputs | undefined, rows: SaleRow[], reminder: ReminderState | undefined, now: string): boolean {
    const last = rows[rows.length - 1];
    const prior = inputs ? priorDailyUse(inputs, { adult: inputs.use_adult, child: inputs.use_child, senior: inputs.use_senior }) : 0;
    const sameCycle = !!last && reminder?.cycle_sale_id === last.id;
    const report: StockReport | null =
      sameCycle && reminder.stock_report !== null && reminder.stock_report_date ? { date: reminder.stock_report_date, stockLeft: reminder.stock_report } : null;
    const purchases: Purchase[] = rows.map((r) => ({ date: r.date, quantity: r.quantity, stockLeft: r.stock_left }));
    const result = inputs && last ? forecast(prior, purchases, inputs.lead_days, report) : null;
    if (!result || !last) {
      deleteForecast.run(customerId, productId);
      deleteReminder.run(customerId, productId);
      return false;
    }
    const params = { ...result, customerId, productId, lastSaleId: last.id, now };
    upsertForecast.run(params);
    upsertReminder.run(params);
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

  // The full recompute reads everything once, in pair order, instead of three lookups per pair.
  const allPeople = db.prepare<[], { id: number; adults: number; children: number; seniors: number }>('SELECT id, adults, children, seniors FROM customers');
  const allRates = db.prepare<[], { id: number; use_adult: number; use_child: number; use_senior: number; lead_days: number }>(
    'SELECT id, use_adult, use_child, use_senior, lead_days FROM products',
  );
  const allReminders = db.prepare<[], ReminderState & { customer_id: number; product_id: number }>(
    'SELECT customer_id, product_id, cycle_sale_id, stock_report, stock_report_date FROM reminders',
  );
  // better-sqlite3 cannot write while a read is being iterated: read in slices of customers instead.
  const salesOfCustomers = db.prepare<[number, number], SaleRow & { customer_id: number; product_id: number }>(
    `SELECT customer_id, product_id, id, date, quantity, stock_left FROM sales
     WHERE customer_id >= ? AND customer_id < ? AND voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
  );
  const maxCustomerId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM customers');
  const CUSTOMERS_PER_SLICE = 2000;
  const deleteAllForecasts = db.prepare('DELETE FROM forecasts');
  const deleteOrphanReminders = db.prepare(
    'DELETE FROM reminders WHERE NOT EXISTS (SELECT 1 FROM forecasts f WHERE f.customer_id = reminders.customer_id AND f.product_id = reminders.product_id)',
  );

  const recomputeAll = db.transaction((): number => {
    const people = new Map(allPeople.all().map((c) => [c.id, c]));
    const rates = new Map(allRates.all().map((p) => [p.id, p]));
    const reminders = new Map(allReminders.all().map((r) => [`${r.customer_id}:${r.product_id}`, r]));
    const now = isoNow(ctx);
    deleteAllForecasts.run();
    let pairs = 0;
    let rows: SaleRow[] = [];
    let current: { customerId: number; productId: number } | null = null;
    const flush = () => {
      if (!current) return;
      const person = people.get(current.customerId);
      const rate = rates.get(current.productId);
      const inputs = person && rate ? { ...person, ...rate } : undefined;
      if (store(current.customerId, current.productId, inputs, rows, reminders.get(`${current.customerId}:${current.productId}`), now)) pairs++;
    };
    const lastId = maxCustomerId.get()!.id ?? 0;
    for (let from = 0; from <= lastId; from += CUSTOMERS_PER_SLICE) {
      for (const sale of salesOfCustomers.all(from, from + CUSTOMERS_PER_SLICE)) {
        if (!current || current.customerId !== sale.customer_id || current.productId !== sale.product_id) {
          flush();
          current = { customerId: sale.customer_id, productId: sale.product_id };
          rows = [];
        }
        rows.push(sale);
      }
    }
    flush();
    deleteOrphanReminders.run();
    return pairs;
  });

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
