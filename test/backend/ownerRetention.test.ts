import { afterEach, describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, fitBgnbd, probabilityAlive, type BgnbdHistory } from '../../shared/domain/bgnbd.ts';
import { cycleDays, LAPSED_AFTER_DAYS, lapsesOn } from '../../shared/domain/callList.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { makeBackend, PINNED_TODAY, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

const rice = 1;

function household(backend: TestBackend, name: string) {
  return backend.call('customers.create', { draft: { name, phones: [], adults: 2, children: 0, seniors: 0, payday: null } }).id;
}

describe('retention: households without a staple rhythm', () => {
  it('fits BG/NBD on their purchase days and lists the likely gone by what they spent', () => {
    b = makeBackend();
    b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
    const backend = b;
    const daysAgo = (n: number) => addDays(PINNED_TODAY, -n);
    const buy = (customerId: number, ago: number, amountFen: number) =>
      backend.call('sales.record', { customerId, productId: rice, quantity: 10, amountFen, paid: true, date: daysAgo(ago) });
    // 25 bought three times a fortnight apart and not since (112 days); 25 bought over the same 20 weeks
    // and a week ago; 10 bought once, 100 days ago. Two buys on one day count as one purchase day.
    const gone = Array.from({ length: 25 }, (_, i) => household(backend, `走${i}`));
    gone.forEach((id, i) => [140, 126, 112].forEach((ago) => buy(id, ago, 1000 + i * 100)));
    buy(gone[0]!, 112, 50);
    const alive = Array.from({ length: 25 }, (_, i) => household(backend, `在${i}`));
    alive.forEach((id) => [140, 70, 7].forEach((ago) => buy(id, ago, 100_000)));
    const once = Array.from({ length: 10 }, (_, i) => household(backend, `一${i}`));
    once.forEach((id) => buy(id, 100, 500_000));
    // A household with a rhythm (rice every ten days): the call list's, not the model's.
    const steady = household(backend, '稳');
    [50, 40, 30, 20, 10].forEach((ago) => buy(steady, ago, 9_000_000));
    expect(b.call('forecasts.forCustomer', { customerId: steady })[0]!.observations).toBeGreaterThanOrEqual(3);

    const r = b.call('owner.retention', {});
    expect(r.today).toBe(PINNED_TODAY);
    expect(r.households).toBe(60);
    // In weeks from each first purchase: x repeat purchase days, t_x the last one, T today.
    const goneH = { x: 2, tx: 4, T: 20 };
    const aliveH = { x: 2, tx: 19, T: 20 };
    const onceH = { x: 0, tx: 0, T: 100 / 7 };
    const hand: BgnbdHistory[] = [...Array(25).fill(goneH), ...Array(25).fill(aliveH), ...Array(10).fill(onceH)];
    const fit = fitBgnbd(hand);
    for (const key of ['r', 'alpha', 'a', 'b', 'logLikelihood'] as const) expect(r.fit![key]).toBeCloseTo(fit[key], 6);
    // Quiet for 16 of its 20 weeks after buying every other week: gone. Bought last week, or once only: not.
    expect(probabilityAlive(fit, goneH)).toBeLessThan(0.5);
    expect(probabilityAlive(fit, aliveH)).toBeGreaterThan(0.5);
    expect(r.likelyGone).toBe(25);
    const e90 = (h: BgnbdHistory) => conditionalExpectedPurchases(fit, h, 90 / 7);
    expect(r.expected90).toBeCloseTo(25 * e90(goneH) + 25 * e90(aliveH) + 10 * e90(onceH), 6);
    // Twenty listed, most spent first: 走24 (3 × 34.00), 走23, ... ; 走0 with its extra 0.50 is not among them.
    expect(r.gone).toHaveLength(20);
    expect(r.gone[0]).toEqual({
      customerId: gone[24],
      name: '走24',
      area: '',
      valueFen: 3 * 3400,
      purchases: 3,
      lastPurchase: daysAgo(112),
      pAlive: expect.closeTo(probabilityAlive(fit, goneH), 9),
      expected90: expect.closeTo(e90(goneH), 9),
    });
    expect(r.gone.map((h) => h.name)).toEqual(Array.from({ length: 20 }, (_, i) => `走${24 - i}`));
  });

  it('has no model below thirty households, and no sales no households', () => {
    b = makeBackend();
    b.call('shop.startEmpty', { shopName: '', language: 'zh-CN' });
    expect(b.call('owner.retention', {})).toMatchObject({ households: 0, fit: null, likelyGone: 0, expected90: 0, gone: [] });
    const id = household(b, '甲');
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, amountFen: 100, paid: true, date: PINNED_TODAY });
    expect(b.call('owner.retention', {})).toMatchObject({ households: 1, fit: null, gone: [] });
  });
});

