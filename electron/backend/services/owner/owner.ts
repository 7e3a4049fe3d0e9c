/**
 * The owner's view: takings, sales by month and product, credit ageing, whether calls bring purchases,
 * households won and lost, and the customer pyramid. Read-only (shared/domain/customerValue.ts ranks).
 *
 * The sales are read through their summaries (migration 0018), never grouped here: at 100k households and
 * 2M sales every GROUP BY over the sales sorted them all (owner.home 4-11 s, the pyramid 5 s). Triggers on
 * the sales keep the summaries in the same transaction as every write (db/salesSummaries.ts sums them once
 * after a whole book's load instead):
 * - sales_daily (day x product, walk-in lines included): takings, each month's takings, the products;
 * - customer_months (household x calendar month, live sales only): each month's households, and the
 *   pyramid's spend, by calendar month: this month so far and the 11 before it ranked now, the 12 to the
 *   end of last month for the moves (a rolling 365 days would need the sales themselves);
 * - customer_spans (household: first and last purchase): new households per month, lost ones.
 * Credit ageing reads the balances, the calls the contacts (and each called household's sales by its index).
 * The pyramid gives every household its tier from the tier floors (one numeric sort) and puts in order only
 * the households it lists. A household's badge keeps no ranking: its own months, read by its key, against
 * the day's tier floors and RFM cut-offs.
 */
