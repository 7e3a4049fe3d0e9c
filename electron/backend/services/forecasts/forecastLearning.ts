/**
 * What the shop's own sales teach each product's forecasts (shared/domain/forecastShop.ts): learned from
 * every household's sales in one ordered read, stored on the product (migration 0008), and read back as
 * the ShopContext every pair of the product is forecast with. Relearned before every full recompute
 * (a new forecast version, and at start once LEARN_EVERY_DAYS have passed) and when the owner changes a
 * product's season preset; between two, a sale is forecast with what was learned last.
 */
import type Database from 'better-sqlite3';
import { addDays } from '../../../../shared/domain/dates.ts';
import { priorDailyUse, type ShopContext } from '../../../../shared/domain/forecast.ts';
import { presetIndex, seasonCurve, type SeasonPreset } from '../../../../shared/domain/forecastSeasons.ts';
import { createShopLearner, type ShopLearner } from '../../../../shared/domain/forecastShop.ts';

/** Seasons and rates move slowly: a week's sales change them little, and relearning reads every sale. */
export const LEARN_EVERY_DAYS = 7;

/** A product's columns the forecast reads (with its per-person figures and lead days). */
export interface ProductLearned {
  season_preset: SeasonPreset;
  learned_season: string | null;
  learned_rate_factor: number;
}

// Many pairs share a product: its curve is built once per learned index.
const contexts = new Map<string, ShopContext>();

/** The forecast's ShopContext of a product row: the learned index, or the preset's until one is learned. */
export function shopContextOfProduct(row: ProductLearned): ShopContext {
  const key = `${row.season_preset}|${row.learned_season ?? ''}|${row.learned_rate_factor}`;
  let context = contexts.get(key);
  if (!context) {
    const index = row.learned_season ? (JSON.parse(row.learned_season) as number[]) : presetIndex(row.season_preset);
    context = { season: seasonCurve(index), rateFactor: row.learned_rate_factor };
    if (contexts.size > 1000) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

type LearnRow = [
  customerId: number,
  productId: number,
  date: string,
  quantity: number,
  stockLeft: number | null,
  adults: number,
  children: number,
  seniors: number,
];

export function createForecastLearning(db: Database.Database) {
  const products = db.prepare<[], { id: number; season_preset: SeasonPreset; use_adult: number; use_child: number; use_senior: number }>(
    'SELECT id, season_preset, use_adult, use_child, use_senior FROM products WHERE archived_at IS NULL',
  );
  // One walk of the covering index by household and product, people joined per household.
  const sales = (filtered: boolean) =>
    db
      .prepare<number[], LearnRow>(
        `SELECT s.customer_id, s.product_id, s.date, s.quantity, s.stock_left, c.adults, c.children, c.seniors
         FROM sales s JOIN customers c ON c.id = s.customer_id
         WHERE s.voided_at IS NULL ${filtered ? 'AND +s.product_id = ?' : ''} ORDER BY s.customer_id, s.product_id, s.date, s.id`,
      )
      .raw();
  const reads = [sales(false), sales(true)] as const;
  const store = db.prepare(
    'UPDATE products SET learned_season = ?, learned_rate_factor = ?, learned_own_factor = ?, learned_households = ?, learned_on = ? WHERE id = ?',
  );
  const before = db.prepare<[number], { learned_season: string | null; learned_rate_factor: number }>(
    'SELECT learned_season, learned_rate_factor FROM products WHERE id = ?',
  );
  const oldestLearned = db.prepare<[], { oldest: string | null; never: number }>(
    'SELECT min(learned_on) AS oldest, count(*) FILTER (WHERE learned_on IS NULL) AS never FROM products WHERE archived_at IS NULL',
  );

  /**
   * Learns every product (or one) from its sales and stores it, in the caller's transaction. Returns the
   * ids whose learned context changed (their pairs need forecasting again).
   */
  function learn(today: string, productId?: number): number[] {
    const list = products.all().filter((p) => productId === undefined || p.id === productId);
    const learners = new Map<number, { learner: ShopLearner; rates: { adult: number; child: number; senior: number } }>();
    for (const p of list)
      learners.set(p.id, { learner: createShopLearner(p.season_preset), rates: { adult: p.use_adult, child: p.use_child, senior: p.use_senior } });
    let pair: { customer: number; product: number; prior: number; purchases: { date: string; quantity: number; stockLeft: number | null }[] } | null = null;
    const flush = () => {
      if (pair) learners.get(pair.product)?.learner.add(pair.prior, pair.purchases);
    };
    const rows = productId === undefined ? reads[0].iterate() : reads[1].iterate(productId);
    for (const [customer, product, date, quantity, stockLeft, adults, children, seniors] of rows) {
      if (!pair || pair.customer !== customer || pair.product !== product) {
        flush();
        const target = learners.get(product);
        pair = { customer, product, prior: target ? priorDailyUse({ adults, children, seniors }, target.rates) : 0, purchases: [] };
      }
      pair.purchases.push({ date, quantity, stockLeft });
    }
    flush();
    const changed: number[] = [];
    for (const [id, { learner }] of learners) {
      const result = learner.result();
      // Rounded: the stored figures are compared to decide what to forecast again.
      const season = JSON.stringify(result.season.map((v) => Math.round(v * 1000) / 1000));
      const factor = Math.round(result.rateFactor * 1000) / 1000;
      const old = before.get(id);
      if (!old || old.learned_season !== season || old.learned_rate_factor !== factor) changed.push(id);
      store.run(season, factor, Math.round(result.ownFactor * 1000) / 1000, result.households, today, id);
    }
    return changed;
  }

  /** Whether a product was never learned, or not for LEARN_EVERY_DAYS. */
  function isStale(today: string): boolean {
    const { oldest, never } = oldestLearned.get()!;
    return never > 0 || (oldest !== null && oldest <= addDays(today, -LEARN_EVERY_DAYS));
  }

  return { learn, isStale };
}
export type ForecastLearning = ReturnType<typeof createForecastLearning>;
