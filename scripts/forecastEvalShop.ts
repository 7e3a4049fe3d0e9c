/**
 * forecast:eval's own simulated shops (since forecast v5), shaped like the one the issue measured the
 * forecast on: rice, bottled water and bottled gas; trips, the Spring Festival, purchases elsewhere, early
 * visits, households that change and 12 % a year who stop coming. Two things the demo shop
 * (shared/domain/demoShop.ts, what a new user looks at) does not model, so that learning them is measured:
 * - Seasons that matter: gas use peaks in mid-January (hot water, hot pot), water in mid-July, each
 *   +-SEASON_AMPLITUDE around the year's mean (1.67x between peak and trough); rice is flat.
 * - Each shop's households use their own amounts: a per-shop, per-product multiplier on the guideline
 *   per-person figures, drawn from SHOP_RATE_RANGE (the issue measured 0.80 rice, 1.29 water, 1.21 gas on
 *   its shop), on top of each household's own spread (log-normal sd 0.25) as in the demo.
 * The noise is the demo generator's: per cycle log-normal with sd sqrt(0.08^2 + 0.35^2 / days of use),
 * the same habits (stockers, purchases elsewhere, trips, changes) and the same answers to "how much is
 * left?". The output has the demo shop's shape (sales with events, the stock trace), so the rest of the
 * eval reads either. Pure and seeded.
 */
import type { CustomerDraft } from '../shared/contract.ts';
import { addDays, daysBetween } from '../shared/domain/dates.ts';
import type { AwaySpan, CycleEvent, DemoSale, DemoTrace, StockLeg } from '../shared/domain/demoShop.ts';
import type { HouseholdPeople } from '../shared/domain/household.ts';
import { priorDailyUse } from '../shared/domain/forecast.ts';
import { defaultProducts } from '../shared/domain/productDefaults.ts';
import { createRandom, type Random } from '../shared/domain/random.ts';

export const SEASON_AMPLITUDE = 0.25;
export const SHOP_RATE_RANGE = [0.7, 1.3] as const;

interface SimProduct {
  nameKey: string;
  share: number;
  quantities: number[];
  /** Day of the year use peaks, or null: flat. */
  peakDay: number | null;
}
const PRODUCTS: SimProduct[] = [
  { nameKey: 'rice_kg', share: 0.7, quantities: [5, 10, 10, 25], peakDay: null },
  { nameKey: 'water_bucket', share: 0.55, quantities: [1, 2, 2, 3], peakDay: 196 },
  { nameKey: 'gas_cylinder', share: 0.45, quantities: [1], peakDay: 15 },
];

const FESTIVALS = ['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26'];
const SIZES = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 6];

/** The true use multiplier of a product on a date (the year's mean is 1). */
export function trueSeason(peakDay: number | null, date: string): number {
  if (peakDay === null) return 1;
  const day = daysBetween(`${date.slice(0, 4)}-01-01`, date);
  return 1 + SEASON_AMPLITUDE * Math.cos((2 * Math.PI * (day - peakDay)) / 365);
}

/** What the hindsight reference is told: the household's true use (people x shop x its own spread), without seasons or noise. */
export interface TrueUse {
  baseRate: number;
  /** From this date on, use is baseRate x changeFactor (a baby, a lodger gone). */
  changeDate: string | null;
  changeFactor: number;
}

export interface EvalShop {
  households: CustomerDraft[];
  sales: DemoSale[];
  trace: DemoTrace;
  /** Index into productDefaults of each simulated product, and its per-shop true multiplier. */
  products: { product: number; shopRate: number }[];
  /** Per household and product index (`${household}:${product}`). */
  trueUse: Map<string, TrueUse>;
}

const spread = (random: Random, sd: number) => Math.exp(sd * Math.SQRT2 * random.normal());

function people(random: Random): HouseholdPeople {
  const size = random.pick(SIZES);
  const seniors = size >= 4 ? random.int(0, 2) : random.chance(0.25) ? size : 0;
  const children = size - seniors >= 3 ? random.int(1, size - seniors - 1) : 0;
  return { adults: size - seniors - children, children, seniors };
}