import type { ComplaintKind, OwnerHome, Pyramid, Unit, ValuedHousehold } from '../../../../shared/contract.ts';
import {
  DEFAULT_TIER_SHARES,
  rfmCutoffs,
  rfmScore,
  tierFloors,
  tierMove,
  tierOf,
  tierRank,
  TIERS,
  type HouseholdValue,
  type RfmCutoffs,
  type Tier,
  type TierMove,
  type TierShares,
} from '../../../../shared/domain/customerValue.ts';
import { addDays, addMonths, daysBetween, monthOf } from '../../../../shared/domain/dates.ts';
import type { BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { SettingsService } from '../shop/settings.ts';
import { createRetention } from './retention.ts';

/** A household not seen for this long is counted lost in the month of its last purchase. */
export const LOST_AFTER_DAYS = 90;
/** The pyramid lists this many of its most valuable households (VIP, key and regular); the tiers count them all. */
export const PYRAMID_LISTED = 100;
/** Households read per page of the ranking. */
const SPEND_PAGE = 4096;
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

/** The ranking of a day as a household's badge reads it. */
interface DayCutoffs {
  floorsNow: number[];
  rfm: RfmCutoffs;
}

/** A household's figures in the window ranked now, from its spend row. */
function valueOf(customerId: number, r: Pick<SpendRow, 'value_now' | 'purchases_now' | 'last_now'>, today: string): HouseholdValue {
  return { customerId, valueFen: r.value_now, purchases: r.purchases_now, daysSinceLast: r.last_now ? daysBetween(r.last_now, today) : 0 };
}

/**
 * Every household's spend in both windows, a typed array per figure, the i-th of each one household's: as
 * 100k row objects with their dates they took 18 MB of heap and 45 MB of the backend's memory.
 */
class Spend {
  count = 0;
  customerId = new Float64Array(1024);
  valueNow = new Float64Array(1024);
  purchasesNow = new Float64Array(1024);
  daysNow = new Float64Array(1024);
  valueBefore = new Float64Array(1024);

  push(r: SpendRow, today: string) {
    if (this.count === this.customerId.length) {
      const grown = (from: Float64Array) => {
        const to = new Float64Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.customerId = grown(this.customerId);
      this.valueNow = grown(this.valueNow);
      this.purchasesNow = grown(this.purchasesNow);
      this.daysNow = grown(this.daysNow);
      this.valueBefore = grown(this.valueBefore);
    }
    const i = this.count++;
    const h = valueOf(r.customer_id, r, today);
    this.customerId[i] = h.customerId;
    this.valueNow[i] = h.valueFen;
    this.purchasesNow[i] = h.purchases;
    this.daysNow[i] = h.daysSinceLast;
    this.valueBefore[i] = r.value_before;
  }

  /** The households that spent in the window ranked now, figure by figure. */
  now() {
    const valueFen = new Float64Array(this.count);
    const purchases = new Float64Array(this.count);
    const daysSinceLast = new Float64Array(this.count);
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      if (!(this.valueNow[i]! > 0)) continue;
      valueFen[k] = this.valueNow[i]!;
      purchases[k] = this.purchasesNow[i]!;
      daysSinceLast[k++] = this.daysNow[i]!;
    }
    return { valueFen: valueFen.subarray(0, k), purchases: purchases.subarray(0, k), daysSinceLast: daysSinceLast.subarray(0, k) };
  }

  /** The spend before of the households that spent in the window of the ranking at the end of last month. */
  before() {
    const values = new Float64Array(this.count);
    let k = 0;
    for (let i = 0; i < this.count; i++) if (this.valueBefore[i]! > 0) values[k++] = this.valueBefore[i]!;
    return values.subarray(0, k);
  }

  household(i: number): HouseholdValue {
    return { customerId: this.customerId[i]!, valueFen: this.valueNow[i]!, purchases: this.purchasesNow[i]!, daysSinceLast: this.daysNow[i]! };
  }
}

export function createOwnerService(ctx: BackendContext, deps: { settings: SettingsService; forecasts: ForecastsService }) {
  const { db } = ctx;
  // Prepared at first use (as slips.ts does): a backend opened on a book of an earlier schema (the
  // migration tests' old books) has no summary tables, and builds every service all the same.
  const prepare = () => ({
    takingsBetween: db.prepare<[string, string], { fen: number }>('SELECT coalesce(sum(amount_fen), 0) AS fen FROM sales_daily WHERE date BETWEEN ? AND ?'),
    // Per month (a JSON array of 'YYYY-MM'): takings, households that bought, households whose first purchase it was.
    byMonth: db.prepare<[string], { month: string; fen: number; households: number; newcomers: number }>(
      `SELECT m.value AS month,
         (SELECT coalesce(sum(amount_fen), 0) FROM sales_daily WHERE date BETWEEN m.value || '-01' AND m.value || '-31') AS fen,
         (SELECT count(*) FROM customer_months WHERE month = m.value) AS households,
         (SELECT count(*) FROM customer_spans WHERE first_date BETWEEN m.value || '-01' AND m.value || '-31') AS newcomers
       FROM json_each(?) m`,
    ),
    byProduct: db.prepare<[string, string], { product_id: number; name: string; unit: Unit; fen: number; quantity: number }>(
      `SELECT d.product_id, p.name, p.unit, sum(d.amount_fen) AS fen, sum(d.quantity) AS quantity
       FROM sales_daily d JOIN products p ON p.id = d.product_id
       WHERE d.date BETWEEN ? AND ? GROUP BY d.product_id ORDER BY fen DESC, d.product_id`,
    ),
    creditAgeing: db.prepare<[string, string, string], { bucket: number; fen: number; households: number }>(
      `SELECT CASE WHEN oldest_unpaid_date >= ? THEN 0 WHEN oldest_unpaid_date >= ? THEN 1 WHEN oldest_unpaid_date >= ? THEN 2 ELSE 3 END AS bucket,
         sum(balance_fen) AS fen, count(*) AS households
       FROM balances WHERE balance_fen > 0 GROUP BY bucket`,
    ),
    callsWorked: db.prepare<[number, string], { called: number; bought: number }>(
      `SELECT count(*) AS called, coalesce(sum(EXISTS (
           SELECT 1 FROM sales s WHERE s.customer_id = k.customer_id AND s.voided_at IS NULL
             AND s.date BETWEEN k.day AND date(k.day, '+' || ? || ' days'))), 0) AS bought
       FROM (SELECT customer_id, min(substr(created_at, 1, 10)) AS day FROM contacts
             WHERE kind = 'call' AND undone_at IS NULL AND created_at >= ? GROUP BY customer_id) k`,
    ),
    lostByMonth: db.prepare<[string, string], { month: string; households: number }>(
      `SELECT substr(s.last_date, 1, 7) AS month, count(*) AS households
       FROM customer_spans s JOIN customers c ON c.id = s.customer_id
       WHERE c.archived_at IS NULL AND s.last_date >= ? AND s.last_date < ? GROUP BY month`,
    ),
    // Both windows in one pass over the households' months: this month and the 11 before, and the 12 to
    // the end of last month. A page of households at a time, from the one after `after` (by the key).
    spend: db.prepare<{ first: string; month: string; before: string; after: number; limit: number }, SpendRow>(
      `SELECT customer_id,
         sum(CASE WHEN month >= :first THEN amount_fen ELSE 0 END) AS value_now,
         sum(CASE WHEN month >= :first THEN purchases ELSE 0 END) AS purchases_now,
         max(CASE WHEN month >= :first THEN last_date END) AS last_now,
         sum(CASE WHEN month < :month THEN amount_fen ELSE 0 END) AS value_before
       FROM customer_months WHERE customer_id > :after AND month >= :before
       GROUP BY customer_id ORDER BY customer_id LIMIT :limit`,
    ),
    // One household's spend in the window ranked now: its row of the spend above, by its key.
    spendOf: db.prepare<{ customerId: number; first: string }, Pick<SpendRow, 'value_now' | 'purchases_now' | 'last_now'>>(
      `SELECT sum(amount_fen) AS value_now, sum(purchases) AS purchases_now, max(last_date) AS last_now
       FROM customer_months WHERE customer_id = :customerId AND month >= :first`,
    ),
    complaintsByMonth: db.prepare<[string], { month: string; kind: ComplaintKind; count: number }>(
      'SELECT substr(date, 1, 7) AS month, kind, count(*) AS count FROM complaints WHERE date >= ? GROUP BY month, kind ORDER BY month, kind',
    ),
    names: db.prepare<[string], { id: number; name: string; area: string }>(
      'SELECT c.id, c.name, c.area FROM customers c JOIN json_each(?) j ON j.value = c.id',
    ),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  function home(): OwnerHome {
    const st = q();
    const today = ctx.today();
    const month = monthOf(today);
    const monthStart = `${month}-01`;
    const lastMonth = addMonths(month, -1);
    const sum = (from: string, to: string) => st.takingsBetween.get(from, to)!.fen;
    const months = Array.from({ length: 13 }, (_, i) => addMonths(month, i - 12));
    const buckets = new Map(st.creditAgeing.all(addDays(today, -30), addDays(today, -60), addDays(today, -90)).map((r) => [r.bucket, r]));
    const calls = st.callsWorked.get(CALL_WORKED_WITHIN_DAYS, addDays(today, -30))!;
    const lost = new Map(st.lostByMonth.all(`${addMonths(month, -11)}-01`, addDays(today, -LOST_AFTER_DAYS)).map((r) => [r.month, r.households]));
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
      // Later days of the current month have no sales yet: the month's sums run to today.
      byMonth: st.byMonth.all(JSON.stringify(months)).map((r) => ({ month: r.month, amountFen: r.fen, households: r.households, newHouseholds: r.newcomers })),
      byProduct: st.byProduct
        .all(addDays(today, -365), today)
        .map((r) => ({ productId: r.product_id, name: r.name, unit: r.unit, amountFen: r.fen, quantity: r.quantity })),
      credit: {
        outstandingFen: [...buckets.values()].reduce((s, b) => s + b.fen, 0),
        households: [...buckets.values()].reduce((s, b) => s + b.households, 0),
        ageing: AGEING.map((a, i) => ({ ...a, amountFen: buckets.get(i)?.fen ?? 0, households: buckets.get(i)?.households ?? 0 })),
      },
      calls: { called: calls.called, boughtWithinWeek: calls.bought },
      complaintsByMonth: st.complaintsByMonth.all(`${addMonths(month, -11)}-01`),
      lostByMonth: Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11)).map((m) => ({ month: m, households: lost.get(m) ?? 0 })),
    };
  }

  function shares(): TierShares {
    return deps.settings.get().tierShares ?? DEFAULT_TIER_SHARES;
  }

  /**
   * Every household's spend now and at the end of last month, with the day's cut-offs (the tier floors and
   * RFM cut-offs of now): tiers by floor, so only the listed households are put in order.
   */
  function rank(tierShares: TierShares) {
    const today = ctx.today();
    const month = monthOf(today);
    const spend = new Spend();
    const windows = { first: addMonths(month, -11), month, before: addMonths(month, -12) };
    // A page at a time: never 100k row objects at once (as fast as one read of them all; row by row is
    // 20 % slower).
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const page = q().spend.all({ ...windows, after, limit: SPEND_PAGE });
      for (const r of page) spend.push(r, today);
      if (page.length < SPEND_PAGE) break;
      after = page.at(-1)!.customer_id;
    }
    const now = spend.now();
    const cutoffs: DayCutoffs = { floorsNow: tierFloors(now.valueFen, tierShares), rfm: rfmCutoffs(now) };
    return { today, spend, cutoffs };
  }

  function withNames<T extends { customerId: number }>(list: T[]) {
    const found = new Map(
      q()
        .names.all(JSON.stringify(list.map((h) => h.customerId)))
        .map((c) => [c.id, c]),
    );
    return list.flatMap((h) => {
      const c = found.get(h.customerId);
      return c ? [{ ...h, name: c.name, area: c.area }] : [];
    });
  }

  function valued(h: HouseholdValue, tier: Tier, rfm: RfmCutoffs): Omit<ValuedHousehold, 'name' | 'area'> {
    const s = rfmScore(rfm, h);
    return {
      customerId: h.customerId,
      tier,
      valueFen: h.valueFen,
      purchases: h.purchases,
      daysSinceLast: h.daysSinceLast,
      rfm: { recency: s.recency, frequency: s.frequency, monetary: s.monetary },
    };
  }

  function pyramid(given?: TierShares): Pyramid {
    const tierShares = given ?? shares();
    const { today, spend, cutoffs } = rank(tierShares);
    daily = { key: dayKey(today, tierShares), cutoffs };
    const { floorsNow, rfm } = cutoffs;
    // Last month's ranking only here: a badge needs none of it.
    const floorsBefore = tierFloors(spend.before(), tierShares);
    const tiers = TIERS.map((tier) => ({ tier, households: 0, valueFen: 0, minValueFen: 0 }));
    const above: number[] = [];
    for (let i = 0; i < spend.count; i++) {
      const value = spend.valueNow[i]!;
      if (!(value > 0)) continue;
      const tier = tiers[tierRank(tierOf(value, floorsNow))]!;
      tier.households++;
      tier.valueFen += value;
      tier.minValueFen = tier.households === 1 ? value : Math.min(tier.minValueFen, value);
      if (tier.tier !== 'small') above.push(i);
    }
    // Highest value first; ties by id, so the order is stable.
    above.sort((p, q) => spend.valueNow[q]! - spend.valueNow[p]! || spend.customerId[p]! - spend.customerId[q]!);
    const listed = above.slice(0, PYRAMID_LISTED).map((i) => spend.household(i));
    const moves: { move: TierMove; now: number; before: number }[] = [];
    for (let i = 0; i < spend.count; i++) {
      const now = spend.valueNow[i]!;
      const before = spend.valueBefore[i]!;
      const move = tierMove(spend.customerId[i]!, before > 0 ? tierOf(before, floorsBefore) : null, now > 0 ? tierOf(now, floorsNow) : null);
      if (move) moves.push({ move, now, before });
    }
    // Drops first, the biggest; then by value now, then before.
    moves.sort((p, q) => drop(q.move) - drop(p.move) || q.now - p.now || q.before - p.before || p.move.customerId - q.move.customerId);
    return {
      today,
      shares: tierShares,
      tiers,
      households: withNames(listed.map((h) => valued(h, tierOf(h.valueFen, floorsNow), rfm))),
      moves: withNames(moves.map((m) => m.move)),
    };
  }

  /**
   * What a household's badge and its member level need of the ranking, made once a day (or when the owner
   * changes the shares, or opens the pyramid): the tier floors and RFM cut-offs, fifteen numbers. A
   * member-price slip at the counter must not rank every household of the shop (~200 ms at 100k, inside the
   * slip's write), and the ranking itself is not kept: the household's own spend is read by its key.
   */
  let daily: { key: string; cutoffs: DayCutoffs } | null = null;
  const dayKey = (today: string, tierShares: TierShares) => `${today}|${JSON.stringify(tierShares)}`;
  function cutoffsToday(tierShares: TierShares): DayCutoffs {
    const key = dayKey(ctx.today(), tierShares);
    if (daily?.key !== key) daily = { key, cutoffs: rank(tierShares).cutoffs };
    return daily.cutoffs;
  }

  function householdValue(customerId: number): ValuedHousehold | null {
    const { floorsNow, rfm } = cutoffsToday(shares());
    const today = ctx.today();
    const r = q().spendOf.get({ customerId, first: addMonths(monthOf(today), -11) })!;
    if (!(r.value_now > 0)) return null;
    const h = valueOf(customerId, r, today);
    return withNames([valued(h, tierOf(h.valueFen, floorsNow), rfm)])[0] ?? null;
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
