/**
 * The daily call list on a real SQLite file: who is due today, who comes up in the next days, who has
 * lapsed; archived customers and products never on it; area filter, order, limit, what they owe; and
 * the clock moved over month ends and a leap day. Sale dates are chosen with the domain's forecast so
 * that the reminder falls on the wanted day, whatever the method's constants are.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/contract.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { forecast, priorDailyUse } from '../../shared/domain/forecast.ts';
import type { HouseholdPeople } from '../../shared/domain/household.ts';
import { cycleDays, isOnToday, lapsesOn } from '../../shared/domain/callList.ts';
import { draft, draftOf, movableClock, PINNED_TODAY, saleDateFor, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let clock: ReturnType<typeof movableClock>;
let rice: Product;
let water: Product;
let phoneSeq = 0;

beforeEach(() => {
  clock = movableClock();
  ({ b, rice, water } = startedShop({ now: clock.now }));
});
afterEach(() => b.dispose());

const people: HouseholdPeople = { adults: 2, children: 1, seniors: 0 };

function household(name: string, area = '幸福小区', extra: Partial<Parameters<typeof draft>[0]> = {}) {
  phoneSeq++;
  return b.call('customers.create', { draft: draft({ ...people, name, area, phones: [`1380000${String(phoneSeq).padStart(4, '0')}`], ...extra }) }).id;
}

/** One first purchase whose reminder falls on `due`. */
function dueOn(customerId: number, due: string, product = rice, quantity = 10, paid = true, who: HouseholdPeople = people) {
  const date = saleDateFor(product, quantity, due, who);
  const sale = b.call('sales.record', { customerId, productId: product.id, quantity, paid, date });
  const stored = b.call('forecasts.forCustomer', { customerId }).find((f) => f.productId === product.id)!;
  expect(stored.reminderDate).toBe(due);
  return sale;
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

/** Today's due list read to its end in pages of `limit`, as the screen scrolls; the stage of each page after the first. */
function readDuePages(limit: number) {
  const first = b.call('callList.list', { limit });
  const rows = [...first.due];
  const stages: string[] = [];
  for (let next = first.dueNext; next;) {
    stages.push(next.stage);
    const page = b.call('callList.due', { after: next, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    next = page.next;
  }
  return { first, rows, stages };
}

/** The pair's reminder as the lapse rule reads it, from its stored forecast. */
function ownInterval(customerId: number, product = rice) {
  const f = b.call('forecasts.forCustomer', { customerId }).find((x) => x.productId === product.id)!;
  return { runOutDate: f.runOutDate, dueDate: f.reminderDate, cycleDays: cycleDays(f.lastQuantity, f.dailyUse) };
}

/** Days from a reminder's day to the last day it stays on Today (run-out lead plus its own interval). */
function daysOnToday(customerId: number, product = rice) {
  const r = ownInterval(customerId, product);
  return daysBetween(r.dueDate, lapsesOn(r));
}

describe('due, upcoming and lapsed', () => {
  it("due today and overdue up to the household's own interval in due; the next days in upcoming; beyond it only counted", () => {
    const today = PINNED_TODAY;
    const probe = household('今天');
    dueOn(probe, today, rice, 5);
    // Same people, product and quantity for all: the same interval (rice, 5 kg: far shorter than 30 days).
    const span = daysOnToday(probe);
    expect(span).toBeLessThan(30);
    dueOn(household('三天后'), addDays(today, 3), rice, 5);
    dueOn(household('七天后'), addDays(today, 7), rice, 5);
    dueOn(household('八天后'), addDays(today, 8), rice, 5);
    dueOn(household('最后一天'), addDays(today, -span), rice, 5);
    dueOn(household('过了一天'), addDays(today, -span - 1), rice, 5);

    const list = b.call('callList.list', {});
    expect(list.today).toBe(today);
    // what became due today first, then the rest by run-out
    expect(names(list.due)).toEqual(['今天', '最后一天']);
    expect(list.due.map((r) => r.priority)).toEqual(['new', 'other']);
    expect(names(list.upcoming)).toEqual(['三天后', '七天后']);
    expect(list).toMatchObject({ dueTotal: 2, upcomingTotal: 2, lapsedTotal: 1 });
    // the lapsed ones are listed on request: exactly those counted
    dueOn(household('过期90天'), addDays(today, -90), rice, 5);
    // the most recently lapsed first: the likeliest to win back
    expect(names(b.call('callList.lapsed', {}))).toEqual(['过了一天', '过期90天']);
    expect(names(b.call('callList.lapsed', { limit: 1 }))).toEqual(['过了一天']);
    expect(b.call('callList.list', {}).lapsedTotal).toBe(2);
    expect(b.callError('callList.lapsed', { limit: 0 }).code).toBe('VALIDATION');

    expect(names(b.call('callList.list', { days: 8 }).upcoming)).toEqual(['三天后', '七天后', '八天后']);
    expect(b.call('callList.list', { days: 0 })).toMatchObject({ upcoming: [], upcomingTotal: 0, dueTotal: 2 });
  });

  it('a row carries the household, last purchase, forecast, first phone, area and address', () => {
    const id = household('张三丰', '东门街', { phones: ['13811112222', '13933334444'], address: '东门街12号', seniors: 1 });
    // Overdue since yesterday: among the rows ranked by what the household spends and how it answers.
    const yesterday = addDays(PINNED_TODAY, -1);
    const sale = dueOn(id, yesterday, rice, 10, true, { ...people, seniors: 1 });
    const f = b.call('forecasts.forCustomer', { customerId: id })[0]!;
    expect(b.call('callList.list', {}).due).toEqual([
      {
        customerId: id,
        productId: rice.id,
        name: '张三丰',
        adults: 2,
        children: 1,
        seniors: 1,
        phone: '13811112222',
        area: '东门街',
        address: '东门街12号',
        productName: '大米',
        unit: 'kg',
        lastPurchaseDate: sale.date,
        lastQuantity: 10,
        dailyUse: f.dailyUse,
        confidence: 'prior',
        runOutDate: f.runOutDate,
        dueDate: yesterday,
        snoozedUntil: null,
        outcome: null,
        owedFen: 0,
        cycleDays: cycleDays(10, f.dailyUse),
        monthlyFen: Math.round(30 * f.dailyUse * rice.priceFen),
        callsAnswered: 0,
        priority: 'other',
      },
    ]);
  });

  it('a row due today is placed by its part of the list: the ranking figures are not read for it', () => {
    dueOn(household('今天到期'), PINNED_TODAY);
    expect(b.call('callList.list', {}).due).toMatchObject([{ name: '今天到期', priority: 'new', monthlyFen: 0, callsAnswered: 0 }]);
  });

  it('a household without a phone is listed with an empty phone', () => {
    dueOn(household('没电话', '', { phones: [] }), PINNED_TODAY);
    expect(b.call('callList.list', {}).due[0]).toMatchObject({ name: '没电话', phone: '', area: '' });
  });
});

describe('archived customers and products never appear', () => {
  it('not in due, upcoming, lapsed or the areas; back when restored', () => {
    const gone = household('搬走了', '西区');
    dueOn(gone, PINNED_TODAY);
    dueOn(household('搬走了2', '北区'), addDays(PINNED_TODAY, 2));
    dueOn(household('老顾客'), PINNED_TODAY);
    const lapsed = household('很久没来', '西区');
    dueOn(lapsed, addDays(PINNED_TODAY, -90));
    const oil = b.call('products.list', {}).find((p) => p.name === '食用油')!;
    dueOn(household('只买油', '南区'), addDays(PINNED_TODAY, 1), oil, 2);

    b.call('customers.archive', { id: gone });
    b.call('customers.archive', { id: b.call('customers.search', { query: '搬走了2' }).items[0]!.id });
    b.call('customers.archive', { id: lapsed });
    b.call('products.archive', { id: oil.id });

    const list = b.call('callList.list', { days: 60 });
    expect(names(list.due)).toEqual(['老顾客']);
    expect(list.upcoming).toEqual([]);
    expect(list).toMatchObject({ dueTotal: 1, upcomingTotal: 0, lapsedTotal: 0 });
    expect(list.areas).toEqual(['幸福小区']);
    expect(b.call('callList.list', { area: '西区' })).toMatchObject({ due: [], dueTotal: 0, lapsedTotal: 0 });

    b.call('customers.restore', { id: gone });
    b.call('products.restore', { id: oil.id });
    const back = b.call('callList.list', {});
    expect(names(back.due).sort()).toEqual(['搬走了', '老顾客'].sort());
    expect(names(back.upcoming)).toEqual(['只买油']);
    expect(back.areas).toEqual(['南区', '幸福小区', '西区'].sort());
  });
});

describe('an archived product', () => {
  it('has no forecasts or reminders while archived; restored, its households are forecast again from their sales', () => {
    const oil = b.call('products.list', {}).find((p) => p.name === '食用油')!;
    const both = household('米和油');
    dueOn(both, PINNED_TODAY);
    dueOn(both, addDays(PINNED_TODAY, 1), oil, 2);
    const pairs = () =>
      b
        .call('forecasts.forCustomer', { customerId: both })
        .map((f) => f.productId)
        .sort();
    expect(pairs()).toEqual([rice.id, oil.id].sort());

    b.call('products.archive', { id: oil.id });
    expect(pairs()).toEqual([rice.id]);
    expect(b.context.db.prepare('SELECT count(*) FROM reminders WHERE product_id = ?').pluck().get(oil.id)).toBe(0);
    expect(b.call('callList.list', {})).toMatchObject({ dueTotal: 1, upcomingTotal: 0 });
    // a sale of it meanwhile (a last bottle) forecasts nothing, and a recompute agrees with all of it
    b.call('sales.record', { customerId: both, productId: oil.id, quantity: 1, paid: true });
    expect(pairs()).toEqual([rice.id]);
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 1, written: 0 });

    b.call('products.restore', { id: oil.id });
    expect(pairs()).toEqual([rice.id, oil.id].sort());
    expect(b.call('forecasts.forCustomer', { customerId: both }).find((f) => f.productId === oil.id)).toMatchObject({
      lastPurchaseDate: PINNED_TODAY,
      lastQuantity: 1,
    });
    expect(b.call('forecasts.recomputeAll', {})).toMatchObject({ pairs: 2, written: 0 });
  });
});

describe('area filter, order and limit', () => {
  it('filters by area (totals too) and lists the areas that have reminders', () => {
    dueOn(household('甲', '幸福小区'), PINNED_TODAY);
    dueOn(household('乙', '东门街'), PINNED_TODAY);
    dueOn(household('丙', '东门街'), addDays(PINNED_TODAY, 2));
    dueOn(household('丁', '东门街'), addDays(PINNED_TODAY, -45));
    dueOn(household('戊', ''), PINNED_TODAY);
    const east = b.call('callList.list', { area: '东门街' });
    expect(names(east.due)).toEqual(['乙']);
    expect(names(east.upcoming)).toEqual(['丙']);
    expect(east).toMatchObject({ dueTotal: 1, upcomingTotal: 1, lapsedTotal: 1 });
    expect(names(b.call('callList.lapsed', { area: '东门街' }))).toEqual(['丁']);
    expect(b.call('callList.lapsed', { area: '幸福小区' })).toEqual([]);
    expect(east.areas).toEqual(['东门街', '幸福小区'].sort());
    expect(b.call('callList.list', { area: '  东门街 ' }).dueTotal).toBe(1);
    expect(b.call('callList.list', { area: '南区' })).toMatchObject({ due: [], upcoming: [], dueTotal: 0, upcomingTotal: 0, lapsedTotal: 0 });
    expect(b.call('callList.list', {}).dueTotal).toBe(3);
  });

  it('lists a big round whose first hundred households have no reminder, and not one where none has', () => {
    // Sorted by name (pinyin): the 阿 households come first, the one with a reminder (赵) after them.
    for (let i = 0; i < 120; i++) household(`阿${String(i).padStart(3, '0')}`, '新区');
    for (let i = 0; i < 120; i++) household(`阿${String(i).padStart(3, '0')}`, '空区');
    dueOn(household('赵', '新区'), PINNED_TODAY);
    dueOn(household('甲', '幸福小区'), PINNED_TODAY);
    expect(b.call('callList.list', {}).areas).toEqual(['新区', '幸福小区'].sort());
  });

  it('a household moved to another area takes its reminders along (and a recompute agrees)', () => {
    const moving = household('甲', '幸福小区');
    dueOn(moving, PINNED_TODAY);
    dueOn(household('乙', '东门街'), PINNED_TODAY);
    const before = b.call('customers.get', { id: moving });
    b.call('customers.update', { id: moving, draft: draftOf(before, { area: '东门街' }) });
    expect(names(b.call('callList.list', { area: '东门街' }).due).sort()).toEqual(['乙', '甲'].sort());
    expect(b.call('callList.list', { area: '幸福小区' })).toMatchObject({ due: [], dueTotal: 0 });
    expect(b.call('callList.list', {}).areas).toEqual(['东门街']);
    expect(b.call('forecasts.recomputeAll', {}).written).toBe(0);
  });

  it('what became due today first, then the sooner run-out; a snooze counts from its date', () => {
    const today = PINNED_TODAY;
    // Same product and quantity for everyone: the run-outs are in the order of the reminder days,
    // whatever the method, so snoozing two of them to today makes a tie that only the run-out breaks.
    const early = household('早到期');
    dueOn(early, addDays(today, -4));
    const mid = household('中到期');
    dueOn(mid, addDays(today, -2));
    dueOn(household('今天'), today);
    dueOn(household('过期六天'), addDays(today, -6));
    dueOn(household('后天'), addDays(today, 2));
    dueOn(household('明天'), addDays(today, 1));
    const list = b.call('callList.list', {});
    expect(names(list.due)).toEqual(['今天', '过期六天', '早到期', '中到期']);
    expect(names(list.upcoming)).toEqual(['明天', '后天']);

    b.call('callList.act', { customerId: mid, productId: rice.id, action: 'snooze', date: today });
    b.call('callList.act', { customerId: early, productId: rice.id, action: 'snooze', date: today });
    const tied = b.call('callList.list', {});
    // listed under today now: with 今天, by run-out
    expect(names(tied.due)).toEqual(['早到期', '中到期', '今天', '过期六天']);
    expect(tied.due.slice(0, 3).map((r) => r.dueDate)).toEqual([today, today, today]);
    const runOuts = tied.due.slice(0, 3).map((r) => r.runOutDate);
    expect(runOuts).toEqual([...runOuts].sort());
    expect(new Set(runOuts).size).toBe(3);

    // snoozed to the day after tomorrow: after 明天, before 后天 (whose run-out is later)
    b.call('callList.act', { customerId: early, productId: rice.id, action: 'snooze', date: addDays(today, 2) });
    const later = b.call('callList.list', {});
    expect(names(later.due)).toEqual(['中到期', '今天', '过期六天']);
    expect(names(later.upcoming)).toEqual(['明天', '早到期', '后天']);
    expect(later.upcoming[1]).toMatchObject({ dueDate: addDays(today, 2), snoozedUntil: addDays(today, 2), outcome: 'snooze' });
  });

  it('a product with shorter lead days, due the same day, comes first when it runs out sooner', () => {
    dueOn(household('米'), PINNED_TODAY, rice);
    dueOn(household('水'), PINNED_TODAY, water, 2);
    const due = b.call('callList.list', {}).due;
    expect(due.map((r) => r.dueDate)).toEqual([PINNED_TODAY, PINNED_TODAY]);
    const sorted = [...due].sort((x, y) => (x.runOutDate < y.runOutDate ? -1 : x.runOutDate > y.runOutDate ? 1 : 0));
    expect(due).toEqual(sorted);
  });

  it('limit cuts each part of the list; the totals still count everyone', () => {
    for (let i = 0; i < 5; i++) dueOn(household(`到期${i}`), addDays(PINNED_TODAY, -i));
    for (let i = 1; i <= 4; i++) dueOn(household(`将到${i}`), addDays(PINNED_TODAY, i));
    const list = b.call('callList.list', { limit: 2 });
    // what became due today first, then the run-out soonest
    expect(names(list.due)).toEqual(['到期0', '到期4']);
    expect(names(list.upcoming)).toEqual(['将到1', '将到2']);
    expect(list).toMatchObject({ dueTotal: 5, upcomingTotal: 4 });
  });

  it('reads the due list in pages: promised, due today, the overdue ranked, each row once, to the end', () => {
    const today = PINNED_TODAY;
    for (let i = 0; i < 4; i++) dueOn(household(`今天${i}`), today);
    for (let i = 1; i <= 3; i++) dueOn(household(`逾期${i}`), addDays(today, -i));
    const promised = household('约好送');
    dueOn(promised, addDays(today, -5));
    b.call('callList.act', { customerId: promised, productId: rice.id, action: 'called', outcome: 'deliver', date: addDays(today, -1) });
    const { first, rows, stages: cursors } = readDuePages(3);
    // The overdue by run-out soonest: the longest overdue first.
    expect(names(rows)).toEqual(['约好送', '今天0', '今天1', '今天2', '今天3', '逾期3', '逾期2', '逾期1']);
    expect(rows.map((r) => r.priority)).toEqual(['promised', 'new', 'new', 'new', 'new', 'other', 'other', 'other']);
    expect(cursors).toEqual(['new', 'ranked']);
    // The day's work is the shop's daily calls (30 by default): all 8 here; the totals agree with the pages.
    expect(first).toMatchObject({ dueTotal: 8, dueShown: 8 });
    // One area pages through its own rows only.
    expect(b.call('callList.list', { area: '东门街', limit: 3 })).toMatchObject({ due: [], dueNext: null, dueTotal: 0 });
  });

  it('the overdue beyond those ranked together follow, the freshest first, in pages', () => {
    // More overdue than are ranked together (200): the 201st and after come in the older stage.
    const today = PINNED_TODAY;
    for (let i = 0; i < 205; i++) dueOn(household(`户${String(i).padStart(3, '0')}`), addDays(today, -1 - (i % 5)));
    const { rows, stages } = readDuePages(150);
    expect(stages).toEqual(['ranked']);
    expect(rows).toHaveLength(205);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(205);
    // The last five are the oldest due: those left out of the ranked window.
    expect(new Set(rows.slice(200).map((r) => r.dueDate))).toEqual(new Set([addDays(today, -5)]));
  });

  it('VALIDATION for a bad page cursor, and nothing read', () => {
    const after = { stage: 'new', offset: 0, after: null };
    for (const input of [
      {},
      { after: { ...after, stage: 'later' } },
      { after: { ...after, offset: -1 } },
      { after: { ...after, after: { dueDate: '2026-13-01', runOutDate: PINNED_TODAY, customerId: 1, productId: 1 } } },
      { after: { ...after, after: { dueDate: PINNED_TODAY, runOutDate: PINNED_TODAY, customerId: 0, productId: 1 } } },
      { after, limit: 0 },
      { after, limit: 5001 },
      { after, extra: 1 },
    ]) {
      expect(b.callError('callList.due', input).code).toBe('VALIDATION');
    }
  });

  it('VALIDATION for bad list input', () => {
    for (const input of [{ days: -1 }, { days: 61 }, { days: 1.5 }, { limit: 0 }, { limit: 5001 }, { area: 5 }, { area: 'x'.repeat(41) }, { sort: 'name' }]) {
      expect(b.callError('callList.list', input).code).toBe('VALIDATION');
    }
  });
});

describe('owedFen', () => {
  it("sums the customer's unpaid, non-voided sales of every product, and nobody else's", () => {
    const id = household('欠账的');
    const other = household('别人');
    dueOn(id, PINNED_TODAY, rice, 10, false); // 6000 unpaid
    b.call('sales.record', { customerId: id, productId: water.id, quantity: 2, paid: false, date: '2026-11-01' }); // 3000 unpaid
    b.call('sales.record', { customerId: id, productId: water.id, quantity: 1, paid: true, date: '2026-11-02' }); // paid
    const voided = b.call('sales.record', { customerId: id, productId: water.id, quantity: 3, paid: false, date: '2026-10-01' });
    b.call('sales.void', { id: voided.id });
    const corrected = b.call('sales.record', { customerId: id, productId: water.id, quantity: 4, paid: false, date: '2026-10-02' });
    b.call('sales.correct', { id: corrected.id, draft: { productId: water.id, quantity: 1, paid: false, date: '2026-10-02' } }); // 1500 instead of 6000
    b.call('sales.record', { customerId: other, productId: rice.id, quantity: 50, paid: false, date: '2026-11-20' });

    const row = b.call('callList.list', {}).due.find((r) => r.customerId === id && r.productId === rice.id)!;
    expect(row.owedFen).toBe(6000 + 3000 + 1500);
  });
});

describe('the list moves with the clock, over month ends and a leap day', () => {
  it('a reminder on 2028-02-29: upcoming within the horizon before, due on the day, due after it, lapsed after its own interval', () => {
    clock.setToday('2028-01-20');
    const id = household('闰日');
    dueOn(id, '2028-02-29');

    const inList = (today: string, days = 7) => {
      clock.setToday(today);
      const list = b.call('callList.list', { days });
      expect(list.today).toBe(today);
      const where = list.due.some((r) => r.customerId === id) ? 'due' : list.upcoming.some((r) => r.customerId === id) ? 'upcoming' : 'none';
      // forecast:eval's worked call list decides "due" with the pure twin of this query: they must agree.
      expect(isOnToday(ownInterval(id), today)).toBe(where === 'due');
      return { where, lapsed: list.lapsedTotal };
    };
    expect(inList('2028-02-21')).toEqual({ where: 'none', lapsed: 0 });
    expect(inList('2028-02-22')).toEqual({ where: 'upcoming', lapsed: 0 }); // 7 days ahead
    expect(inList('2028-02-28', 0)).toEqual({ where: 'none', lapsed: 0 });
    expect(inList('2028-02-28', 1)).toEqual({ where: 'upcoming', lapsed: 0 });
    expect(inList('2028-02-29')).toEqual({ where: 'due', lapsed: 0 });
    expect(inList('2028-03-01')).toEqual({ where: 'due', lapsed: 0 });
    const lastDay = lapsesOn(ownInterval(id));
    expect(lastDay > '2028-03-01').toBe(true);
    expect(inList(lastDay)).toEqual({ where: 'due', lapsed: 0 });
    expect(inList(addDays(lastDay, 1))).toEqual({ where: 'none', lapsed: 1 });
  });

  it('a reminder on 12-31 crosses the year; one on 01-31 becomes due on 02-01 of a common year only after 01-31', () => {
    clock.setToday('2026-12-01');
    const nye = household('除夕');
    dueOn(nye, '2026-12-31');
    const jan = household('一月底');
    dueOn(jan, '2027-01-31');
    const whereIs = (today: string, id: number) => {
      clock.setToday(today);
      const list = b.call('callList.list', {});
      return list.due.some((r) => r.customerId === id) ? 'due' : list.upcoming.some((r) => r.customerId === id) ? 'upcoming' : 'none';
    };
    expect(whereIs('2026-12-30', nye)).toBe('upcoming');
    expect(whereIs('2026-12-31', nye)).toBe('due');
    expect(whereIs('2027-01-01', nye)).toBe('due');
    expect(whereIs('2027-01-30', nye)).toBe('due');
    expect(whereIs('2027-01-31', nye)).toBe('none');
    expect(whereIs('2027-01-24', jan)).toBe('upcoming');
    expect(whereIs('2027-01-23', jan)).toBe('none');
    expect(whereIs('2027-01-30', jan)).toBe('upcoming');
    expect(whereIs('2027-01-31', jan)).toBe('due');
    expect(whereIs('2027-02-28', jan)).toBe('due');
    expect(whereIs('2027-03-02', jan)).toBe('due'); // 30 days after 01-31 in a common year
    expect(whereIs('2027-03-03', jan)).toBe('none');
  });

  it('the run-out of a sale at the end of a month is counted in real days (the forecast crosses February)', () => {
    clock.setToday('2028-01-31');
    const id = household('一月末');
    b.call('sales.record', { customerId: id, productId: rice.id, quantity: 12, paid: true });
    const want = forecast(priorDailyUse(people, rice.dailyUse), [{ date: '2028-01-31', quantity: 12 }], rice.leadDays)!;
    expect(b.call('forecasts.forCustomer', { customerId: id })[0]).toMatchObject({
      lastPurchaseDate: '2028-01-31',
      runOutDate: want.runOutDate,
      reminderDate: want.reminderDate,
    });
    expect(daysBetween('2028-01-31', want.runOutDate)).toBe(Math.round(12 / want.dailyUse));
    clock.setToday(want.reminderDate);
    expect(b.call('callList.list', {}).due.map((r) => r.customerId)).toEqual([id]);
    clock.setToday(addDays(want.reminderDate, -1));
    expect(b.call('callList.list', {}).upcoming.map((r) => r.customerId)).toEqual([id]);
  });

  it('a follow-up "tomorrow" on the last day of February is the first of March (and 02-29 in a leap year)', () => {
    for (const [today, tomorrow] of [
      ['2027-02-28', '2027-03-01'],
      ['2028-02-28', '2028-02-29'],
      ['2028-02-29', '2028-03-01'],
      ['2026-12-31', '2027-01-01'],
    ] as const) {
      clock.setToday(today);
      const id = household(`回访${today}`);
      dueOn(id, today);
      const contact = b.call('callList.act', { customerId: id, productId: rice.id, action: 'called', outcome: 'no_answer' });
      expect(contact.followUp).toBe(tomorrow);
      expect(b.call('callList.list', {}).due.some((r) => r.customerId === id)).toBe(false);
      clock.setToday(tomorrow);
      expect(b.call('callList.list', {}).due.some((r) => r.customerId === id)).toBe(true);
    }
  });
});
