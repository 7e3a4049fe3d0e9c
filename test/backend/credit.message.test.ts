/** A payment reminder copied from Collections, on a real SQLite file: logged as a message, back in a few days, undone exactly. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { COLLECTION_RETRY_DAYS } from '../../electron/backend/services/credit/credit.ts';
import { draft, makeBackend, PINNED_TODAY, type TestBackend } from './helpers.ts';

let b: TestBackend;
let customerId: number;
beforeEach(() => {
  b = makeBackend();
  b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
  customerId = b.call('customers.create', { draft: draft({ payday: 15 }) }).id;
  const rice = b.call('products.list', {})[0]!.id;
  b.call('sales.record', { customerId, productId: rice, quantity: 10, paid: false, date: '2026-11-01' });
});
afterEach(() => b.dispose());

const row = () => b.call('credit.collections', {}).items.find((r) => r.customerId === customerId);

describe('a payment reminder sent as a message', () => {
  it('is logged as a message without an outcome; the household leaves the list for a few days; undo puts it back', () => {
    expect(row()).toMatchObject({ snoozedUntil: null, outcome: null });
    const followUp = addDays(PINNED_TODAY, COLLECTION_RETRY_DAYS.message);
    const contact = b.call('credit.act', { customerId, action: 'message' });
    expect(contact).toMatchObject({ customerId, productId: null, kind: 'message', outcome: null, followUp, undoneAt: null });
    expect(row()).toBeUndefined();
    expect(b.call('customers.contacts', { customerId })).toEqual([contact]);

    expect(b.call('credit.undo', { contactId: contact.id })).toMatchObject({ kind: 'message', undoneAt: expect.any(String) as string });
    expect(row()).toMatchObject({ snoozedUntil: null, outcome: null });
  });

  it('takes no outcome, and a call still needs one; nothing written when refused', () => {
    const before = b.snapshot();
    expect(b.callError('credit.act', { customerId, action: 'message', outcome: 'will_pay' })).toMatchObject({ code: 'VALIDATION' });
    expect(b.callError('credit.act', { customerId, action: 'called' })).toMatchObject({ code: 'VALIDATION' });
    expect(b.callError('credit.act', { customerId, action: 'called', outcome: 'will_pay' }).issues).toEqual([{ path: ['date'], issue: 'date_required' }]);
    expect(b.snapshot()).toEqual(before);
  });
});
