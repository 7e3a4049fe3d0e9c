/**
 * Where forecast:eval gets its purchase histories: the demo generator (several seeded shops), or a
 * real Huitou database opened read-only. Each history is one household and one product.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { AwaySpan, CycleEvent, StockLeg } from '../shared/domain/demoShop.ts';
import { generateEvalShop } from './forecastEvalShop.ts';
import type { SeasonPreset } from '../shared/domain/forecastSeasons.ts';
import { addDays, daysBetween } from '../shared/domain/dates.ts';
import { confidenceOf, mergeSameDay, priorDailyUse } from '../shared/domain/forecast.ts';
import {
  classify,
  huitouPredictorFor,
  outcomes,
  PREMATURE_SLACK_DAYS,
  scoreOutcomes,
  type History,
  type MethodScore,
  type Outcome,
  type Predictor,
} from '../shared/domain/forecastQuality.ts';
import { defaultProducts } from '../shared/domain/productDefaults.ts';

export interface EvalHistory extends History {
  product: string;
  /** Demo only: what happened in the cycle that ended with each purchase (same order as purchases). */
  events?: CycleEvent[][];
  /** Demo only: the household's true stock at home and its days away (for the worked call list). */
  truth?: { legs: StockLeg[]; away: AwaySpan[] };
}

/** The simulated shops (forecastEvalShop.ts), one per seed: each household and product a history. */
/** The presets a shopkeeper who knows the trade switches on before there is history (forecast:eval --presets). */
const presetOf: Record<string, SeasonPreset> = { gas_cylinder: 'winter', water_bucket: 'summer' };

export function demoHistories(options: { seeds: number[]; households: number; days: number; endDate: string }, presets = false): EvalHistory[] {
  const histories: EvalHistory[] = [];
  for (const seed of options.seeds) {
    const shop = generateEvalShop({ households: options.households, endDate: options.endDate, days: options.days, seed });
    const legsOf = new Map(shop.trace.stock.map((s) => [`${s.household}:${s.product}`, s.legs]));
    const pairs = new Map<string, EvalHistory>();
    for (const sale of shop.sales) {
      const key = `${sale.household}:${sale.product}`;
      let h = pairs.get(key);
      if (!h) {
        const product = defaultProducts[sale.product]!;
        const people = shop.households[sale.household]!;
        const truth = { legs: legsOf.get(key)!, away: shop.trace.away[sale.household]! };
        h = {
          prior: priorDailyUse(people, product.dailyUse),
          leadDays: product.leadDays,
          purchases: [],
          product: product.nameEn,
          events: [],
          truth,
          shop: seed,
          seasonPreset: presets ? (presetOf[product.nameKey] ?? 'none') : 'none',
        };
        pairs.set(key, h);
      }
      h.purchases.push({ date: sale.date, quantity: sale.quantity, stockLeft: sale.stockLeft ?? null });
      h.events!.push(sale.events ?? []);
    }
    histories.push(...pairs.values());
  }
  return histories;
}

interface DbRow {
  customer_id: number;
  product_id: number;
  date: string;
  quantity: number;
  stock_left: number | null;
}

