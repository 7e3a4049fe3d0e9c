/**
 * The owner's view: takings, sales by month and product, credit ageing, whether calls bring purchases,
 * households won and lost, and the customer pyramid. Read-only; every figure is summed from the sales,
 * balances and contacts as they stand (shared/domain/customerValue.ts ranks).
 */
import type { ComplaintKind, OwnerHome, Pyramid, Unit, ValuedHousehold } from '../../../../shared/contract.ts';
import { DEFAULT_TIER_SHARES, pyramidOf, rfmOf, tierMoves, tierRank, TIERS, type Tier, type TierShares } from '../../../../shared/domain/customerValue.ts';
import { addDays, addMonths, daysBetween, monthOf } from '../../../../shared/domain/dates.ts';
import type { Statement } from 'better-sqlite3';
import type { BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { SettingsService } from '../shop/settings.ts';
import { createRetention } from './retention.ts';

/** A household not seen for this long is counted lost in the month of its last purchase. */
export const LOST_AFTER_DAYS = 90;
/** A call "worked" when the household bought within this many days of it. */
export const CALL_WORKED_WITHIN_DAYS = 7;

const AGEING = [
  { fromDays: 0, toDays: 30 },
  { fromDays: 31, toDays: 60 },
  { fromDays: 61, toDays: 90 },
  { fromDays: 91, toDays: null },
] as const;

interface SpendRow {
  customer_id: number;
  value_now: number;
  purchases_now: number;
  last_now: string | null;
  value_before: number;
}

export function createOwnerService(ctx: BackendContext, deps: { settings: SettingsService; forecasts: ForecastsService }) {
  const { db } = ctx;
  const takingsBetween = db.prepare<[string, string], { fen: number }>(
    'SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales WHERE voided_at IS NULL AND date BETWEEN ? AND ?',
  );
  const byMonth = db.prepare<[string, string], { month: string; fen: number; households: number }>(
    `SELECT substr(date, 1, 7) AS month, sum(amount_fen) AS fen, count(DISTINCT customer_id) AS households
     FROM sales WHERE voided_at IS NULL AND date BETWEEN ? AND ? GROUP BY month`,
  );
  // A household's first purchase: the first of its products' histories (sales_by_customer_product).
  const newByMonth = db.prepare<[string], { month: string; households: number }>(
    `SELECT substr(first, 1, 7) AS month, count(*) AS households FROM (
       SELECT min(date) AS first FROM sales WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id
     ) WHERE first >= ? GROUP BY month`,
  );
  const byProduct = db.prepare<[string, string], { product_id: number; name: string; unit: Unit; fen: number; quantity: number }>(
    `SELECT s.product_id, p.name, p.unit, sum(s.amount_fen) AS fen, sum(s.quantity) AS quantity
     FROM sales s JOIN products p ON p.id = s.product_id
     WHERE s.voided_at IS NULL AND s.date BETWEEN ? AND ? GROUP BY s.product_id ORDER BY fen DESC, s.product_id`,
  );
  const creditAgeing = db.prepare<[string, string, string], { bucket: number; fen: number; households: number }>(
    `SELECT CASE WHEN oldest_unpaid_date >= ? THEN 0 WHEN oldest_unpaid_date >= ? THEN 1 WHEN oldest_unpaid_date >= ? THEN 2 ELSE 3 END AS bucket,
       sum(balance_fen) AS fen, count(*) AS households
     FROM balances WHERE balance_fen > 0 GROUP BY bucket`,
  );
  const callsWorked = db.prepare<[number, string], { called: number; bought: number }>(
    `SELECT count(*) AS called, coalesce(sum(EXISTS (
         SELECT 1 FROM sales s WHERE s.customer_id = k.customer_id AND s.voided_at IS NULL
           AND s.date BETWEEN k.day AND date(k.day, '+' || ? || ' days'))), 0) AS bought
     FROM (SELECT customer_id, min(substr(created_at, 1, 10)) AS day FROM contacts
           WHERE kind = 'call' AND undone_at IS NULL AND created_at >= ? GROUP BY customer_id) k`,
  );
  // The last purchase of each household, from the forecasts (one row per household and product it buys).
  const lostByMonth = db.prepare<[string, string], { month: string; households: number }>(
    `SELECT substr(last, 1, 7) AS month, count(*) AS households FROM (
       SELECT max(f.last_purchase_date) AS last FROM forecasts f JOIN customers c ON c.id = f.customer_id
       WHERE c.archived_at IS NULL GROUP BY f.customer_id
     ) WHERE last >= ? AND last < ? GROUP BY month`,
  );
  // Both windows in one pass over the sales by date: the last 12 months and the 12 months to the end of last month.
  const spend = db.prepare<{ from: string; monthStart: string; yearAgo: string; today: string }, SpendRow>(
    `SELECT customer_id,
       sum(CASE WHEN date > :yearAgo THEN amount_fen ELSE 0 END) AS value_now,
       sum(date > :yearAgo) AS purchases_now,
       max(CASE WHEN date > :yearAgo THEN date END) AS last_now,
       sum(CASE WHEN date < :monthStart THEN amount_fen ELSE 0 END) AS value_before
     FROM sales WHERE voided_at IS NULL AND date >= :from AND date <= :today AND customer_id IS NOT NULL GROUP BY customer_id`,
  );
  // Prepared on first use, as complaints.ts does (books at earlier schema versions have no complaints table).
  let complaintsByMonth: Statement<[string], { month: string; kind: ComplaintKind; count: number }> | undefined;
  const complaintTrend = (from: string) =>
    (complaintsByMonth ??= db.prepare(
      'SELECT substr(date, 1, 7) AS month, kind, count(*) AS count FROM complaints WHERE date >= ? GROUP BY month, kind ORDER BY month, kind',
    )).all(from);
  const names = db.prepare<[string], { id: number; name: string; area: string }>(
    'SELECT c.id, c.name, c.area FROM customers c JOIN json_each(?) j ON j.value = c.id',
  );

  function home(): OwnerHome {
    const today = ctx.today();
    const month = monthOf(today);
    const monthStart = `${month}-01`;
    const lastMonth = addMonths(month, -1);
    const sum = (from: string, to: string) => takingsBetween.get(from, to)!.fen;
    const firstMonth = addMonths(month, -12);
    const months = new Map(byMonth.all(`${firstMonth}-01`, today).map((r) => [r.month, r]));
    const newcomers = new Map(newByMonth.all(`${firstMonth}-01`).map((r) => [r.month, r.households]));
    const buckets = new Map(creditAgeing.all(addDays(today, -30), addDays(today, -60), addDays(today, -90)).map((r) => [r.bucket, r]));
    const calls = callsWorked.get(CALL_WORKED_WITHIN_DAYS, addDays(today, -30))!;
    const lost = new Map(lostByMonth.all(`${addMonths(month, -11)}-01`, addDays(today, -LOST_AFTER_DAYS)).map((r) => [r.month, r.households]));
    const dayOfMonth = Number(today.slice(8, 10));
    return {
      today,
      takings: {
        todayFen: sum(today, today),
        thisMonthFen: sum(monthStart, today),
        // 31 March compares with the whole of February, not with a day that does not exist.
        lastMonthToDateFen: sum(`${lastMonth}-01`, `${lastMonth}-${String(dayOfMonth).padStart(2, '0')}`),
        lastMonthFen: sum(`${lastMonth}-01`, `${lastMonth}-31`),
        sameMonthLastYearFen: sum(`${addMonths(month, -12)}-01`, `${addMonths(month, -12)}-31`),
      },
      byMonth: Array.from({ length: 13 }, (_, i) => addMonths(firstMonth, i)).map((m) => ({
        month: m,
        amountFen: months.get(m)?.fen ?? 0,
        households: months.get(m)?.households ?? 0,
        newHouseholds: newcomers.get(m) ?? 0,
      })),
      byProduct: byProduct
        .all(addDays(today, -365), today)
        .map((r) => ({ productId: r.product_id, name: r.name, unit: r.unit, amountFen: r.fen, quantity: r.quantity })),
      credit: {
        outstandingFen: [...buckets.values()].reduce((s, b) => s + b.fen, 0),
        households: [...buckets.values()].reduce((s, b) => s + b.households, 0),
        ageing: AGEING.map((a, i) => ({ ...a, amountFen: buckets.get(i)?.fen ?? 0, households: buckets.get(i)?.households ?? 0 })),
      },
      calls: { called: calls.called, boughtWithinWeek: calls.bought },
      complaintsByMonth: complaintTrend(`${addMonths(month, -11)}-01`),
      lostByMonth: Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11)).map((m) => ({ month: m, households: lost.get(m) ?? 0 })),
    };
  }

  function shares(): TierShares {
    return deps.settings.get().tierShares ?? DEFAULT_TIER_SHARES;
  }

  /** Everyone ranked now (with RFM) and at the end of last month. */
  function rank(tierShares: TierShares) {
    const today = ctx.today();
    const monthStart = `${monthOf(today)}-01`;
    const yearAgo = addDays(today, -365);
    const rows = spend.all({ from: addDays(monthStart, -365), monthStart, yearAgo, today });
    const now = pyramidOf(
      rows.map((r) => ({
        customerId: r.customer_id,
        valueFen: r.value_now,
        purchases: r.purchases_now,
        daysSinceLast: r.last_now ? daysBetween(r.last_now, today) : 0,
      })),
      tierShares,
    );
    const before = pyramidOf(
      rows.map((r) => ({ customerId: r.customer_id, valueFen: r.value_before })),
      tierShares,
    );
    return { today, now, before, rfm: new Map(rfmOf(now).map((s) => [s.customerId, s])) };
  }

  function withNames<T extends { customerId: number }>(list: T[]) {
    const found = new Map(names.all(JSON.stringify(list.map((h) => h.customerId))).map((c) => [c.id, c]));
    return list.flatMap((h) => {
      const c = found.get(h.customerId);
      return c ? [{ ...h, name: c.name, area: c.area }] : [];
    });
  }

  function valued(h: ReturnType<typeof rank>['now'][number], rfm: ReturnType<typeof rank>['rfm']): Omit<ValuedHousehold, 'name' | 'area'> {
    const s = rfm.get(h.customerId)!;
    return {
      customerId: h.customerId,
      tier: h.tier,
      valueFen: h.valueFen,
      purchases: h.purchases,
      daysSinceLast: h.daysSinceLast,
      rfm: { recency: s.recency, frequency: s.frequency, monetary: s.monetary },
    };
  }

  function pyramid(given?: TierShares): Pyramid {
    const tierShares = given ?? shares();
    const { today, now, before, rfm } = rank(tierShares);
    const tiers = TIERS.map((tier) => {
      const members = now.filter((h) => h.tier === tier);
      return { tier, households: members.length, valueFen: members.reduce((s, h) => s + h.valueFen, 0), minValueFen: members.at(-1)?.valueFen ?? 0 };
    });
    const moves = tierMoves(new Map(before.map((h) => [h.customerId, h.tier])), new Map(now.map((h) => [h.customerId, h.tier])))
      // The owner calls the households that dropped; a small household that comes or goes is no news.
      .filter((m) => m.from !== 'small' || m.to !== null)
      .filter((m) => !(m.from === null && m.to === 'small'))
      .sort((p, q) => drop(q) - drop(p));
    return {
      today,
      shares: tierShares,
      tiers,
      households: withNames(now.filter((h) => h.tier !== 'small').map((h) => valued(h, rfm))),
      moves: withNames(moves),
    };
  }

  function householdValue(customerId: number): ValuedHousehold | null {
    const { now, rfm } = rank(shares());
    const h = now.find((x) => x.customerId === customerId);
    return h ? (withNames([valued(h, rfm)])[0] ?? null) : null;
  }

  const { retention } = createRetention(ctx, { forecasts: deps.forecasts, withNames });

  return { home, pyramid, householdValue, retention };
}

/** How far a household fell (positive) or rose (negative); leaving the pyramid counts as falling below small. */
function drop(m: { from: Tier | null; to: Tier | null }): number {
  const rankOf = (t: Tier | null) => (t === null ? TIERS.length : tierRank(t));
  return rankOf(m.to) - rankOf(m.from);
}

export type OwnerService = ReturnType<typeof createOwnerService>;

export function ownerHandlers({ owner }: { owner: OwnerService }): AreaHandlers<'owner'> {
  return {
    'owner.home': () => owner.home(),
    'owner.pyramid': ({ shares }) => owner.pyramid(shares),
    'owner.householdValue': ({ customerId }) => owner.householdValue(customerId),
    'owner.retention': () => owner.retention(),
  };
}