export function generateEvalShop(options: { households: number; endDate: string; days: number; seed: number }): EvalShop {
  const random = createRandom(options.seed * 7919 + 17);
  const { days } = options;
  const start = addDays(options.endDate, -days);
  const products = PRODUCTS.map((p) => ({
    product: defaultProducts.findIndex((d) => d.nameKey === p.nameKey),
    shopRate: SHOP_RATE_RANGE[0] + random.next() * (SHOP_RATE_RANGE[1] - SHOP_RATE_RANGE[0]),
  }));
  const shop: EvalShop = { households: [], sales: [], trace: { away: [], stopped: [], stock: [] }, products, trueUse: new Map() };
  for (let h = 0; h < options.households; h++) {
    const who = people(random);
    shop.households.push({ ...who, name: `户${h}`, phones: [], address: '', area: '', payday: null, tags: [], notes: '', creditLimitFen: null });
    const joined = random.int(0, Math.floor(days * 0.6));
    const stops = random.chance(0.12 * (days / 365)) ? random.int(Math.min(days, joined + 30), days) : days + 1;
    const away: AwaySpan[] = [];
    const trips = random.chance(0.1) ? 2 : random.chance(0.35) ? 1 : 0;
    for (let t = 0; t < Math.round((trips * days) / 365); t++)
      away.push({ from: addDays(start, random.int(0, days)), days: random.int(4, 14), kind: 'holiday' });
    if (random.chance(0.33))
      for (const festival of FESTIVALS)
        if (festival >= start && festival <= options.endDate)
          away.push({ from: addDays(festival, -random.int(1, 5)), days: random.int(7, 21), kind: 'spring festival' });
    away.sort((a, b) => daysBetween(b.from, a.from));
    shop.trace.away.push(away);
    const stocker = random.chance(0.2);
    const elsewhere = random.chance(0.15) ? 0.1 + random.next() * 0.15 : random.next() * 0.05;
    const changeDay = random.chance(0.1 * (days / 365)) ? random.int(joined, days) : null;
    const changeFactor = random.pick([0.7, 0.8, 1.25, 1.35]);
    PRODUCTS.forEach((sim, i) => {
      if (!random.chance(sim.share)) return;
      const { product, shopRate } = products[i]!;
      const baseRate = priorDailyUse(who, defaultProducts[product]!.dailyUse) * shopRate * spread(random, 0.25);
      shop.trueUse.set(`${h}:${product}`, { baseRate, changeDate: changeDay === null ? null : addDays(start, changeDay), changeFactor });
      const usual = random.pick(sim.quantities);
      const legs: StockLeg[] = [];
      shop.trace.stock.push({ household: h, product, legs });
      let stock = 0;
      let day = joined + random.int(0, 10);
      let events: CycleEvent[] = [];
      while (day < Math.min(days, stops)) {
        const date = addDays(start, day);
        const here = !random.chance(elsewhere);
        const quantity = random.chance(0.12) ? random.pick(sim.quantities) : usual;
        if (here) {
          const asked = random.chance(0.3);
          shop.sales.push({ household: h, product, quantity, paid: true, date, ...(asked ? { stockLeft: Math.round(stock * 2) / 2 } : {}), events });
          events = [];
        } else events.push('bought elsewhere');
        stock += quantity;
        const changed = changeDay !== null && day >= changeDay;
        if (changed && day - changeDay < 60) events.push('household changed');
        const mean = baseRate * trueSeason(sim.peakDay, date) * (changed ? changeFactor : 1);
        const rate = Math.max(0.001, mean * spread(random, Math.sqrt(0.08 ** 2 + 0.35 ** 2 / Math.max(1, stock / mean))));
        const early = random.chance(stocker ? 0.7 : 0.1);
        if (early) events.push(stocker ? 'early (stocker)' : 'early');
        const keep = early ? quantity * (0.1 + random.next() * 0.3) : 0;
        const useDays = Math.max(1, Math.round(Math.max(0, stock - keep) / rate));
        const stockAfterPurchase = stock;
        stock = Math.max(0, stock - rate * useDays);
        let next = day + useDays;
        if (!early && random.chance(0.1)) {
          next += random.int(1, 2);
          events.push('ran out, came later');
        }
        const awayThisLeg: AwaySpan[] = [];
        for (const a of away) {
          const from = daysBetween(start, a.from);
          if (from >= day && from < next) {
            next += a.days;
            events.push(a.kind);
            awayThisLeg.push(a);
          }
        }
        legs.push({ date, until: addDays(start, next), here, stock: stockAfterPurchase, rate, useDays, away: awayThisLeg });
        day = next;
      }
    });
  }
  shop.sales.sort((a, b) => daysBetween(b.date, a.date) || a.household - b.household);
  return shop;
}
