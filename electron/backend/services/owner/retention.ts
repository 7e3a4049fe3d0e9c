/**
 * Who is slipping away among the households that buy now and then, and whether calling the "not heard
 * from" list wins any back. Households with a staple rhythm are the call list's (forecasts.ts knows when
 * they run out); the others have no cycle to miss, so BG/NBD (shared/domain/bgnbd.ts) judges their
 * silence against how often they bought.
 * The "not heard from" households are the call list's lapsed reminders (callList.lapsed); a call to one
 * is a win-back attempt, and it worked when the household bought within WON_WITHIN_DAYS.
 */
import type { Retention } from '../../../../shared/contract.ts';
import {
  conditionalExpectedPurchases,
  fitBgnbd,
  MIN_FIT_HOUSEHOLDS,
  probabilityAlive,
  type BgnbdHistory,
  type BgnbdParams,
} from '../../../../shared/domain/bgnbd.ts';
import { lapsesOn, MIN_CYCLE_DAYS } from '../../../../shared/domain/callList.ts';
import { MEDIUM_CONFIDENCE_FROM } from '../../../../shared/domain/forecast.ts';
import { addDays, addMonths, daysBetween, monthOf } from '../../../../shared/domain/dates.ts';
import type { BackendContext } from '../../context.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';

export const HORIZON_DAYS = 90;
/** A win-back call worked when the household bought within this many days of it. */
export const WON_WITHIN_DAYS = 30;
const GONE_LISTED = 20;

interface HistoryRow {
  customer_id: number;
  first: string;
  last: string;
  days: number;
  value: number;
}

interface CallRow {
  customer_id: number;
  product_id: number;
  day: string;
  previous: string | null;
  cycle_sale_id: number | null;
  due_date: string | null;
  run_out_date: string | null;
  cycle_days: number | null;
  stock_report: number | null;
  stock_report_date: string | null;
}

interface Modelled {
  customerId: number;
  valueFen: number;
  purchases: number;
  lastPurchase: string;
  pAlive: number;
  expected90: number;
}

