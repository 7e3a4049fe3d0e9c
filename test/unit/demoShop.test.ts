import { describe, expect, it } from 'vitest';
import { customerDraftSchema } from '../../shared/contract.ts';
import { addDays, isBusinessDate } from '../../shared/domain/dates.ts';
import { generateDemoShop, isAway, stockOnDate, type StockLeg } from '../../shared/domain/demoShop.ts';
import { MAX_PEOPLE_PER_GROUP } from '../../shared/domain/household.ts';
import { defaultProducts } from '../../shared/domain/productDefaults.ts';
import { createRandom } from '../../shared/domain/random.ts';

const endDate = '2026-11-22';

describe('generateDemoShop', () => {
  const shop = generateDemoShop({ households: 150, endDate });

  it('is deterministic: the same seed gives the same shop', () => {
    expect(generateDemoShop({ households: 150, endDate })).toEqual(shop);
    expect(generateDemoShop({ households: 20, endDate, seed: 7 })).toEqual(generateDemoShop({ households: 20, endDate, seed: 7 }));
  });

  it('differs with another seed', () => {
    expect(generateDemoShop({ households: 20, endDate, seed: 8 })).not.toEqual(generateDemoShop({ households: 20, endDate, seed: 7 }));
  });

  it('makes the requested number of households, each a valid draft under the contract', () => {
    expect(shop.households).toHaveLength(150);
    for (const h of shop.households) {
      for (const n of [h.adults, h.children, h.seniors]) {
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(MAX_PEOPLE_PER_GROUP);
      }
      expect(h.adults + h.children + h.seniors).toBeGreaterThanOrEqual(1);
      expect(h.adults + h.children + h.seniors).toBeLessThanOrEqual(30);
      const parsed = customerDraftSchema.safeParse(h);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      if (parsed.success) expect(parsed.data.phones).toEqual(h.phones);
    }
  });

  it('has sales only for real households and products, within the last year, sorted by date', () => {
    expect(shop.sales.length).toBeGreaterThan(1000);
    const start = addDays(endDate, -365);
    let previous = '';
    for (const sale of shop.sales) {
      expect(isBusinessDate(sale.date)).toBe(true);
      expect(sale.date >= start).toBe(true);
      expect(sale.date < endDate || sale.date === endDate).toBe(true);
      expect(sale.date >= previous).toBe(true);
      previous = sale.date;
      expect(sale.household).toBeGreaterThanOrEqual(0);
      expect(sale.household).toBeLessThan(150);
      expect(defaultProducts[sale.product]).toBeDefined();
      expect(sale.quantity).toBeGreaterThan(0);
    }
  });

  it('honours a shorter history', () => {
    const short = generateDemoShop({ households: 30, endDate, days: 30, seed: 1 });
    for (const sale of short.sales) expect(sale.date >= addDays(endDate, -30) && sale.date <= endDate).toBe(true);
  });

  it('has as many buyers of a product as asked (the demo: few buy milk), and seasons as strong as asked', () => {
    const milk = defaultProducts.findIndex((p) => p.nameKey === 'milk_litre');
    const buyers = (s: typeof shop, product: number) => new Set(s.sales.filter((x) => x.product === product).map((x) => x.household)).size;
    expect(buyers(generateDemoShop({ households: 150, endDate, shares: { milk_litre: 0 } }), milk)).toBe(0);
    expect(buyers(generateDemoShop({ households: 150, endDate, shares: { milk_litre: 1 } }), milk)).toBeGreaterThan(140);
    // with no seasons at all, another shop (the seasons shape every household's use)
    expect(generateDemoShop({ households: 150, endDate, seasonScale: 0 }).sales).not.toEqual(shop.sales);
  });

  it('gives most households at least one sale', () => {
    const buyers = new Set(shop.sales.map((s) => s.household));
    expect(buyers.size).toBeGreaterThan(120);
  });
});