describe('retention: winning back the "not heard from" households', () => {
  it('counts calls to lapsed reminders by month, and the households that bought within 30 days', () => {
    let clock = '2026-06-01';
    b = makeBackend({ now: () => new Date(`${clock}T10:00:00`) });
    b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
    const backend = b;
    const on = (day: string) => (clock = day);
    const buy = (customerId: number) => backend.call('sales.record', { customerId, productId: rice, quantity: 10, amountFen: 5000, paid: true, date: clock });
    const call = (customerId: number, outcome: 'will_come' | 'no_answer' = 'will_come') =>
      backend.call('callList.act', { customerId, productId: rice, action: 'called', outcome });
    const [w1, w2, w3, w4, w5] = ['一', '二', '三', '四', '五'].map((n) => household(backend, n)) as [number, number, number, number, number];
    [w1, w2, w4, w5].forEach(buy);
    on('2026-09-01');
    buy(w3);

    on('2026-09-15');
    const lapsed = b.call('callList.lapsed', { limit: 50 }).map((row) => row.customerId);
    expect(lapsed.sort()).toEqual([w1, w2, w4, w5].sort());
    call(w1);
    call(w2);
    call(w3); // bought a fortnight ago: not a win-back call
    call(w4, 'no_answer'); // lapsed: counts, and never buys
    b.call('callList.undo', { contactId: call(w5).id }); // undone: never made
    on('2026-09-16');
    call(w4); // the follow-up of yesterday's unanswered call: listed under today, not lapsed
    on('2026-09-20');
    buy(w1); // 5 days after the call: won back (and its reminder now runs a new cycle)
    on('2026-10-20');
    buy(w2); // 35 days after: not within 30
    on('2026-10-25');
    call(w4); // its follow-up of 9-17 lapsed since
    on(PINNED_TODAY);

    const { winBack } = b.call('owner.retention', {});
    expect(winBack.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `${i < 1 ? 2025 : 2026}-${String(((i + 11) % 12) + 1).padStart(2, '0')}`));
    expect(winBack.filter((m) => m.calls > 0)).toEqual([
      // 一, 二 and 四's first call (三's, 四's follow-up and 五's undone call are not win-back calls); 一 bought.
      { month: '2026-09', calls: 3, households: 3, won: 1 },
      { month: '2026-10', calls: 1, households: 1, won: 0 },
    ]);
  });

  it('follows each household\'s own interval, as the "not heard from" list does, not a fixed 30 days', () => {
    let clock = '2026-06-01';
    b = makeBackend({ now: () => new Date(`${clock}T10:00:00`) });
    b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
    const backend = b;
    // A sack that lasts months and a bag that lasts days, bought the same day (called within the 12 months shown).
    const sack = household(backend, '一大袋');
    const bag = household(backend, '一小袋');
    backend.call('sales.record', { customerId: sack, productId: rice, quantity: 30, amountFen: 9000, paid: true, date: clock });
    backend.call('sales.record', { customerId: bag, productId: rice, quantity: 3, amountFen: 900, paid: true, date: clock });
    const reminder = (customerId: number) => {
      const f = backend.call('forecasts.forCustomer', { customerId })[0]!;
      return { runOutDate: f.runOutDate, dueDate: f.reminderDate, cycleDays: cycleDays(f.lastQuantity, f.dailyUse) };
    };
    const lapsedOn = (customerId: number, day: string) => {
      clock = day;
      return backend.call('callList.lapsed', { limit: 50 }).some((row) => row.customerId === customerId);
    };
    const call = (customerId: number, day: string) => {
      clock = day;
      backend.call('callList.act', { customerId, productId: rice, action: 'called', outcome: 'no_answer' });
    };

    // The sack's reminder: listed for over 30 days, still on Today (the fixed rule called it lapsed).
    const sackDay = addDays(reminder(sack).dueDate, LAPSED_AFTER_DAYS + 1);
    expect(sackDay <= lapsesOn(reminder(sack)) && sackDay < PINNED_TODAY).toBe(true);
    expect(lapsedOn(sack, sackDay)).toBe(false);
    // The bag's: past its own week or so, on the "not heard from" list before 30 days had passed.
    const bagDay = addDays(lapsesOn(reminder(bag)), 1);
    expect(daysBetween(reminder(bag).dueDate, bagDay)).toBeLessThanOrEqual(LAPSED_AFTER_DAYS);
    expect(lapsedOn(bag, bagDay)).toBe(true);
    call(sack, sackDay);
    call(bag, bagDay);
    clock = PINNED_TODAY;

    const counted = b.call('owner.retention', {}).winBack.filter((m) => m.calls > 0);
    expect(counted).toEqual([{ month: bagDay.slice(0, 7), calls: 1, households: 1, won: 0 }]);
  });
});
