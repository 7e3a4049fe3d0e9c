/**
 * Keeps each household-and-product forecast, and its reminder, in step with the sales and the
 * household. Called inside the transaction of whatever changed them (a sale, a household edit, a
 * product's rates, a stock report on a call), so the call list is never stale.
 */
import type { ForecastRow, Unit } from '../../../../shared/contract.ts';
import { confidenceOf, type Forecast, type Purchase } from '../../../../shared/domain/forecast.ts';
import { cycleDays } from '../../../../shared/domain/callList.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, jobContext, type BackendContext } from '../../context.ts';
import { computePair, createRangePlanner, customerIdsEnd, mergePlans, type PairInputs, type RangePlan, type ReminderState } from './forecastPlan.ts';
import { withoutForeignKeyChecks } from '../../db/foreignKeys.ts';
import { withIndexesBuiltAfter } from '../../db/indexes.ts';
import { batchInsert } from '../../db/batchInsert.ts';
import { openJobConnection } from '../../db/open.ts';
import { createSettingsService } from '../shop/settings.ts';
import { createForecastLearning } from './forecastLearning.ts';
import type { AreaHandlers } from '../../dispatch.ts';

const FORECAST_COLUMNS = [
  'customer_id',
  'product_id',
  'prior_daily_use',
  'daily_use',
  'observations',
  'last_sale_id',
  'last_purchase_date',
  'last_quantity',
  'stock_at_last',
  'run_out_date',
  'reminder_date',
  'updated_at',
] as const;
const REMINDER_COLUMNS = ['customer_id', 'product_id', 'cycle_sale_id', 'status', 'due_date', 'run_out_date', 'updated_at', 'area', 'cycle_days'] as const;

/** Pairs forecast, and of them how many were rewritten (the rest were already up to date); pairs removed. */
export interface RecomputeCounts {
  pairs: number;
  written: number;
  removed: number;
}

const purchasesOf = (rows: readonly SaleRow[]) => rows.map((r): Purchase => ({ date: r.date, quantity: r.quantity, stockLeft: r.stock_left }));