describe('the trace: what the book never sees', () => {
  const traced = generateDemoShop({ households: 150, endDate, trace: true });

  it('changes nothing of the shop itself', () => {
    const { trace, ...rest } = traced;
    expect(trace).toBeDefined();
    expect({ ...rest, sales: rest.sales.map(({ events: _, ...sale }) => sale) }).toEqual(generateDemoShop({ households: 150, endDate }));
  });

  it('has one leg per purchase here, with the stock the household said it had at the counter', () => {
    const salesOf = new Map<string, typeof traced.sales>();
    for (const sale of traced.sales) {
      const key = `${sale.household}:${sale.product}`;
      salesOf.set(key, [...(salesOf.get(key) ?? []), sale]);
    }
    let checked = 0;
    for (const { household, product, legs } of traced.trace!.stock) {
      const here = legs.filter((l) => l.here);
      const sales = salesOf.get(`${household}:${product}`) ?? [];
      expect(here.map((l) => l.date)).toEqual(sales.map((s) => s.date));
      legs.forEach((leg, i) => {
        expect(leg.until > leg.date).toBe(true);
        if (i > 0) expect(leg.date).toBe(legs[i - 1]!.until);
        // What was at home before this purchase is what the leg before left.
        const before = i === 0 ? 0 : Math.max(0, legs[i - 1]!.stock - legs[i - 1]!.rate * legs[i - 1]!.useDays);
        const sale = sales.find((s) => s.date === leg.date);
        if (sale) {
          expect(leg.stock).toBeCloseTo(before + sale.quantity, 9);
          if (sale.stockLeft !== undefined) expect(sale.stockLeft).toBe(Math.round(before * 2) / 2);
          checked++;
        } else expect(leg.stock).toBeGreaterThan(before); // bought elsewhere
        expect(stockOnDate(legs, leg.date)).toBe(leg.stock);
      });
    }
    expect(checked).toBe(traced.sales.length);
  });

  it('lists each household away the same days for every product', () => {
    expect(traced.trace!.away).toHaveLength(150);
    for (const { household, legs } of traced.trace!.stock) {
      for (const leg of legs) for (const a of leg.away) expect(traced.trace!.away[household]).toContainEqual(a);
    }
  });
});

describe('stockOnDate', () => {
  // 10 kg bought on the 1st, 0.5 kg a day for 16 days of use, away 5 days from the 5th; next purchase on the 24th.
  const legs: StockLeg[] = [
    { date: '2026-03-01', until: '2026-03-24', here: true, stock: 10, rate: 0.5, useDays: 16, away: [{ from: '2026-03-05', days: 5, kind: 'holiday' }] },
  ];
  it('runs down by the daily use, not while the household is away, and stays at what was left until the next purchase', () => {
    expect(stockOnDate(legs, '2026-02-28')).toBeNull();
    expect(stockOnDate(legs, '2026-03-01')).toBe(10);
    expect(stockOnDate(legs, '2026-03-05')).toBe(8);
    expect(stockOnDate(legs, '2026-03-10')).toBe(8); // back on the 10th: nothing used while away
    expect(stockOnDate(legs, '2026-03-12')).toBe(7);
    expect(stockOnDate(legs, '2026-03-21')).toBe(2.5); // 16 days of use: 1 .. 4 and 10 .. 21
    expect(stockOnDate(legs, '2026-03-22')).toBe(2);
    expect(stockOnDate(legs, '2026-03-23')).toBe(2); // kept at home (an early visit on the 24th)
    expect(stockOnDate(legs, '2026-03-24')).toBeNull(); // the generator knows nothing later
  });

  it('and isAway tells the days nobody answers', () => {
    const away = legs[0]!.away;
    expect(['2026-03-04', '2026-03-05', '2026-03-09', '2026-03-10'].map((d) => isAway(away, d))).toEqual([false, true, true, false]);
  });
});

describe('createRandom', () => {
  it('repeats for a seed and stays in range', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x >= 0 && x < 1).toBe(true);
      const n = a.int(3, 5);
      b.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
  });
});