/** `withNames` adds each listed household's name and area (owner.ts), leaving out any not found. */
export function createRetention(
  ctx: BackendContext,
  deps: { forecasts: ForecastsService; withNames: <T extends { customerId: number }>(list: T[]) => (T & { name: string; area: string })[] },
) {
  const { db } = ctx;
  // Driven from the households (not from 2M sales): each one's sales through its own index range.
  const histories = db.prepare<[number], HistoryRow>(
    `WITH steady(id) AS MATERIALIZED (SELECT DISTINCT customer_id FROM forecasts WHERE observations >= ?)
     SELECT c.id AS customer_id, min(s.date) AS first, max(s.date) AS last, count(DISTINCT s.date) AS days, sum(s.amount_fen) AS value
     FROM customers c CROSS JOIN sales s ON s.customer_id = c.id
     WHERE c.archived_at IS NULL AND s.voided_at IS NULL AND c.id NOT IN steady
     GROUP BY c.id`,
  );
  const lastSale = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM sales');
  // The calls logged against reminders, each with the reminder state it found (`previous`, kept for undo)
  // and the reminder as it is now.
  const calls = db.prepare<[string], CallRow>(
    `SELECT k.customer_id, k.product_id, substr(k.created_at, 1, 10) AS day, k.previous, r.cycle_sale_id, r.due_date,
       r.run_out_date, r.cycle_days, r.stock_report, r.stock_report_date
     FROM contacts k LEFT JOIN reminders r ON r.customer_id = k.customer_id AND r.product_id = k.product_id
     WHERE k.kind = 'call' AND k.undone_at IS NULL AND k.product_id IS NOT NULL AND k.created_at >= ?`,
  );
  const boughtBetween = db.prepare<[number, string, string], { bought: number }>(
    'SELECT EXISTS (SELECT 1 FROM sales WHERE customer_id = ? AND voided_at IS NULL AND date BETWEEN ? AND ?) AS bought',
  );

  /**
   * Whether the call was to a lapsed reminder: one past its own interval (lapsesOn) on the day of the
   * call, as on the Today screen's "not heard from" list. The reminder row still has the cycle's dates
   * while that cycle runs with the stock report the call found; once a purchase started a new cycle (a
   * call that worked) or a later report re-dated it, the old cycle's are worked out again from the sales.
   */
  function toLapsed(call: CallRow): boolean {
    const previous = call.previous
      ? (JSON.parse(call.previous) as { cycle_sale_id: number; snoozed_until: string | null; stock_report: number | null; stock_report_date: string | null })
      : null;
    if (!previous) return false;
    // A call on or soon after the follow-up it was listed under: within any interval, so not lapsed, and
    // most calls are these (no old cycle to work out again).
    if (previous.snoozed_until !== null && call.day <= addDays(previous.snoozed_until, MIN_CYCLE_DAYS)) return false;
    const asStored =
      call.cycle_sale_id === previous.cycle_sale_id && call.stock_report === previous.stock_report && call.stock_report_date === previous.stock_report_date;
    // (The row's columns are null only when there is no row, and then no cycle matches.)
    const cycle = asStored
      ? { dueDate: call.due_date!, runOutDate: call.run_out_date!, cycleDays: call.cycle_days! }
      : deps.forecasts.reminderOfCycle(call.customer_id, call.product_id, previous.cycle_sale_id, previous);
    // Listed under its follow-up when it had one (reminders.lapses_on counts from it too).
    return cycle !== null && lapsesOn({ ...cycle, snoozedUntil: previous.snoozed_until }) < call.day;
  }

  function winBack(from: string): Map<string, { calls: number; households: Set<number>; won: Set<number> }> {
    const months = new Map<string, { calls: number; households: Set<number>; won: Set<number> }>();
    for (const call of calls.all(from)) {
      if (!toLapsed(call)) continue;
      const month = monthOf(call.day);
      let m = months.get(month);
      if (!m) months.set(month, (m = { calls: 0, households: new Set(), won: new Set() }));
      m.calls++;
      m.households.add(call.customer_id);
      if (boughtBetween.get(call.customer_id, call.day, addDays(call.day, WON_WITHIN_DAYS))!.bought) m.won.add(call.customer_id);
    }
    return months;
  }

  // The fit reads every quiet household's sales and runs thousands of likelihood passes: kept until the
  // day changes or a sale is recorded. A void alone keeps it until then (it moves the fit very little).
  let cached: { key: string; households: number; fit: (BgnbdParams & { logLikelihood: number }) | null; modelled: Modelled[] } | undefined;

  function model(today: string) {
    const key = `${today}|${lastSale.get()!.id ?? 0}`;
    if (cached?.key === key) return cached;
    const rows = histories.all(MEDIUM_CONFIDENCE_FROM);
    const weeks = (from: string, to: string) => daysBetween(from, to) / 7;
    const of = (r: HistoryRow): BgnbdHistory => ({ x: r.days - 1, tx: weeks(r.first, r.last), T: weeks(r.first, today) });
    // Households with the same history count once, weighted: far fewer likelihood terms per pass.
    const grouped = new Map<string, BgnbdHistory & { count: number }>();
    for (const r of rows) {
      const h = of(r);
      const k = `${h.x}|${h.tx}|${h.T}`;
      const seen = grouped.get(k);
      if (seen) seen.count++;
      else grouped.set(k, { ...h, count: 1 });
    }
    const fit = rows.length >= MIN_FIT_HOUSEHOLDS ? fitBgnbd([...grouped.values()]) : null;
    const modelled = fit
      ? rows.map((r) => {
          const h = of(r);
          return {
            customerId: r.customer_id,
            valueFen: r.value,
            purchases: r.days,
            lastPurchase: r.last,
            pAlive: probabilityAlive(fit, h),
            expected90: conditionalExpectedPurchases(fit, h, HORIZON_DAYS / 7),
          };
        })
      : [];
    cached = { key, households: rows.length, fit, modelled };
    return cached;
  }

  function retention(): Retention {
    const today = ctx.today();
    const { households, fit, modelled } = model(today);
    const gone = modelled.filter((h) => h.pAlive < 0.5).sort((p, q) => q.valueFen - p.valueFen || p.customerId - q.customerId);
    const firstMonth = addMonths(monthOf(today), -11);
    const months = winBack(`${firstMonth}-01`);
    return {
      today,
      households,
      fit: fit && { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLikelihood: fit.logLikelihood },
      likelyGone: gone.length,
      expected90: modelled.reduce((s, h) => s + h.expected90, 0),
      gone: deps.withNames(gone.slice(0, GONE_LISTED)),
      winBack: Array.from({ length: 12 }, (_, i) => addMonths(firstMonth, i)).map((month) => {
        const m = months.get(month);
        return { month, calls: m?.calls ?? 0, households: m?.households.size ?? 0, won: m?.won.size ?? 0 };
      }),
    };
  }

  return { retention };
}
