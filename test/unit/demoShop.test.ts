import { describe, expect, it } from 'vitest';
import { customerDraftSchema } from '../../shared/contract.ts';
import { addDays, isBusinessDate } from '../../shared/domain/dates.ts';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';
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

  it('gives most households at least one sale', () => {
    const buyers = new Set(shop.sales.map((s) => s.household));
    expect(buyers.size).toBeGreaterThan(120);
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
