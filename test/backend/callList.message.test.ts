/**
 * "A message to send" from the call list, on a real SQLite file: the copy is logged as a contact of
 * kind message, the household comes back the next day if nothing came of it, and undo puts the
 * reminder back exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/contract.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { MESSAGE_FOLLOW_UP_DAYS } from '../../shared/domain/callList.ts';
import { draft, movableClock, PINNED_TODAY, saleDateFor, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let clock: ReturnType<typeof movableClock>;
let rice: Product;
let customerId: number;
const today = PINNED_TODAY;

beforeEach(() => {
  clock = movableClock();
  ({ b, rice } = startedShop({ now: clock.now }));
  customerId = b.call('customers.create', { draft: draft({ adults: 2, children: 1, seniors: 0 }) }).id;
  b.call('sales.record', { customerId, productId: rice.id, quantity: 10, paid: true, date: saleDateFor(rice, 10, today) });
});
afterEach(() => b.dispose());

function reminderState() {
  return b.context.db
    .prepare('SELECT status, snoozed_until, outcome, stock_report, stock_report_date, cycle_sale_id FROM reminders WHERE customer_id = ? AND product_id = ?')
    .get(customerId, rice.id);
}

const dueIds = () => b.call('callList.list', {}).due.map((r) => r.customerId);

describe('a message copied from a row', () => {
  it('is logged as a message, and the household is due again tomorrow unless something came of it', () => {
    const followUp = addDays(today, MESSAGE_FOLLOW_UP_DAYS);
    const contact = b.call('callList.act', { customerId, productId: rice.id, action: 'message' });
    expect(contact).toMatchObject({ customerId, productId: rice.id, productName: '大米', kind: 'message', outcome: null, followUp, undoneAt: null });
    expect(b.call('customers.contacts', { customerId })).toEqual([contact]);
    expect(dueIds()).toEqual([]);
    const [row] = b.call('callList.list', {}).upcoming;
    expect(row).toMatchObject({ customerId, dueDate: followUp, snoozedUntil: followUp, outcome: 'message' });
    clock.setToday(followUp);
    expect(dueIds()).toEqual([customerId]);
  });

  it('is undone like a call: the reminder exactly as before, the contact kept and marked', () => {
    const before = reminderState();
    const contact = b.call('callList.act', { customerId, productId: rice.id, action: 'message' });
    expect(reminderState()).not.toEqual(before);
    const undone = b.call('callList.undo', { contactId: contact.id });
    expect(undone).toEqual({ ...contact, undoneAt: clock.now().toISOString(), reminderRestored: true });
    expect(reminderState()).toEqual(before);
    expect(dueIds()).toEqual([customerId]);
    expect(b.call('customers.contacts', { customerId })[0]).toMatchObject({ kind: 'message', undoneAt: clock.now().toISOString() });
  });

  it("is in today's done part, with the day it comes back, until it is undone", () => {
    const contact = b.call('callList.act', { customerId, productId: rice.id, action: 'message' });
    expect(b.call('callList.list', {}).done).toEqual([
      expect.objectContaining({ contactId: contact.id, customerId, productName: '大米', kind: 'message', followUp: addDays(today, MESSAGE_FOLLOW_UP_DAYS) }),
    ]);
    b.call('callList.undo', { contactId: contact.id });
    expect(b.call('callList.list', {}).done).toEqual([]);
  });

  it('for a household without a reminder of that product is refused, nothing written', () => {
    const other = b.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'] }) }).id;
    const before = b.snapshot();
    expect(b.callError('callList.act', { customerId: other, productId: rice.id, action: 'message' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(b.snapshot()).toEqual(before);
  });
});
