import { afterEach, describe, expect, it } from 'vitest';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

describe('undo goes newest first', () => {
  it('refuses to undo a reminder action a later one superseded, and allows it once the later one is undone', () => {
    b = makeBackend();
    b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
    const id = b.call('customers.create', { draft: { name: '张三', adults: 2, children: 0, seniors: 0 } }).id;
    b.call('sales.record', { customerId: id, productId: 1, quantity: 10, paid: true, date: '2026-10-20' });
    const first = b.call('callList.act', { customerId: id, productId: 1, action: 'called', outcome: 'no_answer' });
    const second = b.call('callList.act', { customerId: id, productId: 1, action: 'snooze', date: '2026-12-01' });
    const before = b.snapshot();
    expect(b.callError('callList.undo', { contactId: first.id })).toMatchObject({ code: 'UNDO_SUPERSEDED', details: { laterContactId: second.id } });
    expect(b.snapshot()).toEqual(before);
    b.call('callList.undo', { contactId: second.id });
    expect(b.call('callList.undo', { contactId: first.id }).undoneAt).not.toBeNull();
  });

  it('does the same for collection calls', () => {
    b = makeBackend({ now: () => new Date('2026-11-30T10:00:00') });
    b.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
    const id = b.call('customers.create', { draft: { name: '李四', adults: 1, children: 0, seniors: 0, payday: 5 } }).id;
    b.call('sales.record', { customerId: id, productId: 1, quantity: 10, paid: false, date: '2026-11-01' });
    const first = b.call('credit.act', { customerId: id, action: 'called', outcome: 'no_answer' });
    b.call('credit.act', { customerId: id, action: 'visited', outcome: 'not_home' });
    expect(b.callError('credit.undo', { contactId: first.id })).toMatchObject({ code: 'UNDO_SUPERSEDED' });
  });
});