/** Non-voided sales per customer and product, household people, product rates and lead days. */
export function readHistoriesFromDb(path: string): EvalHistory[] {
  if (!existsSync(path)) throw new Error(`no such database: ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const people = new Map(
      db
        .prepare<[], { id: number; adults: number; children: number; seniors: number }>('SELECT id, adults, children, seniors FROM customers')
        .all()
        .map((c) => [c.id, c]),
    );
    const products = new Map(
      db
        .prepare<[], { id: number; name: string; unit: string; use_adult: number; use_child: number; use_senior: number; lead_days: number }>(
          'SELECT id, name, unit, use_adult, use_child, use_senior, lead_days FROM products',
        )
        .all()
        .map((p) => [p.id, p]),
    );
    const hasStockLeft = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('sales')")
      .all()
      .some((c) => c.name === 'stock_left');
    const rows = db
      .prepare<[], DbRow>(
        `SELECT customer_id, product_id, date, quantity, ${hasStockLeft ? 'stock_left' : 'NULL AS stock_left'} FROM sales
         WHERE voided_at IS NULL ORDER BY customer_id, product_id, date, id`,
      )
      .all();
    const histories: EvalHistory[] = [];
    let current: EvalHistory | null = null;
    let currentKey = '';
    for (const row of rows) {
      const key = `${row.customer_id}:${row.product_id}`;
      if (key !== currentKey) {
        currentKey = key;
        const person = people.get(row.customer_id);
        const product = products.get(row.product_id);
        if (!person || !product) {
          current = null;
          continue;
        }
        current = {
          prior: priorDailyUse(person, { adult: product.use_adult, child: product.use_child, senior: product.use_senior }),
          leadDays: product.lead_days,
          purchases: [],
          product: `${product.name} (${product.unit})`,
        };
        histories.push(current);
      }
      current?.purchases.push({ date: row.date, quantity: row.quantity, stockLeft: row.stock_left });
    }
    return histories;
  } finally {
    db.close();
  }
}

/**
 * What a scored purchase is put under: a generator event of its own cycle, or of the cycle before, or,
 * when nothing happened, how much history the estimate had.
 */
export type Cause = CycleEvent | `${CycleEvent} (cycle before)` | 'nothing unusual, 6+ intervals known' | 'nothing unusual, 1-5 intervals known';

export interface CauseRow {
  cause: Cause;
  purchases: number;
  /** Share of all scored purchases. */
  share: number;
  onTime: number;
  premature: number;
  late: number;
  /** Late and premature purchases of this cause as shares of all scored purchases: what it costs the on-time rate. */
  lateOfAll: number;
  prematureOfAll: number;
}

/**
 * Which generator event a purchase is put under when its cycles had several: the cycle that ended with
 * the purchase decides its date, so its events come first, the ones that move the date most first; then
 * the cycle before (it fed the estimate and the stock). Each purchase is counted once, so the rows add
 * up to the overall figures.
 */
const CAUSE_ORDER = [
  'spring festival',
  'holiday',
  'bought elsewhere',
  'household changed',
  'early (stocker)',
  'early',
  'ran out, came later',
] as const satisfies readonly CycleEvent[];
// Every event has its place in the order: a new generator event without one fails the typecheck here.
const everyEventOrdered: Exclude<CycleEvent, (typeof CAUSE_ORDER)[number]> extends never ? true : never = true;
void everyEventOrdered;

function primaryCause(here: readonly CycleEvent[], before: readonly CycleEvent[], observations: number): Cause {
  for (const cause of CAUSE_ORDER) if (here.includes(cause)) return cause;
  for (const cause of CAUSE_ORDER) if (before.includes(cause)) return `${cause} (cycle before)`;
  // Nothing happened: what is left is use noise and, with few purchases, the estimate still learning.
  return confidenceOf(observations) === 'high' ? 'nothing unusual, 6+ intervals known' : 'nothing unusual, 1-5 intervals known';
}

/**
 * Demo only: Huitou's outcome split by what the generator says happened in the cycle before each
 * scored purchase (or in the cycle before that, which fed the estimate), each purchase under one cause
 * (CAUSE_ORDER). Null without events.
 */
export function missCauses(histories: EvalHistory[]): CauseRow[] | null {
  if (!histories.some((h) => h.events)) return null;
  const tally = new Map<Cause, { n: number; onTime: number; premature: number; late: number }>();
  let total = 0;
  const huitouPredictor = huitouPredictorFor(histories);
  for (const h of histories) {
    if (!h.events) continue;
    // mergeSameDay keeps one purchase per day; the demo never sells twice a day to one pair.
    const merged = mergeSameDay(h.purchases);
    if (merged.length !== h.purchases.length) continue;
    const list = outcomes([h], huitouPredictor);
    list.forEach((o, i) => {
      const k = i + 2;
      const key = primaryCause(h.events![k] ?? [], h.events![k - 1] ?? [], k - 1);
      const kind = classify(o);
      total++;
      const t = tally.get(key) ?? { n: 0, onTime: 0, premature: 0, late: 0 };
      t.n++;
      t[kind]++;
      tally.set(key, t);
    });
  }
  return [...tally]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([cause, t]) => ({
      cause,
      purchases: t.n,
      share: t.n / total,
      onTime: t.onTime / t.n,
      premature: t.premature / t.n,
      late: t.late / t.n,
      lateOfAll: t.late / total,
      prematureOfAll: t.premature / total,
    }));
}

/**
 * Demo only: how far any forecast could go on these shops. A predictor that knows, in hindsight, each
 * household's long-run use (everything it bought over the whole history, cycles with a generator event
 * left out) and reminds in the middle of the useful window: run-out - lead - (7 - lead) / 2 days, never
 * on or before the purchase day. It still cannot know a trip, a purchase elsewhere or an early visit
 * before it happens, nor a cycle's use noise: what it misses, no method without that knowledge catches.
 */
export function hindsightCeiling(histories: EvalHistory[]): MethodScore | null {
  const list = hindsightOutcomes(histories);
  return list ? scoreOutcomes(list) : null;
}

/** The hindsight reference's outcome for each purchase it scores (grouped by product for the per-product figures). */
export function hindsightOutcomes(histories: EvalHistory[]): Outcome[] | null {
  if (!histories.some((h) => h.events)) return null;
  const list: Outcome[] = [];
  for (const h of histories) {
    const p = h.purchases;
    if (!h.events || p.length < 3 || mergeSameDay(p).length !== p.length) continue;
    let used = 0;
    let days = 0;
    for (let i = 1; i < p.length; i++) {
      if (h.events[i]?.length) continue;
      used += p[i - 1]!.quantity + (p[i - 1]!.stockLeft ?? 0) - (p[i]!.stockLeft ?? 0);
      days += daysBetween(p[i - 1]!.date, p[i]!.date);
    }
    const rate = days > 0 && used > 0 ? used / days : h.prior;
    const knowsTheRate: Predictor = (history, before) => {
      const last = before[before.length - 1]!;
      const daysOfStock = Math.round((last.quantity + (last.stockLeft ?? 0)) / rate);
      const runOut = addDays(last.date, daysOfStock);
      const extra = Math.max(0, Math.min(Math.round((PREMATURE_SLACK_DAYS - history.leadDays) / 2), daysOfStock - history.leadDays - 1));
      return { runOut, reminder: addDays(runOut, -history.leadDays - extra) };
    };
    list.push(...outcomes([h], knowsTheRate));
  }
  return list;
}
