/**
 * What the shopkeeper does with a reminder, on a real SQLite file: called (each outcome), snoozed,
 * skipped, a stock report on a call; each logged as a contact holding the reminder as it was, undo
 * putting it back exactly; a new purchase starting a new cycle; and bad input refused with nothing
 * written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, Product } from '../../shared/contract.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { forecast, priorDailyUse } from '../../shared/domain/forecast.ts';
import { OUTCOME_FOLLOW_UP_DAYS } from '../../shared/domain/callList.ts';
import { draft, movableClock, PINNED_TODAY, saleDateFor, startedShop, tableRows, type TestBackend } from './helpers.ts';

let b: TestBackend;
let clock: ReturnType<typeof movableClock>;
let rice: Product;
let water: Product;
let customerId: number;
let saleId: number;
const people = { adults: 2, children: 1, seniors: 0 };
const today = PINNED_TODAY;
const tomorrow = addDays(PINNED_TODAY, 1);

beforeEach(() => {
  clock = movableClock();
  ({ b, rice, water } = startedShop({ now: clock.now }));
  customerId = b.call('customers.create', { draft: draft(people) }).id;
  saleId = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true, date: saleDateFor(rice, 10, today) }).id;
  expect(b.call('callList.list', {}).due.map((r) => r.customerId)).toEqual([customerId]);
});
afterEach(() => b.dispose());

interface ReminderDb {
  customer_id: number;
  product_id: number;
  cycle_sale_id: number;
  status: string;
  due_date: string;
  run_out_date: string;
  snoozed_until: string | null;
  outcome: string | null;
  stock_report: number | null;
  stock_report_date: string | null;
  updated_at: string;
  area: string;
  cycle_days: number;
  lapses_on: string;
}

function reminder(product = rice, customer = customerId): ReminderDb {
  return b.context.db.prepare('SELECT * FROM reminders WHERE customer_id = ? AND product_id = ?').get(customer, product.id) as ReminderDb;
}
const stateOf = ({ updated_at: _u, ...rest }: ReminderDb) => rest;

function act(input: Record<string, unknown>): Contact {
  return b.call('callList.act', { customerId, productId: rice.id, ...input });
}

function where(customer = customerId, product = rice) {
  const list = b.call('callList.list', { days: 60 });
  const match = (r: { customerId: number; productId: number }) => r.customerId === customer && r.productId === product.id;
  const due = list.due.find(match);
  if (due) return { in: 'due', dueDate: due.dueDate, outcome: due.outcome };
  const up = list.upcoming.find(match);
  if (up) return { in: 'upcoming', dueDate: up.dueDate, outcome: up.outcome };
  return { in: 'none' };
}

function previousOf(contactId: number): unknown {
  const row = b.context.db.prepare('SELECT previous FROM contacts WHERE id = ?').get(contactId) as { previous: string | null };
  return row.previous === null ? null : JSON.parse(row.previous);
}

describe('called, with each outcome', () => {
  it.each([
    ['will_come', undefined, addDays(today, OUTCOME_FOLLOW_UP_DAYS.will_come)],
    ['will_come', '2026-11-25', '2026-11-25'],
    ['deliver', '2026-11-24', '2026-11-24'],
    ['not_needed', undefined, addDays(today, OUTCOME_FOLLOW_UP_DAYS.not_needed)],
    ['not_needed', '2026-12-05', '2026-12-05'],
    ['no_answer', undefined, addDays(today, OUTCOME_FOLLOW_UP_DAYS.no_answer)],
  ] as const)('%s (date %s) follows up on %s, logged with the reminder as it was', (outcome, date, followUp) => {
    const before = reminder();
    const contact = act({ action: 'called', outcome, ...(date ? { date } : {}), note: '下午再说' });
    expect(contact).toEqual({
      id: contact.id,
      customerId,
      productId: rice.id,
      productName: '大米',
      kind: 'call',
      outcome,
      followUp,
      stockLeft: null,
      note: '下午再说',
      createdAt: clock.now().toISOString(),
      undoneAt: null,
    });
    expect(reminder()).toMatchObject({ status: 'open', snoozed_until: followUp, outcome, due_date: before.due_date, cycle_sale_id: saleId });
    expect(where()).toEqual({ in: 'upcoming', dueDate: followUp, outcome });
    const { updated_at: _u, customer_id: _c, product_id: _p, due_date: _d, run_out_date: _r, area: _a, cycle_days: _y, lapses_on: _l, ...previous } = before;
    expect(previousOf(contact.id)).toEqual(previous);
    // and it is back on the list on its follow-up day
    clock.setToday(followUp);
    expect(where()).toMatchObject({ in: 'due', dueDate: followUp });
  });

  it('the fixed follow-ups are: will come and no answer tomorrow, not needed in three days', () => {
    expect(OUTCOME_FOLLOW_UP_DAYS).toMatchObject({ will_come: 1, not_needed: 3, no_answer: 1 });
    expect(addDays(today, OUTCOME_FOLLOW_UP_DAYS.no_answer)).toBe(tomorrow);
  });
});

describe('snooze and skip', () => {
  it('snooze puts it off until the date given', () => {
    const contact = act({ action: 'snooze', date: '2026-11-30' });
    expect(contact).toMatchObject({ kind: 'snooze', outcome: null, followUp: '2026-11-30' });
    expect(reminder()).toMatchObject({ status: 'open', snoozed_until: '2026-11-30', outcome: 'snooze' });
    expect(where()).toEqual({ in: 'upcoming', dueDate: '2026-11-30', outcome: 'snooze' });
  });

  it('skip takes it off the list for this cycle, counted nowhere; the next purchase brings it back', () => {
    const contact = act({ action: 'skip' });
    expect(contact).toMatchObject({ kind: 'skip', outcome: null, followUp: null });
    expect(reminder()).toMatchObject({ status: 'skipped' });
    const list = b.call('callList.list', { days: 60 });
    expect(list).toMatchObject({ due: [], upcoming: [], dueTotal: 0, upcomingTotal: 0, lapsedTotal: 0 });
    clock.setToday(addDays(today, 45));
    expect(b.call('callList.list', {}).lapsedTotal).toBe(0);

    clock.setToday(today);
    const next = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true });
    expect(reminder()).toMatchObject({ status: 'open', cycle_sale_id: next.id, snoozed_until: null, outcome: null });
  });

  it('skip after a dated call logs no follow-up (the skip has none)', () => {
    act({ action: 'called', outcome: 'will_come', date: '2026-11-26' });
    expect(act({ action: 'skip' })).toMatchObject({ kind: 'skip', followUp: null });
    expect(where()).toEqual({ in: 'none' });
  });

  it('a snooze or a dated call after a skip puts the reminder back on the list on that date', () => {
    act({ action: 'skip' });
    act({ action: 'snooze', date: '2026-11-28' });
    expect(where()).toEqual({ in: 'upcoming', dueDate: '2026-11-28', outcome: 'snooze' });
    act({ action: 'skip' });
    act({ action: 'called', outcome: 'deliver', date: '2026-11-27' });
    expect(where()).toEqual({ in: 'upcoming', dueDate: '2026-11-27', outcome: 'deliver' });
  });
});

describe('undo', () => {
  it('restores exactly the previous reminder state and marks the contact undone; undo twice is harmless', () => {
    const snoozed = act({ action: 'snooze', date: '2026-11-29' });
    const before = stateOf(reminder());
    clock.setToday('2026-11-23');
    const called = act({ action: 'called', outcome: 'no_answer' });
    expect(stateOf(reminder())).not.toEqual(before);

    clock.setToday('2026-11-24');
    const undone = b.call('callList.undo', { contactId: called.id });
    expect(undone).toEqual({ ...called, undoneAt: clock.now().toISOString(), reminderRestored: true });
    expect(stateOf(reminder())).toEqual(before);

    clock.setToday('2026-11-25');
    const contactsBefore = tableRows(b, 'contacts', 'id');
    expect(b.call('callList.undo', { contactId: called.id })).toEqual(undone);
    expect(stateOf(reminder())).toEqual(before);
    expect(tableRows(b, 'contacts', 'id')).toEqual(contactsBefore);

    b.call('callList.undo', { contactId: snoozed.id });
    expect(reminder()).toMatchObject({ status: 'open', snoozed_until: null, outcome: null });
    expect(where()).toMatchObject({ in: 'due', dueDate: reminder().due_date });
  });

  it('undo of a skip puts the row back on today’s list', () => {
    const skip = act({ action: 'skip' });
    expect(where()).toEqual({ in: 'none' });
    b.call('callList.undo', { contactId: skip.id });
    expect(where()).toMatchObject({ in: 'due' });
  });

  it('a new sale starts a new cycle; an undo of an action from the old cycle does not resurrect its state', () => {
    const old = act({ action: 'called', outcome: 'not_needed', date: '2026-12-01', stockLeft: 4 });
    const skipped = act({ action: 'skip' });
    clock.setToday('2026-11-24');
    const next = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true });
    const fresh = reminder();
    expect(fresh).toMatchObject({ cycle_sale_id: next.id, status: 'open', snoozed_until: null, outcome: null, stock_report: null, stock_report_date: null });
    const forecastBefore = tableRows(b, 'forecasts', 'customer_id, product_id');

    for (const c of [skipped, old]) {
      const undone = b.call('callList.undo', { contactId: c.id });
      expect(undone).toMatchObject({ undoneAt: clock.now().toISOString(), reminderRestored: false });
    }
    expect(stateOf(reminder())).toEqual(stateOf(fresh));
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastBefore);
  });
});

describe('edits within a cycle keep what the shopkeeper did', () => {
  it('a household edit or a product edit moves the reminder date but keeps the snooze, the skip and the stock report', () => {
    act({ action: 'called', outcome: 'will_come', date: '2026-11-27', stockLeft: 5 });
    const bigger = { adults: 3, children: 1, seniors: 0 };
    b.call('customers.update', { id: customerId, draft: draft(bigger) });
    const purchase = { date: saleDateFor(rice, 10, today), quantity: 10 };
    const want = forecast(priorDailyUse(bigger, rice.dailyUse), [purchase], rice.leadDays, { date: today, stockLeft: 5 })!;
    expect(reminder()).toMatchObject({
      status: 'open',
      snoozed_until: '2026-11-27',
      outcome: 'will_come',
      stock_report: 5,
      due_date: want.reminderDate,
      run_out_date: want.runOutDate,
    });

    act({ action: 'skip' });
    const edited = b.call('products.update', {
      id: rice.id,
      draft: { name: rice.name, unit: rice.unit, priceFen: rice.priceFen, dailyUse: rice.dailyUse, leadDays: rice.leadDays + 4 },
    });
    const again = forecast(priorDailyUse(bigger, edited.dailyUse), [purchase], edited.leadDays, { date: today, stockLeft: 5 })!;
    expect(reminder()).toMatchObject({ status: 'skipped', stock_report: 5, due_date: again.reminderDate });
    expect(where()).toEqual({ in: 'none' });
  });
});

describe('stock left, said on a call', () => {
  it('moves the run-out from today by what is left; undo moves it back', () => {
    const purchase = { date: saleDateFor(rice, 10, today), quantity: 10 };
    const prior = priorDailyUse(people, rice.dailyUse);
    const forecastBefore = tableRows(b, 'forecasts', 'customer_id, product_id');
    const reminderBefore = stateOf(reminder());

    const contact = act({ action: 'called', outcome: 'will_come', stockLeft: 6 });
    const want = forecast(prior, [purchase], rice.leadDays, { date: today, stockLeft: 6 })!;
    expect(want.runOutDate).toBe(addDays(today, Math.round(6 / want.dailyUse)));
    expect(contact).toMatchObject({ stockLeft: 6, followUp: tomorrow });
    expect(b.call('forecasts.forCustomer', { customerId })[0]).toMatchObject({ runOutDate: want.runOutDate, reminderDate: want.reminderDate });
    expect(reminder()).toMatchObject({ run_out_date: want.runOutDate, due_date: want.reminderDate, stock_report: 6, stock_report_date: today });

    b.call('callList.undo', { contactId: contact.id });
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecastBefore);
    expect(stateOf(reminder())).toEqual(reminderBefore);
  });

  it('"not needed yet" with what is left and no date: the stock report alone sets when to call', () => {
    const contact = act({ action: 'called', outcome: 'not_needed', stockLeft: 8 });
    const want = forecast(priorDailyUse(people, rice.dailyUse), [{ date: saleDateFor(rice, 10, today), quantity: 10 }], rice.leadDays, {
      date: today,
      stockLeft: 8,
    })!;
    expect(contact.followUp).toBeNull();
    expect(where()).toMatchObject({ dueDate: want.reminderDate });
  });

  it('"not needed yet" with less left than the lead days: called again the day it should run out, not every morning until it buys', () => {
    const purchase = { date: saleDateFor(rice, 10, today), quantity: 10 };
    const prior = priorDailyUse(people, rice.dailyUse);
    const { dailyUse } = forecast(prior, [purchase], rice.leadDays)!;
    const stockLeft = Math.round(dailyUse * 2.2 * 10) / 10; // about two days' worth
    const contact = act({ action: 'called', outcome: 'not_needed', stockLeft });
    const want = forecast(prior, [purchase], rice.leadDays, { date: today, stockLeft })!;
    expect(want.reminderDate <= today && want.runOutDate > tomorrow).toBe(true);
    expect(contact.followUp).toBe(want.runOutDate);
    expect(reminder()).toMatchObject({ due_date: want.reminderDate, run_out_date: want.runOutDate, snoozed_until: want.runOutDate, stock_report: stockLeft });
    expect(where()).toMatchObject({ in: 'upcoming' });
  });

  it('"not needed yet" with nothing left: runs out today, called again tomorrow', () => {
    const contact = act({ action: 'called', outcome: 'not_needed', stockLeft: 0 });
    const want = forecast(priorDailyUse(people, rice.dailyUse), [{ date: saleDateFor(rice, 10, today), quantity: 10 }], rice.leadDays, {
      date: today,
      stockLeft: 0,
    })!;
    expect(want.runOutDate).toBe(today);
    expect(contact.followUp).toBe(tomorrow);
    expect(reminder()).toMatchObject({ run_out_date: today, due_date: want.reminderDate, snoozed_until: tomorrow });
    expect(where()).toMatchObject({ in: 'upcoming' });
  });

  it('a later purchase forgets the report (its stock left belongs to the old cycle)', () => {
    act({ action: 'called', outcome: 'will_come', stockLeft: 9 });
    clock.setToday(tomorrow);
    const sale = b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true });
    const want = forecast(
      priorDailyUse(people, rice.dailyUse),
      [
        { date: saleDateFor(rice, 10, today), quantity: 10 },
        { date: sale.date, quantity: 10 },
      ],
      rice.leadDays,
    )!;
    expect(reminder()).toMatchObject({ stock_report: null, run_out_date: want.runOutDate, due_date: want.reminderDate });
  });
});

describe('an action is one transaction', () => {
  it('when the contact cannot be logged, the reminder and forecast stay as they were', () => {
    b.context.db.exec(`CREATE TRIGGER contacts_refuse BEFORE INSERT ON contacts BEGIN SELECT RAISE(ABORT, 'log broken'); END;`);
    const reminders = tableRows(b, 'reminders', 'customer_id, product_id');
    const forecasts = tableRows(b, 'forecasts', 'customer_id, product_id');
    expect(b.callError('callList.act', { customerId, productId: rice.id, action: 'called', outcome: 'will_come', stockLeft: 3 }).code).toBe('INTERNAL');
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(reminders);
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecasts);
    expect(b.count('contacts')).toBe(0);
  });
});

describe('customers.contacts', () => {
  it('lists newest first, undone ones too (marked), only this customer, within the limit', () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: [] }) }).id;
    b.call('sales.record', { customerId: other, productId: water.id, quantity: 1, paid: true });
    b.call('sales.record', { customerId, productId: water.id, quantity: 1, paid: true });
    const first = act({ action: 'called', outcome: 'no_answer' });
    clock.setToday('2026-11-23');
    const second = act({ action: 'called', outcome: 'will_come' });
    const third = b.call('callList.act', { customerId, productId: water.id, action: 'snooze', date: '2026-11-30' }); // same time as second
    b.call('callList.act', { customerId: other, productId: water.id, action: 'skip' });
    clock.setToday('2026-11-24');
    b.call('callList.undo', { contactId: second.id });

    const listed = b.call('customers.contacts', { customerId });
    expect(listed.map((c) => c.id)).toEqual([third.id, second.id, first.id]);
    expect(listed[1]!.undoneAt).toBe(clock.now().toISOString());
    expect(listed[0]).toMatchObject({ productName: '桶装水 18.9L', kind: 'snooze', followUp: '2026-11-30' });
    expect(b.call('customers.contacts', { customerId, limit: 2 }).map((c) => c.id)).toEqual([third.id, second.id]);
    expect(b.call('customers.contacts', { customerId: other }).map((c) => c.kind)).toEqual(['skip']);
  });

  it('is empty for a customer never called; NOT_FOUND for an unknown customer; VALIDATION for a bad limit', () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: [] }) }).id;
    expect(b.call('customers.contacts', { customerId: other })).toEqual([]);
    expect(b.callError('customers.contacts', { customerId: 999 })).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'customer', id: 999 } });
    for (const input of [{ customerId, limit: 0 }, { customerId, limit: 501 }, { customerId: 'x' }, { customerId, extra: true }]) {
      expect(b.callError('customers.contacts', input).code).toBe('VALIDATION');
    }
  });
});

describe('bad input writes nothing', () => {
  function expectNothingWritten(fn: () => void) {
    const counts = b.snapshot();
    const reminders = tableRows(b, 'reminders', 'customer_id, product_id');
    const forecasts = tableRows(b, 'forecasts', 'customer_id, product_id');
    fn();
    expect(b.snapshot()).toEqual(counts);
    expect(tableRows(b, 'reminders', 'customer_id, product_id')).toEqual(reminders);
    expect(tableRows(b, 'forecasts', 'customer_id, product_id')).toEqual(forecasts);
  }

  it.each([
    ['called without an outcome', { action: 'called' }, 'outcome'],
    ['deliver without a date', { action: 'called', outcome: 'deliver' }, 'date'],
    ['snooze without a date', { action: 'snooze' }, 'date'],
    ['negative stock left', { action: 'called', outcome: 'will_come', stockLeft: -1 }, 'stockLeft'],
    ['stock left as text', { action: 'called', outcome: 'will_come', stockLeft: '3' }, 'stockLeft'],
    ['stock left null', { action: 'called', outcome: 'will_come', stockLeft: null }, 'stockLeft'],
    ['an unknown action', { action: 'call', outcome: 'will_come' }, 'action'],
    ['an unknown outcome', { action: 'called', outcome: 'maybe' }, 'outcome'],
    ['an impossible date', { action: 'snooze', date: '2026-02-30' }, 'date'],
    ['a date in another format', { action: 'snooze', date: '30/11/2026' }, 'date'],
    ['a note too long', { action: 'skip', note: 'x'.repeat(2001) }, 'note'],
    ['an extra key', { action: 'skip', reason: 'x' }, ''],
    ['customer id as text', { action: 'skip', customerId: String(1) }, 'customerId'],
    ['customer id 0', { action: 'skip', customerId: 0 }, 'customerId'],
    ['product missing', { action: 'skip', productId: undefined }, 'productId'],
  ])('reminders.act: VALIDATION for %s', (_label, patch, field) => {
    expectNothingWritten(() => {
      const error = b.callError('callList.act', { customerId, productId: rice.id, ...patch });
      expect(error.code).toBe('VALIDATION');
      expect(error.issues!.map((i) => i.path.join('.'))).toContain(field);
    });
  });

  it('reminders.act: NOT_FOUND for an unknown customer, an unknown product, or a pair never sold', () => {
    const neverSold = b.call('customers.create', { draft: draft({ name: '新客', phones: [] }) }).id;
    expectNothingWritten(() => {
      for (const [c, p] of [
        [999, rice.id],
        [customerId, 999],
        [customerId, water.id],
        [neverSold, rice.id],
      ] as const) {
        expect(b.callError('callList.act', { customerId: c, productId: p, action: 'called', outcome: 'will_come', stockLeft: 1 })).toMatchObject({
          code: 'NOT_FOUND',
          details: { entity: 'reminder', customerId: c, productId: p },
        });
      }
    });
  });

  it('reminders.undo: NOT_FOUND for an unknown contact; VALIDATION for a bad id or extra keys', () => {
    act({ action: 'snooze', date: '2026-11-30' });
    expectNothingWritten(() => {
      expect(b.callError('callList.undo', { contactId: 999 })).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'contact', id: 999 } });
      for (const input of [{}, { contactId: 'x' }, { contactId: -1 }, { contactId: 1.5 }, { contactId: 1, also: 2 }]) {
        expect(b.callError('callList.undo', input).code).toBe('VALIDATION');
      }
    });
    expect(b.call('customers.contacts', { customerId })[0]!.undoneAt).toBeNull();
  });

  it('forecasts.recomputeAll and reminders.callList refuse extra keys', () => {
    expectNothingWritten(() => {
      expect(b.callError('forecasts.recomputeAll', { force: true }).code).toBe('VALIDATION');
      expect(b.callError('callList.list', { today: '2026-11-22' }).code).toBe('VALIDATION');
    });
  });
});
