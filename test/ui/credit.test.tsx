import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { COLLECTION_ROWS } from '../../renderer/src/store/creditSlice.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

/** On the pinned day 2026-11-22: 张三丰 (payday the 20th) owes ¥60 since 11-10; 李四 (payday the 25th) owes ¥30. */
async function shopWithDebts() {
  const a = await renderApp();
  const rice = a.backend.call('products.list', {})[0]!.id;
  const zhang = a.backend.call('customers.create', { draft: draft({ payday: 20, creditLimitFen: 8000 }) }).id;
  const li = a.backend.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'], payday: 25 }) }).id;
  a.backend.call('sales.record', { customerId: zhang, productId: rice, quantity: 10, paid: false, date: '2026-11-10' });
  a.backend.call('sales.record', { customerId: li, productId: rice, quantity: 5, paid: false, date: '2026-11-10' });
  app = a;
  return { ...a, zhang, li, rice };
}

const save = /保\s?存/;

describe('credit book and collections (real backend, real SQLite)', () => {
  it('lists who owes once their payday has passed; a payment takes them off', async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2)); // header + 张三丰
    const row = within(table).getByText('张三丰').closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('¥60.00');
    expect(row).toHaveTextContent('每月 20 日');
    expect(row).toHaveTextContent('已欠 12 天');
    expect(screen.queryByText('李四')).not.toBeInTheDocument(); // payday the 25th: not yet
    // ...but counted in all debts, so ¥30 owed is not taken for nothing owed
    const allDebts = document.querySelector('.collections-all-debts') as HTMLElement;
    expect(allDebts).toHaveTextContent('全部欠款：2 户（含未到发薪日）');
    expect(allDebts).toHaveTextContent('¥90.00');

    await a.user.click(within(row).getByRole('button', { name: /收\s?款/ }));
    const dialog = await screen.findByRole('dialog', { name: '收款：张三丰' });
    expect(within(dialog).getByLabelText('金额（元）')).toHaveValue('60.00');
    await a.user.click(within(dialog).getByText('微信'));
    // Enter and then a click on the button, before the first is answered: recorded once
    const amountInput = within(dialog).getByLabelText('金额（元）');
    fireEvent.keyDown(amountInput, { key: 'Enter' });
    fireEvent.click(within(dialog).getByRole('button', { name: /收\s?款/ }));
    expect(await screen.findByText('已收 张三丰 ¥60.00')).toBeInTheDocument();
    expect(await screen.findByText('今天没有要收的账')).toBeInTheDocument();
    expect(a.backend.call('ledger.forCustomer', { customerId: a.zhang })).toMatchObject({ balanceFen: 0, paidFen: 6000, entries: [{ kind: 'sale' }, { kind: 'payment', method: 'wechat' }] });
  });

  it('a payment of 0 is refused with a reason; more than is owed is asked about before it is kept as paid ahead', async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const row = (await screen.findByText('张三丰')).closest('tr') as HTMLElement;
    await a.user.click(within(row).getByRole('button', { name: /收\s?款/ }));
    const dialog = await screen.findByRole('dialog', { name: '收款：张三丰' });
    const amount = within(dialog).getByLabelText('金额（元）');
    await a.user.clear(amount);
    await a.user.type(amount, '0{Enter}');
    expect(await within(dialog).findByText('必须大于 0')).toBeInTheDocument();
    expect(a.backend.call('ledger.forCustomer', { customerId: a.zhang }).paidFen).toBe(0);

    await a.user.clear(amount);
    await a.user.type(amount, '600{Enter}');
    const overpay = async () => (await screen.findAllByText('收 ¥600.00，比欠款多 ¥540.00？')).at(-1)!.closest('.ant-modal') as HTMLElement;
    const ask = await overpay();
    expect(ask).toHaveTextContent('目前只欠 ¥60.00');
    await a.user.click(within(ask).getByRole('button', { name: /取\s?消/ }));
    expect(a.backend.call('ledger.forCustomer', { customerId: a.zhang }).paidFen).toBe(0);
    await a.user.type(amount, '{Enter}');
    await a.user.click(within(await overpay()).getByRole('button', { name: '没错，记为预付' }));
    expect(await screen.findByText('已收 张三丰 ¥600.00')).toBeInTheDocument();
    expect(a.backend.call('ledger.forCustomer', { customerId: a.zhang })).toMatchObject({ paidFen: 60000, balanceFen: -54000 });
  });

  it('logs a collection call with the promised day, and undo brings the household back', async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const row = (await screen.findByText('张三丰')).closest('tr') as HTMLElement;
    await a.user.click(within(row).getByRole('button', { name: /记录联系/ }));
    const dialog = await screen.findByRole('dialog', { name: '收账联系：张三丰' });
    await a.user.click(within(dialog).getByRole('button', { name: save }));
    expect(await screen.findByText('今天没有要收的账')).toBeInTheDocument();
    expect(a.backend.call('contacts.listForCustomer', { customerId: a.zhang })[0]).toMatchObject({ kind: 'call', outcome: 'will_pay', followUp: '2026-11-25' });
    await a.user.click(await screen.findByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByText('张三丰')).toBeInTheDocument();
  });

  it("shows the household's credit book with a running balance, and warns before a sale passes the credit limit", async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await a.user.click(await screen.findByRole('option', { name: /张三丰/ }));
    const ledger = (await screen.findByText('欠款余额')).closest('.ant-card') as HTMLElement;
    expect(within(ledger).getAllByText('¥60.00', { selector: 'td' })).toHaveLength(2); // on credit, and the balance after it
    expect(within(ledger).getByText('未付 ¥60.00')).toBeInTheDocument();
    expect(within(ledger).getByText('2026-11-20')).toBeInTheDocument(); // collect from

    await a.user.keyboard('{F4}');
    const sale = await screen.findByRole('dialog', { name: /记一笔/ });
    const quantity = within(sale).getByLabelText('数量');
    await a.user.clear(quantity);
    await a.user.type(quantity, '5');
    expect(within(sale).queryByText(/超过上限/)).not.toBeInTheDocument(); // paid now: no warning
    await a.user.click(within(sale).getByText('赊账'));
    expect(await within(sale).findByText('这笔赊账后欠款 ¥90.00，超过上限 ¥80.00。')).toBeInTheDocument();

    // 0 typed is refused, not saved as the smallest quantity
    const salesBefore = a.backend.call('sales.listForCustomer', { customerId: a.zhang, limit: 50 }).length;
    await a.user.clear(quantity);
    await a.user.type(quantity, '0{Enter}');
    expect(await within(sale).findByText('必须大于 0')).toBeInTheDocument();
    expect(a.backend.call('sales.listForCustomer', { customerId: a.zhang, limit: 50 })).toHaveLength(salesBefore);
  });
});

describe('a long collection list', () => {
  it('lists the oldest debts first, says how many households owe and how to narrow it', { timeout: 60_000 }, async () => {
    const a = (app = await renderApp());
    const rice = a.backend.call('products.list', {})[0]!.id;
    const owing = COLLECTION_ROWS + 3;
    for (let i = 0; i < owing; i++) {
      const id = a.backend.call('customers.create', { draft: draft({ name: `欠款${i}`, phones: [`1360000${String(i).padStart(4, '0')}`], payday: 20 }) }).id;
      a.backend.call('sales.record', { customerId: id, productId: rice, quantity: 1, paid: false, date: '2026-11-10' });
    }
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(COLLECTION_ROWS + 1)); // and the header
    expect(screen.getByText(String(owing))).toBeInTheDocument();
    expect(screen.getByText(`这里列出最前面的 ${COLLECTION_ROWS} 条，共 ${owing} 条。选一个片区可以缩小范围；打印出来的单子列出全部。`)).toBeInTheDocument();
  });
});
