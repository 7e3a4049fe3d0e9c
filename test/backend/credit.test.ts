import { afterEach, describe, expect, it } from 'vitest';
import { makeBackend, tableRows, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

function shop(now = '2026-11-22T10:00:00') {
  const backend = makeBackend({ now: () => new Date(now) });
  backend.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
  return backend;
}

function household(backend: TestBackend, name: string, payday: number | 'end' | null, area = '', phone = '13800000000') {
  return backend.call('customers.create', { draft: { name, phones: [phone], area, adults: 2, children: 0, seniors: 0, payday } }).id;
}

const rice = 1;

describe('credit ledger', () => {
  it('derives the balance from credit sales and payments, oldest first, with a running statement', () => {
    b = shop();
    const id = household(b, '张三', 15);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-01' }); // 60.00
    b.call('sales.record', { customerId: id, productId: rice, quantity: 5, paid: true, date: '2026-11-02' }); // paid: not in the book
    b.call('sales.record', { customerId: id, productId: rice, quantity: 5, paid: false, date: '2026-11-10' }); // 30.00
    b.call('credit.recordPayment', { customerId: id, amountFen: 7000, method: 'wechat', date: '2026-11-16' });
    const ledger = b.call('credit.ledger', { customerId: id });
    expect(ledger).toMatchObject({ balanceFen: 2000, creditFen: 9000, paidFen: 7000, oldestUnpaidDate: '2026-11-10', collectFrom: '2026-11-15' });
    expect(ledger.entries.map((e) => [e.kind, e.date, e.debitFen, e.creditFen, e.balanceAfterFen, e.remainingFen])).toEqual([
      ['sale', '2026-11-01', 6000, 0, 6000, 0],
      ['sale', '2026-11-10', 3000, 0, 9000, 2000],
      ['payment', '2026-11-16', 0, 7000, 2000, null],
    ]);
  });

  it('a voided payment or credit sale stops counting, and the balance follows', () => {
    b = shop();
    const id = household(b, '李四', null);
    const sale = b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-01' });
    const payment = b.call('credit.recordPayment', { customerId: id, amountFen: 6000, method: 'cash' });
    expect(b.call('credit.ledger', { customerId: id }).balanceFen).toBe(0);
    b.call('credit.voidPayment', { id: payment.id, reason: '记错了' });
    expect(b.call('credit.ledger', { customerId: id }).balanceFen).toBe(6000);
    b.call('sales.void', { id: sale.id, reason: '' });
    expect(b.call('credit.ledger', { customerId: id }).balanceFen).toBe(0);
    expect(b.callError('credit.voidPayment', { id: payment.id })).toMatchObject({ code: 'ALREADY_VOIDED' });
  });

  it("a void's Undo gives back the payment and exactly the balance, statement and collections before it", () => {
    b = shop();
    const id = household(b, '钱七', 5);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-01' });
    b.call('sales.record', { customerId: id, productId: rice, quantity: 5, paid: false, date: '2026-11-08' });
    b.call('credit.recordPayment', { customerId: id, amountFen: 2000, method: 'cash', date: '2026-11-05' });
    const payment = b.call('credit.recordPayment', { customerId: id, amountFen: 5000, method: 'wechat', date: '2026-11-12', note: '转账' });
    const before = {
      ledger: b.call('credit.ledger', { customerId: id }),
      collections: b.call('credit.collections', {}),
      payments: tableRows(b, 'payments', 'id'),
    };
    b.call('credit.voidPayment', { id: payment.id, reason: '记错了客户' });
    expect(b.call('credit.ledger', { customerId: id }).balanceFen).toBe(before.ledger.balanceFen + 5000);

    expect(b.call('credit.unvoidPayment', { id: payment.id })).toEqual(payment);
    expect(b.call('credit.ledger', { customerId: id })).toEqual(before.ledger);
    expect(b.call('credit.collections', {})).toEqual(before.collections);
    expect(tableRows(b, 'payments', 'id')).toEqual(before.payments);
  });

  it("refuses to undo a payment's void that is not there, or that came with its slip's, and changes nothing", () => {
    b = shop();
    const id = household(b, '孙八', null);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-01' });
    const payment = b.call('credit.recordPayment', { customerId: id, amountFen: 1000, method: 'cash' });
    const slip = b.call('slips.create', {
      customerId: id,
      lines: [{ productId: rice, quantity: 5 }],
      payments: [
        { method: 'cash', amountFen: 1000 },
        { method: 'credit', amountFen: 2000 },
      ],
    });
    b.call('slips.void', { id: slip.id, reason: '开错了' });
    const counterPayment = tableRows(b, 'payments', 'id').find((p) => p.slip_id === slip.id)!;
    expect(counterPayment.voided_at).not.toBeNull();
    const before = {
      ledger: b.call('credit.ledger', { customerId: id }),
      payments: tableRows(b, 'payments', 'id'),
      balances: tableRows(b, 'balances', 'customer_id'),
    };

    expect(b.callError('credit.unvoidPayment', { id: payment.id })).toMatchObject({ code: 'PAYMENT_NOT_VOIDED' });
    expect(b.callError('credit.unvoidPayment', { id: counterPayment.id })).toMatchObject({ code: 'PAYMENT_VOIDED_WITH_SLIP' });
    expect(b.callError('credit.unvoidPayment', { id: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(b.callError('credit.unvoidPayment', { id: 'x' })).toMatchObject({ code: 'VALIDATION' });
    expect({
      ledger: b.call('credit.ledger', { customerId: id }),
      payments: tableRows(b, 'payments', 'id'),
      balances: tableRows(b, 'balances', 'customer_id'),
    }).toEqual(before);
  });

  it('refuses bad payments and writes nothing', () => {
    b = shop();
    const id = household(b, '王五', 5);
    const before = b.count('payments');
    expect(b.callError('credit.recordPayment', { customerId: id, amountFen: 0, method: 'cash' })).toMatchObject({ code: 'VALIDATION' });
    expect(b.callError('credit.recordPayment', { customerId: id, amountFen: 100, method: 'bitcoin' })).toMatchObject({ code: 'VALIDATION' });
    expect(b.callError('credit.recordPayment', { customerId: id, amountFen: 1.5, method: 'cash' })).toMatchObject({ code: 'VALIDATION' });
    expect(b.callError('credit.recordPayment', { customerId: 999, amountFen: 100, method: 'cash' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(b.count('payments')).toBe(before);
  });

  it('keeps the credit limit with the household', () => {
    b = shop();
    const c = b.call('customers.create', { draft: { name: '赵六', adults: 1, children: 0, seniors: 0, creditLimitFen: 20000 } });
    expect(b.call('customers.get', { id: c.id }).creditLimitFen).toBe(20000);
    expect(b.call('credit.ledger', { customerId: c.id }).creditLimitFen).toBe(20000);
  });
});

describe('payday collections', () => {
  it('lists a debt from the payday after it was made, until a payment settles it', () => {
    b = shop('2026-11-14T10:00:00');
    const id = household(b, '孙七', 15, '幸福小区');
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-03' });
    expect(b.call('credit.collections', {}).items).toEqual([]);
  });

  it('shows who owes, how much and since when, from payday on; month-end paydays included', () => {
    b = shop('2026-11-30T10:00:00');
    const a = household(b, '甲', 15, '幸福小区', '13800000001');
    const e = household(b, '乙', 'end', '东门街', '13800000002');
    const later = household(b, '丙', 15, '东门街', '13800000003');
    b.call('sales.record', { customerId: a, productId: rice, quantity: 10, paid: false, date: '2026-11-03' });
    b.call('sales.record', { customerId: e, productId: rice, quantity: 5, paid: false, date: '2026-11-20' });
    b.call('sales.record', { customerId: later, productId: rice, quantity: 5, paid: false, date: '2026-11-20' });
    const list = b.call('credit.collections', {});
    expect(list.items.map((r) => [r.name, r.balanceFen, r.oldestUnpaidDate, r.collectFrom])).toEqual([
      ['甲', 6000, '2026-11-03', '2026-11-15'],
      ['乙', 3000, '2026-11-20', '2026-11-30'],
    ]);
    expect(list).toMatchObject({ total: 2, totalOwedFen: 9000 });
    // 丙's payday (the 15th) comes after the debt: not to collect yet, but among all debts
    expect(list.allDebts).toEqual({ households: 3, owedFen: 12000 });
    expect(b.call('credit.collections', { area: '东门街' }).items.map((r) => r.name)).toEqual(['乙']);
    expect(b.call('credit.collections', { area: '东门街' }).allDebts).toEqual({ households: 2, owedFen: 6000 });
    // an archived household is off the list, but what it owes is still owed
    b.call('customers.archive', { id: later });
    expect(b.call('credit.collections', {})).toMatchObject({ total: 2, allDebts: { households: 3, owedFen: 12000 } });
    expect(b.call('credit.collections', { area: '东门街' }).allDebts).toEqual({ households: 2, owedFen: 6000 });
    b.call('customers.restore', { id: later });

    b.call('credit.recordPayment', { customerId: a, amountFen: 6000, method: 'alipay' });
    expect(b.call('credit.collections', {}).items.map((r) => r.name)).toEqual(['乙']);
  });

  it('a collection call takes them off until the promised day; undo puts them back', () => {
    b = shop('2026-11-30T10:00:00');
    const id = household(b, '周八', 5);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-01' });
    expect(b.call('credit.collections', {}).total).toBe(1);
    const contact = b.call('credit.act', { customerId: id, action: 'called', outcome: 'will_pay', date: '2026-12-05' });
    expect(contact).toMatchObject({ kind: 'call', outcome: 'will_pay', followUp: '2026-12-05', productId: null });
    expect(b.call('credit.collections', {}).total).toBe(0);
    b.call('credit.undo', { contactId: contact.id });
    expect(b.call('credit.collections', {}).items[0]).toMatchObject({ name: '周八', snoozedUntil: null, outcome: null });
    expect(b.callError('credit.act', { customerId: id, action: 'called', outcome: 'will_pay' })).toMatchObject({ code: 'VALIDATION' });
    const other = household(b, '吴九', 5, '', '13900000000');
    expect(b.callError('credit.act', { customerId: other, action: 'visited', outcome: 'not_home' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a new payday moves the collection date at once', () => {
    b = shop('2026-11-30T10:00:00');
    const id = household(b, '郑十', 5);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-11-10' });
    expect(b.call('credit.collections', {}).total).toBe(0); // next payday 2026-12-05
    b.call('customers.update', { id, draft: { name: '郑十', phones: ['13800000000'], adults: 2, children: 0, seniors: 0, payday: 20 } });
    expect(b.call('credit.collections', {}).items[0]).toMatchObject({ name: '郑十', collectFrom: '2026-11-20' });
  });
});

describe('what the call list says they owe', () => {
  it('is the credit book balance: payments count', () => {
    b = shop();
    const id = household(b, '钱一', 15);
    b.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: false, date: '2026-10-20' });
    b.call('credit.recordPayment', { customerId: id, amountFen: 2500, method: 'cash' });
    const list = b.call('callList.list', { days: 60 });
    const row = [...list.due, ...list.upcoming].find((r) => r.customerId === id);
    expect(row?.owedFen).toBe(3500);
  });
});