const countsOf = (plan: RangePlan): RecomputeCounts => ({ pairs: plan.pairs, written: plan.changed.length, removed: plan.gone.length });

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
    `SELECT c.area, c.adults, c.children, c.seniors, p.use_adult, p.use_child, p.use_senior, p.lead_days,
       p.season_preset, p.learned_season, p.learned_rate_factor
     FROM customers c, products p WHERE c.id = ? AND p.id = ? AND p.archived_at IS NULL`,
  );
  const selectPurchases = db.prepare<[number, number], SaleRow>(
    `SELECT id, date, quantity, stock_left FROM sales
     WHERE customer_id = ? AND product_id = ? AND voided_at IS NULL ORDER BY date, id`,
  );
  const selectReminder = db.prepare<[number, number], ReminderState>(
    'SELECT cycle_sale_id, stock_report, stock_report_date FROM reminders WHERE customer_id = ? AND product_id = ?',
  );
  // Positional parameters (binding a dozen named ones costs more than the write itself in a full
  // recompute), a hundred rows a statement when a plan writes many.
  const forecastRows = batchInsert(
    db,
    'forecasts',
    FORECAST_COLUMNS,
    100,
    `ON CONFLICT (customer_id, product_id) DO UPDATE SET ${FORECAST_COLUMNS.slice(2)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  );
  // A new last purchase starts a new cycle: back on the list as open, earlier snoozes and reports forgotten.
  const reminderRows = batchInsert(
    db,
    'reminders',
    REMINDER_COLUMNS,
    100,
    `ON CONFLICT (customer_id, product_id) DO UPDATE SET
       status = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN status ELSE 'open' END,
       snoozed_until = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN snoozed_until END,
       outcome = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN outcome END,
       stock_report = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report END,
       stock_report_date = CASE WHEN cycle_sale_id = excluded.cycle_sale_id THEN stock_report_date END,
       cycle_sale_id = excluded.cycle_sale_id, due_date = excluded.due_date, run_out_date = excluded.run_out_date,
       updated_at = excluded.updated_at, area = excluded.area, cycle_days = excluded.cycle_days`,
  );
  const deleteForecast = db.prepare('DELETE FROM forecasts WHERE customer_id = ? AND product_id = ?');
  const deleteReminder = db.prepare('DELETE FROM reminders WHERE customer_id = ? AND product_id = ?');
  const customerExists = db.prepare<[number], { id: number }>('SELECT id FROM customers WHERE id = ?');
  const selectForCustomer = db.prepare<[number], ForecastDbRow>(
    `SELECT f.customer_id, f.product_id, p.name AS product_name, p.unit, f.prior_daily_use, f.daily_use, f.observations,
       f.last_purchase_date, f.last_quantity, f.run_out_date, f.reminder_date
     FROM forecasts f JOIN products p ON p.id = f.product_id WHERE f.customer_id = ? ORDER BY f.run_out_date`,
  );

  /** Queues the pair's forecast row; written by forecastRows.flush() at the latest. */
  function addForecast(customerId: number, productId: number, result: Forecast, lastSaleId: number, now: string) {
    forecastRows.add(
      customerId,
      productId,
      result.priorDailyUse,
      result.dailyUse,
      result.observations,
      lastSaleId,
      result.lastPurchaseDate,
      result.lastQuantity,
      result.stockAtLastPurchase,
      result.runOutDate,
      result.reminderDate,
      now,
    );
  }

  /** What a forecast's reminder holds: its dates and the household's own interval (how long it stays on Today unheard from: callList.ts's lapsesOn). */
  const reminderOf = (result: Forecast) => ({
    dueDate: result.reminderDate,
    runOutDate: result.runOutDate,
    cycleDays: cycleDays(result.lastQuantity, result.dailyUse),
  });

  /** Queues the pair's reminder row; written by reminderRows.flush() at the latest. */
  function addReminder(customerId: number, productId: number, result: Forecast, lastSaleId: number, area: string, now: string) {
    const r = reminderOf(result);
    reminderRows.add(customerId, productId, lastSaleId, 'open', r.dueDate, r.runOutDate, now, area, r.cycleDays);
  }

  function removePair(customerId: number, productId: number) {
    deleteForecast.run(customerId, productId);
    deleteReminder.run(customerId, productId);
  }

  /** Writes one pair's forecast and reminder from its sales, and returns the forecast; null when there is nothing to forecast. */
  function store(
    customerId: number,
    productId: number,
    inputs: PairInputs | undefined,
    rows: SaleRow[],
    reminder: ReminderState | undefined,
    now: string,
  ): Forecast | null {
    const lastSaleId = rows[rows.length - 1]?.id ?? 0;
    const result = computePair(inputs, purchasesOf(rows), lastSaleId, reminder);
    if (!result || !inputs) {
      removePair(customerId, productId);
      return null;
    }
    addForecast(customerId, productId, result, lastSaleId, now);
    forecastRows.flush();
    addReminder(customerId, productId, result, lastSaleId, inputs.area, now);
    reminderRows.flush();
    return result;
  }

  /**
   * The dates the pair's reminder had in the cycle `cycleSaleId` started (its due date, run-out and own
   * interval, as addReminder stores them), worked out again from the sales up to that one (and `reminder`,
   * that cycle's call state: its stock report); null when that sale is no longer a live sale of the pair.
   * For a cycle since replaced by a new purchase or re-dated by a later stock report.
   */
  function reminderOfCycle(
    customerId: number,
    productId: number,
    cycleSaleId: number,
    reminder: ReminderState | undefined,
  ): { dueDate: string; runOutDate: string; cycleDays: number } | null {
    const inputs = selectInputs.get(customerId, productId);
    const rows = inputs ? selectPurchases.all(customerId, productId) : [];
    const end = rows.findIndex((r) => r.id === cycleSaleId);
    if (end < 0) return null;
    const result = computePair(inputs, purchasesOf(rows.slice(0, end + 1)), cycleSaleId, reminder);
    return result && reminderOf(result);
  }

  /**
   * Recomputes one pair from its sales; returns its forecast (the reminder's dates), null when there is
   * nothing to forecast. `reminder`: the reminder's call state about to be stored (a call's stock report),
   * instead of the one stored now; the caller then stores it.
   */
  function refresh(customerId: number, productId: number, reminder: ReminderState | undefined = selectReminder.get(customerId, productId)): Forecast | null {
    const inputs = selectInputs.get(customerId, productId);
    const rows = inputs ? selectPurchases.all(customerId, productId) : [];
    return store(customerId, productId, inputs, rows, reminder, isoNow(ctx));
  }

  // When most pairs change (a new forecast method, every product's rates), moving each reminder through
  // its indexes costs more than building them again in one sorted pass: 8.8 s -> 3.7 s at 254k, measured
  // with three indexes (two since migration 0007; a rate nudged by 1 % moves 18 % of the reminders, which
  // still go one by one: 0.85 s).
  const BULK_SHARE = 0.25;
  const BULK_FROM = 1000;

  const planHere = createRangePlanner(db);
  const learning = createForecastLearning(db);

  /** Writes what differs, the reminders' indexes left as they are (see writePlan). */
  function writeRows(plan: RangePlan): void {
    const now = isoNow(ctx);
    for (const c of plan.changed) if (c.forecastChanged) addForecast(c.customerId, c.productId, c.result, c.lastSaleId, now);
    forecastRows.flush();
    for (const c of plan.changed) if (c.reminderChanged) addReminder(c.customerId, c.productId, c.result, c.lastSaleId, c.area, now);
    reminderRows.flush();
    for (const [c, p] of plan.gone) removePair(c, p);
  }

  /** Whether the plan moves "most" of the reminders. `tablePairs`: how many pairs the table holds (counted only when it matters). */
  function movesMostReminders(plan: RangePlan, tablePairs: () => number): boolean {
    let moved = 0;
    for (const c of plan.changed) if (c.reminderChanged) moved++;
    return moved >= BULK_FROM && moved > tablePairs() * BULK_SHARE;
  }

  /** Writes what differs, the reminders' indexes built again after the write when it moves most of them. */
  function writePlan(plan: RangePlan, tablePairs: () => number): void {
    withIndexesBuiltAfter(db, ['reminders'], movesMostReminders(plan, tablePairs), () => writeRows(plan));
  }

  const recomputeInTransaction = db.transaction((): RecomputeCounts => {
    const plan = planHere(0, customerIdsEnd(db));
    writePlan(plan, () => plan.pairs);
    return countsOf(plan);
  });

  /**
   * Households from <= id < to, read, planned and written in one transaction taken for writing at once
   * (BEGIN IMMEDIATE): what it plans from is what it writes over, so a sale recorded meanwhile on
   * another connection is either in the plan or waits for the commit. The reminders' indexes are kept
   * up to date row by row: the other connection reads them between two chunks.
   */
  const recomputeRangeInTransaction = db.transaction((from: number, to: number): RecomputeCounts => {
    const plan = planHere(from, to);
    writeRows(plan);
    return countsOf(plan);
  });
  const recomputeRange = (from: number, to: number) => withoutForeignKeyChecks(db, () => recomputeRangeInTransaction(from, to));

  const countReminders = db.prepare<[], number>('SELECT count(*) FROM reminders').pluck();
  /**
   * Every pair of one product (its rates or lead days changed), planned like a full recompute: one
   * ordered walk of the households instead of a lookup per household. Rice at 100k households (69k
   * pairs): 13.5 s one pair at a time.
   */
  function refreshProduct(productId: number): void {
    writePlan(planHere(0, customerIdsEnd(db), productId), () => countReminders.get()!);
  }

  /**
   * Learns one product again (its preset or per-person figures changed) and forecasts its pairs again when
   * that changed what it learned, or always with `refresh` (its lead days changed too, say).
   */
  function relearnProduct(productId: number, refresh = false): void {
    if (learning.learn(ctx.today(), productId).length > 0 || refresh) refreshProduct(productId);
  }

  /**
   * Every pair of these households (one edited, an import's new and changed ones), planned like a full
   * recompute over each run of consecutive ids: an import's new households are one such run. One pair
   * at a time cost four statements a pair.
   */
  function refreshCustomers(customerIds: Iterable<number>): void {
    const ids = [...new Set(customerIds)].sort((a, b) => a - b);
    const runs: RangePlan[] = [];
    for (let i = 0; i < ids.length;) {
      let end = i + 1;
      while (end < ids.length && ids[end] === ids[end - 1]! + 1) end++;
      runs.push(planHere(ids[i]!, ids[end - 1]! + 1));
      i = end;
    }
    writePlan(mergePlans(runs), () => countReminders.get()!);
  }

  /**
   * The whole book in one transaction on this connection: for a small book (at start, after a load),
   * and inside a caller's transaction. A big book's runs as the 'recompute' job instead (recomputeJob).
   * Every pair written comes from a sale read in the same transaction, so its customer, product and sale
   * exist: checking each foreign key again cost ~3 s of a 250k-pair recompute (the pragma only takes
   * effect outside a transaction; inside a caller's one the checks simply stay on).
   */
  function recomputeAll(): RecomputeCounts {
    return withoutForeignKeyChecks(db, () => recomputeInTransaction());
  }

  return {
    refresh,
    reminderOfCycle,
    refreshCustomers,
    refreshProduct,
    relearnProduct,
    /** Whether the products' learning is due (LEARN_EVERY_DAYS): then the next start recomputes the book. */
    isLearningStale: () => learning.isStale(ctx.today()),
    /**
     * Learns every product from the sales (the start does it before a full recompute, which then forecasts
     * with it; recomputeAll alone forecasts with what is stored, as a sale does).
     */
    learnAll: db.transaction(() => learning.learn(ctx.today())),
    recomputeAll,
    recomputeRange,
    forCustomer(customerId: number): ForecastRow[] {
      // Like sales.listForCustomer and contacts.listForCustomer: an unknown customer is NOT_FOUND, not "no forecasts".
      if (!customerExists.get(customerId))
        throw new AppError('NOT_FOUND', `customer ${customerId} not found`, { details: { entity: 'customer', id: customerId } });
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

/** What the 'recompute' job is given: the book's file, the time its rows are stamped with, and a version to store once done. */
export interface RecomputeJobInput {
  file: string;
  now: string;
  /** forecastVersion, stored in the last transaction: a recompute interrupted before then runs again at the next start. */
  stamp?: number;
  /** Time one chunk aims at (the longest a sale or search on the backend's connection waits for the job). */
  chunkMs?: number;
  /** Households per chunk, fixed (tests): else the chunk follows chunkMs. */
  households?: number;
  /** Learn the products from the sales first (forecastLearning.ts), as the start asks. */
  learn?: boolean;
}

const CHUNK_TARGET_MS = 50;
const FIRST_CHUNK_HOUSEHOLDS = 200;

/**
 * The 'recompute' job (jobThread.ts), on a connection of its own: the book in chunks of households, each
 * read, planned and written in one short transaction (recomputeRange). The chunk grows or shrinks to
 * take about `chunkMs`, so the backend's own writes wait at most about that long on this machine.
 */
export function recomputeJob(input: RecomputeJobInput, report: (progress: number) => void): RecomputeCounts {
  const db = openJobConnection(input.file);
  try {
    const ctx = jobContext(db, input.now);
    const forecasts = createForecastsService(ctx);
    // Learned first, in a transaction of its own: one read of every sale, then a few rows written.
    if (input.learn) forecasts.learnAll();
    const end = customerIdsEnd(db);
    const target = input.chunkMs ?? CHUNK_TARGET_MS;
    const counts: RecomputeCounts = { pairs: 0, written: 0, removed: 0 };
    let size = input.households ?? FIRST_CHUNK_HOUSEHOLDS;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let from = 0; from < end;) {
      const to = Math.min(end, from + size);
      const started = performance.now();
      const part = forecasts.recomputeRange(from, to);
      const ms = performance.now() - started;
      // The write lock left free a while: SQLite's busy handler polls a waiting writer at growing
      // intervals (25-50 ms by then), and a job that took the lock straight back starved the shop's
      // sales for a second and more.
      Atomics.wait(pause, 0, 0, target / 2);
      counts.pairs += part.pairs;
      counts.written += part.written;
      counts.removed += part.removed;
      from = to;
      report(from / end);
      if (input.households === undefined) size = Math.max(50, Math.min(size * 4, Math.round((size * target) / Math.max(1, ms))));
    }
    if (input.stamp !== undefined) {
      const settings = createSettingsService(ctx);
      db.transaction(() => settings.setInternal('forecastVersion', input.stamp!))();
    }
    return counts;
  } finally {
    db.close();
  }
}

export function forecastsHandlers({ forecasts }: { forecasts: ForecastsService }): AreaHandlers<'forecasts'> {
  return {
    'forecasts.forCustomer': ({ customerId }) => forecasts.forCustomer(customerId),
    'forecasts.recomputeAll': () => {
      const started = performance.now();
      const { pairs, written } = forecasts.recomputeAll();
      return { pairs, written, ms: Math.round(performance.now() - started) };
    },
  };
}
