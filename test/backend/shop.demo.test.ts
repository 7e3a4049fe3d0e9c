/** The demo shop as a shopkeeper first sees it: a worked book on an ordinary morning. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { DEMO_CALLS_DAYS } from '../../electron/backend/services/shop/demoHistory.ts';
import { makeBackend, PINNED_TODAY, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeAll(() => {
  b = makeBackend();
  b.call('shop.createDemo', { language: 'zh-CN' });
});
afterAll(() => b.dispose());

const rows = <T>(sql: string, ...params: unknown[]) => b.context.db.prepare(sql).all(...params) as T[];

/**
 * Each household's use of a product in winter (Dec-Feb) over its use in summer (Jun-Aug), from the
 * book's sales: what it bought over the days until it came again, the interval placed by its middle.
 * Within a household, so that households joining through the year do not tilt it.
 */
function winterOverSummer(unit: string): number[] {
  const sales = rows<{ customer_id: number; date: string; quantity: number }>(
    `SELECT s.customer_id, s.date, s.quantity FROM sales s JOIN products p ON p.id = s.product_id
     WHERE p.unit = ? AND s.voided_at IS NULL ORDER BY s.customer_id, s.date`,
    unit,
  );
  const ratios: number[] = [];
  for (let i = 0; i < sales.length;) {
    const use = { winter: { quantity: 0, days: 0 }, summer: { quantity: 0, days: 0 } };
    let j = i + 1;
    for (; j < sales.length && sales[j]!.customer_id === sales[i]!.customer_id; j++) {
      const days = daysBetween(sales[j - 1]!.date, sales[j]!.date);
      const month = Number(addDays(sales[j - 1]!.date, Math.floor(days / 2)).slice(5, 7));
      const season = [12, 1, 2].includes(month) ? use.winter : [6, 7, 8].includes(month) ? use.summer : null;
      if (!season) continue;
      season.quantity += sales[j - 1]!.quantity;
      season.days += days;
    }
    if (use.winter.days > 0 && use.summer.days > 0) ratios.push(use.winter.quantity / use.winter.days / (use.summer.quantity / use.summer.days));
    i = j;
  }
  return ratios.sort((x, y) => x - y);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;

describe('the demo shop on its first morning', () => {
  it('has a day of calls to make, not a backlog: 10 to 35 due, a week ahead, and a few not heard from', () => {
    const list = b.call('callList.list', { days: 7 });
    expect(list.today).toBe(PINNED_TODAY);
    expect(list.dueTotal).toBeGreaterThanOrEqual(10);
    expect(list.dueTotal).toBeLessThanOrEqual(35);
    expect(list.upcomingTotal).toBeGreaterThan(0);
    // households that stopped coming: some, not a second list as long as the first
    expect(list.lapsedTotal).toBeGreaterThan(0);
    expect(list.lapsedTotal).toBeLessThanOrEqual(25);
    expect(b.call('callList.lapsed', {}).length).toBe(list.lapsedTotal);
  });

  it('was worked: calls with every outcome, snoozes and skips, over the last two months and none today', () => {
    const byKind = rows<{ kind: string; outcome: string | null; n: number }>('SELECT kind, outcome, count(*) AS n FROM contacts GROUP BY kind, outcome');
    const count = (kind: string, outcome: string | null = null) => byKind.find((r) => r.kind === kind && r.outcome === outcome)?.n ?? 0;
    for (const outcome of ['will_come', 'deliver', 'not_needed', 'no_answer']) expect(count('call', outcome), outcome).toBeGreaterThan(20);
    expect(count('snooze')).toBeGreaterThan(5);
    expect(count('skip')).toBeGreaterThan(0);
    const span = rows<{ first: string; last: string }>('SELECT min(created_at) AS first, max(created_at) AS last FROM contacts')[0]!;
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(new Date(`${addDays(PINNED_TODAY, -DEMO_CALLS_DAYS)}T00:00:00`).getTime());
    expect(new Date(span.last).getTime()).toBeLessThan(new Date(`${PINNED_TODAY}T00:00:00`).getTime());
    // a stock report on a "not needed yet" call, as the Today screen records it
    expect(rows<{ n: number }>("SELECT count(*) AS n FROM contacts WHERE outcome = 'not_needed' AND stock_left IS NOT NULL")[0]!.n).toBeGreaterThan(0);
    // and a household's record shows its calls
    const called = rows<{ customer_id: number }>("SELECT customer_id FROM contacts WHERE outcome = 'deliver' LIMIT 1")[0]!.customer_id;
    expect(b.call('customers.contacts', { customerId: called }).some((c) => c.outcome === 'deliver')).toBe(true);
  });

  it('has purchases that followed the calls: most who said they would come or asked for a delivery bought within three days', () => {
    const promised = rows<{ bought: number }>(
      `SELECT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = k.customer_id AND s.product_id = k.product_id
         AND s.date >= substr(k.created_at, 1, 10) AND s.date <= date(k.created_at, '+3 days')) AS bought
       FROM contacts k WHERE k.outcome IN ('will_come', 'deliver') AND k.created_at < ?`,
      `${addDays(PINNED_TODAY, -3)}`,
    );
    expect(promised.length).toBeGreaterThan(100);
    expect(promised.filter((p) => p.bought).length / promised.length).toBeGreaterThan(0.9);
  });

  it('has seasons in its history: gas used more in winter than in summer, bottled water the other way', () => {
    const gas = winterOverSummer('cylinder');
    expect(gas.length).toBeGreaterThanOrEqual(10);
    expect(median(gas)).toBeGreaterThan(1.15);
    const water = winterOverSummer('bucket');
    expect(water.length).toBeGreaterThanOrEqual(10);
    expect(median(water)).toBeLessThan(0.85);
  });

  it('has households owing, and a few that paid ahead', () => {
    const balances = rows<{ owing: number; ahead: number }>('SELECT sum(balance_fen > 0) AS owing, sum(balance_fen < 0) AS ahead FROM balances')[0]!;
    expect(balances.owing).toBeGreaterThan(10);
    expect(balances.ahead).toBeGreaterThanOrEqual(2);
    expect(b.call('credit.collections', {}).total).toBeGreaterThan(0);
  });
});
