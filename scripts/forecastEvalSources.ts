/**
 * Where forecast:eval gets its purchase histories: the demo generator (several seeded shops), or a
 * real Huitou database opened read-only. Each history is one household and one product.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { generateDemoShop } from '../shared/domain/demoShop.ts';
import { priorDailyUse } from '../shared/domain/forecast.ts';
import { classify, huitouPredictor, outcomes, type History } from '../shared/domain/forecastQuality.ts';
import { mergeSameDay } from '../shared/domain/forecast.ts';
import { defaultProducts } from '../shared/domain/productDefaults.ts';

export interface EvalHistory extends History {
  product: string;
  /** Demo only: what happened in the cycle that ended with each purchase (same order as purchases). */
  events?: string[][];
}

export function demoHistories(options: { seeds: number[]; households: number; days: number; endDate: string }): EvalHistory[] {
  const histories: EvalHistory[] = [];
  for (const seed of options.seeds) {
    const shop = generateDemoShop({ households: options.households, endDate: options.endDate, days: options.days, seed, trace: true });
    const pairs = new Map<string, EvalHistory>();
    for (const sale of shop.sales) {
      const key = `${sale.household}:${sale.product}`;
      let h = pairs.get(key);
      if (!h) {
        const product = defaultProducts[sale.product]!;
        const people = shop.households[sale.household]!;
        h = { prior: priorDailyUse(people, product.dailyUse), leadDays: product.leadDays, purchases: [], product: product.nameEn, events: [] };
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
      db.prepare<[], { id: number; adults: number; children: number; seniors: number }>('SELECT id, adults, children, seniors FROM customers').all().map((c) => [c.id, c]),
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

export interface CauseRow {
  cause: string;
  purchases: number;
  /** Share of all scored purchases. */
  share: number;
  onTime: number;
  premature: number;
  late: number;
}

/**
 * Demo only: Huitou's outcome split by what the generator says happened in the cycle before each
 * scored purchase (or in the cycle before that, which fed the estimate). Null without events.
 */
export function missCauses(histories: EvalHistory[]): CauseRow[] | null {
  if (!histories.some((h) => h.events)) return null;
  const tally = new Map<string, { n: number; onTime: number; premature: number; late: number }>();
  let total = 0;
  for (const h of histories) {
    if (!h.events) continue;
    // mergeSameDay keeps one purchase per day; the demo never sells twice a day to one pair.
    const merged = mergeSameDay(h.purchases);
    if (merged.length !== h.purchases.length) continue;
    const list = outcomes([h], huitouPredictor);
    list.forEach((o, i) => {
      const k = i + 2;
      const here = h.events![k] ?? [];
      const before = (h.events![k - 1] ?? []).map((e) => `${e} (cycle before)`);
      const causes = [...here, ...before];
      const keys = causes.length ? [...new Set(causes)] : ['nothing unusual'];
      const kind = classify(o);
      total++;
      for (const key of keys) {
        const t = tally.get(key) ?? { n: 0, onTime: 0, premature: 0, late: 0 };
        t.n++;
        t[kind]++;
        tally.set(key, t);
      }
    });
  }
  return [...tally]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([cause, t]) => ({ cause, purchases: t.n, share: t.n / total, onTime: t.onTime / t.n, premature: t.premature / t.n, late: t.late / t.n }));
}
