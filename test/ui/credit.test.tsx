import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draft, makeBackend } from '../backend/helpers.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';
import { CollectionsPrint } from '../../renderer/src/features/print/CollectionsPrint.tsx';
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
    expect(a.backend.call('credit.ledger', { customerId: a.zhang })).toMatchObject({
      balanceFen: 0,
      paidFen: 6000,
      entries: [{ kind: 'sale' }, { kind: 'payment', method: 'wechat' }],
    });
  });

  it("Enter or a double click on a collections row opens the household's record; Esc comes back to that row", async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const table = await screen.findByRole('table');
    const row = () => within(screen.getByRole('table')).getByText('张三丰').closest('tr') as HTMLElement;
    await waitFor(() => expect(within(table).getByText('张三丰')).toBeInTheDocument());
    await a.user.dblClick(within(row()).getByText('¥60.00'));
    expect(await screen.findByRole('heading', { name: /张三丰/ })).toBeInTheDocument();
    expect(a.store.getState()).toMatchObject({ view: 'customers', selectedId: a.zhang });
    await a.user.keyboard('{Escape}');
    await waitFor(() => expect(row()).toHaveClass('collection-row-selected'));
    await waitFor(() => expect(row()).toHaveFocus());
    await a.user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: /张三丰/ })).toBeInTheDocument();
    await a.user.click(screen.getByRole('button', { name: /返回收账/ }));
    await waitFor(() => expect(row()).toHaveClass('collection-row-selected'));
  });

  it('lists the longest owed first, then the most; the shopkeeper sorts by amount or by days owed', async () => {
    app = await renderApp();
    const a = app;
    const rice = a.backend.call('products.list', {})[0]!.id; // ¥6.00 a kg
    const owes = (name: string, phone: string, payday: number, kg: number, date: string) => {
      const id = a.backend.call('customers.create', { draft: draft({ name, phones: [phone], payday }) }).id;
      a.backend.call('sales.record', { customerId: id, productId: rice, quantity: kg, paid: false, date });
    };
    // By day of the month these would read 陈一, 林二, 黄三: the order the shopkeeper did not want.
    owes('陈一', '13900000001', 1, 20, '2026-10-25'); // ¥120, 28 days
    owes('林二', '13900000002', 15, 5, '2026-10-25'); // ¥30, 28 days
    owes('黄三', '13900000003', 20, 10, '2026-10-01'); // ¥60, 52 days
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const table = await screen.findByRole('table');
    const names = () => [...table.querySelectorAll('tbody tr.collection-row .cell-stack > strong')].map((n) => n.textContent);
    await waitFor(() => expect(names()).toEqual(['黄三', '陈一', '林二']));

    await a.user.click(within(table).getByRole('columnheader', { name: /^欠款$/ }));
    expect(names()).toEqual(['陈一', '黄三', '林二']); // the most owed first
    await a.user.click(within(table).getByRole('columnheader', { name: /^欠款$/ }));
    expect(names()).toEqual(['林二', '黄三', '陈一']);
    await a.user.click(within(table).getByRole('columnheader', { name: /欠款起始/ }));
    expect(names()).toEqual(['黄三', '陈一', '林二']); // the longest owed first
    await a.user.click(within(table).getByRole('columnheader', { name: /欠款起始/ }));
    expect(names()).toEqual(['陈一', '林二', '黄三']);
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
    expect(a.backend.call('credit.ledger', { customerId: a.zhang }).paidFen).toBe(0);

    await a.user.clear(amount);
    await a.user.type(amount, '600{Enter}');
    const overpay = async () => (await screen.findAllByText('收 ¥600.00，比欠款多 ¥540.00？')).at(-1)!.closest('.ant-modal') as HTMLElement;
    const ask = await overpay();
    expect(ask).toHaveTextContent('目前只欠 ¥60.00');
    await a.user.click(within(ask).getByRole('button', { name: /取\s?消/ }));
    expect(a.backend.call('credit.ledger', { customerId: a.zhang }).paidFen).toBe(0);
    await a.user.type(amount, '{Enter}');
    await a.user.click(within(await overpay()).getByRole('button', { name: '没错，记为预付' }));
    expect(await screen.findByText('已收 张三丰 ¥600.00')).toBeInTheDocument();
    expect(a.backend.call('credit.ledger', { customerId: a.zhang })).toMatchObject({ paidFen: 60000, balanceFen: -54000 });
  });

  it('logs a collection call with the promised day, and undo brings the household back', async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const row = (await screen.findByText('张三丰')).closest('tr') as HTMLElement;
    await a.user.click(within(row).getByRole('button', { name: /记录联系/ }));
    const dialog = await screen.findByRole('dialog', { name: '收账联系：张三丰' });
    // Today's call dialog: numbers pick the outcome, Enter logs it, the keys are said under the form.
    expect(dialog).toHaveTextContent('按 1–4 选结果，回车保存');
    await a.user.keyboard('3');
    expect(within(dialog).getByRole('radio', { name: /不在家/ })).toBeChecked();
    expect(within(dialog).queryByLabelText('答应哪天付')).not.toBeInTheDocument();
    await a.user.keyboard('1');
    expect(within(dialog).getByLabelText('答应哪天付')).toBeInTheDocument();
    await a.user.keyboard('{Enter}');
    expect(await screen.findByText('今天没有要收的账')).toBeInTheDocument();
    expect(a.backend.call('customers.contacts', { customerId: a.zhang })[0]).toMatchObject({ kind: 'call', outcome: 'will_pay', followUp: '2026-11-25' });
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
    expect(within(ledger).getByText('11月20日')).toBeInTheDocument(); // collect from (was 2026-11-20: dates read one way now)

    await a.user.click(screen.getByRole('button', { name: '记一笔' }));
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

  it("voids a payment with one of the usual reasons, and the message's Undo restores it and the balance", async () => {
    const a = await shopWithDebts();
    const payment = a.backend.call('credit.recordPayment', { customerId: a.zhang, amountFen: 2000, method: 'cash', date: '2026-11-15' });
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await a.user.click(await screen.findByRole('option', { name: /张三丰/ }));
    const ledger = (await screen.findByText('欠款余额')).closest('.ant-card') as HTMLElement;
    // The first figure of the card: what is owed now.
    const balance = () => ledger.querySelector('.ledger-figures > *')?.textContent;
    expect(balance()).toContain('¥40.00');
    const row = within(ledger).getByText('还款 · 现金').closest('tr') as HTMLElement;
    await a.user.click(within(row).getByRole('button', { name: /作\s?废/ }));
    const confirm = (await screen.findByText('作废这笔收款？记录会保留并标记为作废，欠款会重新计算。')).closest('.ant-popover') as HTMLElement;
    await a.user.click(within(confirm).getByText('钱没到账'));
    expect(within(confirm).getByLabelText('原因')).toHaveValue('钱没到账');
    await a.user.click(within(confirm).getByRole('button', { name: /作\s?废/ }));

    const notice = (await screen.findByText('已作废', { selector: '.ant-message-notice *' })).closest('.ant-message-notice') as HTMLElement;
    await waitFor(() => expect(balance()).toContain('¥60.00'));
    expect(within(ledger).queryByText('还款 · 现金')).not.toBeInTheDocument();
    expect(a.backend.call('credit.ledger', { customerId: a.zhang }).balanceFen).toBe(6000);

    await a.user.click(within(notice).getByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByText('已撤销作废，这笔收款重新计入')).toBeInTheDocument();
    await waitFor(() => expect(balance()).toContain('¥40.00'));
    expect(within(ledger).getByText('还款 · 现金')).toBeInTheDocument();
    expect(a.backend.call('credit.ledger', { customerId: a.zhang }).balanceFen).toBe(4000);
    expect(a.backend.call('credit.ledger', { customerId: a.zhang }).entries.find((e) => e.kind === 'payment')).toMatchObject({ refId: payment.id });
  });

  it('money, dates and rates read one way: ¥3,750.00, the year on an old date, no payday line without a payday', async () => {
    app = await renderApp();
    const a = app;
    const rice = a.backend.call('products.list', {})[0]!.id; // ¥6.00 a kg
    const gas = a.backend.call('products.create', {
      draft: { name: '液化气', unit: 'cylinder', priceFen: 12000, dailyUse: { adult: 0.004, child: 0.002, senior: 0.004 } },
    }).id;
    const wang = a.backend.call('customers.create', { draft: draft({ name: '王大', phones: ['13900002222'], payday: null }) }).id;
    a.backend.call('sales.record', { customerId: wang, productId: rice, quantity: 625, paid: false, date: '2025-12-10' });
    a.backend.call('sales.record', { customerId: wang, productId: gas, quantity: 1, paid: true, date: '2026-11-01' });

    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await a.user.click(await screen.findByRole('option', { name: /王大/ }));
    const ledger = (await screen.findByText('欠款余额')).closest('.ant-card') as HTMLElement;
    // The balance figure as the headline shows it; ¥ is in the text, not a prefix set apart by a space
    expect(ledger.querySelector('.ant-statistic-content')).toHaveTextContent(/^¥3,750\.00$/);
    expect(ledger.querySelector('.ant-statistic-content-prefix')).toBeNull();
    expect(within(ledger).getAllByText('¥3,750.00', { selector: 'td' })).toHaveLength(2);
    expect(within(ledger).getByText('未付 ¥3,750.00')).toBeInTheDocument();
    expect(within(ledger).getAllByText('2025年12月10日').length).toBeGreaterThan(0); // the row, and owed since
    expect(within(ledger).queryByText('发薪日后可收')).not.toBeInTheDocument();

    const purchases = screen.getByText('购买记录').closest('.ant-card') as HTMLElement;
    expect(within(purchases).getByText('¥3,750.00')).toBeInTheDocument();
    expect(within(purchases).getByText('2025年12月10日')).toBeInTheDocument();
    expect(within(purchases).getByText('11月1日')).toBeInTheDocument();

    const forecast = screen.getByText('预计用量').closest('.ant-card') as HTMLElement;
    const gasRow = within(forecast).getByText('液化气').closest('tr') as HTMLElement;
    const daily = a.backend.call('forecasts.forCustomer', { customerId: wang }).find((f) => f.productId === gas)!.dailyUse;
    expect(daily).toBeLessThan(0.5);
    expect(gasRow).toHaveTextContent(`约 ${Math.round(1 / daily)} 天 1 罐`);
    expect(gasRow).not.toHaveTextContent('/ 天');

    await a.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const row = within(await screen.findByRole('table'))
      .getByText('王大')
      .closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('¥3,750.00');
    expect(row).toHaveTextContent('2025年12月10日');
    expect((document.querySelector('.collections-all-debts') as HTMLElement).textContent).toMatch(/¥3,750\.00$/);
  });

  it('a household with a payday is told when to collect after it', async () => {
    const a = await shopWithDebts();
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await a.user.click(await screen.findByRole('option', { name: /张三丰/ }));
    const ledger = (await screen.findByText('欠款余额')).closest('.ant-card') as HTMLElement;
    expect((within(ledger).getByText('发薪日后可收').closest('.ant-statistic') as HTMLElement).textContent).toBe('发薪日后可收11月20日');
  });
});

const longList = {
  'zh-CN': {
    menu: /收账/,
    allAreas: '全部片区',
    print: /打印今日单/,
    back: /返\s?回/,
    shownOnScreen: (shown: number, count: number) => `这里列出最前面的 ${shown} 条，共 ${count} 条。选一个片区可以缩小范围；打印出来的单子列出全部。`,
    printedTitle: (count: number) => `欠款，发薪日已过 共 ${count} 户 · ¥${(count * 300).toLocaleString('en-US')}.00`,
  },
  en: {
    menu: /Collections/,
    allAreas: 'All areas',
    print: /Print today's sheet/,
    back: /Back/,
    shownOnScreen: (shown: number, count: number) => `Showing the first ${shown} of ${count}. Pick an area to narrow it down; the printed sheet has them all.`,
    printedTitle: (count: number) => `Owes money, payday passed ${count} households · ¥${(count * 300).toLocaleString('en-US')}.00`,
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('a collection list longer than the screen shows (%s)', (language) => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it(
    'shows the oldest debts first and says how many of how many; an area narrows the screen and the printed sheet; the sheet lists them all',
    { timeout: 90_000 },
    async () => {
      const text = longList[language];
      const a = (app = await renderApp({ language }));
      const rice = a.backend.call('products.list', {})[0]!.id; // ¥6.00 a kg: 50 kg, ¥300 owed and no reminder this week
      const owing = COLLECTION_ROWS + 3;
      for (let i = 0; i < owing; i++) {
        const area = i < 3 ? '东门街' : '幸福小区';
        const id = a.backend.call('customers.create', {
          draft: draft({ name: `欠款${i}`, phones: [`1360000${String(i).padStart(4, '0')}`], area, payday: 20 }),
        }).id;
        a.backend.call('sales.record', { customerId: id, productId: rice, quantity: 50, paid: false, date: i < 3 ? '2026-11-10' : '2026-11-01' });
      }
      await a.user.click(screen.getByRole('menuitem', { name: text.menu }));
      const table = await screen.findByRole('table');
      await waitFor(() => expect(table).toHaveAttribute('aria-rowcount', String(COLLECTION_ROWS + 1))); // and the header
      expect(within(table).getAllByRole('row').length).toBeLessThan(COLLECTION_ROWS); // only what is on screen is drawn
      expect(screen.getByText(String(owing))).toBeInTheDocument(); // households to collect from
      expect(screen.getByText(text.shownOnScreen(COLLECTION_ROWS, owing))).toBeInTheDocument();
      expect(screen.queryByText('欠款0')).not.toBeInTheDocument(); // 东门街 owes since the 10th: after the 200 oldest

      // One area: all of it fits, and nothing says otherwise.
      await a.user.click(screen.getByText('东门街'));
      await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(4));
      expect(screen.queryByText(text.shownOnScreen(COLLECTION_ROWS, owing))).not.toBeInTheDocument();

      // ...and its printed sheet is that area's.
      const print = vi.spyOn(window, 'print').mockImplementation(() => undefined); // jsdom has no print dialog
      await a.user.click(screen.getByRole('button', { name: text.print }));
      await waitFor(() => expect(print).toHaveBeenCalledOnce());
      expect(new URLSearchParams(window.location.hash.split('?')[1]).get('area')).toBe('东门街');
      expect(document.querySelectorAll('.print-collections tbody tr.print-row')).toHaveLength(3);
      expect(document.querySelector('.print-collections .print-section-row')).toHaveTextContent(text.printedTitle(3));
      // Ctrl+P prints the sheet again from the print view (the desktop app's menu leaves that key to the page).
      await a.user.keyboard('{Control>}p{/Control}');
      await waitFor(() => expect(print).toHaveBeenCalledTimes(2));

      // Every area: the sheet lists every household the screen had no room for.
      await a.user.click(screen.getByRole('button', { name: text.back }));
      await a.user.click(await screen.findByText(text.allAreas));
      await waitFor(() => expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', String(COLLECTION_ROWS + 1)));
      await a.user.click(screen.getByRole('button', { name: text.print }));
      await waitFor(() => expect(print).toHaveBeenCalledTimes(3));
      expect(new URLSearchParams(window.location.hash.split('?')[1]).get('area')).toBeNull();
      expect(document.querySelectorAll('.print-collections tbody tr.print-row')).toHaveLength(owing);
      expect(document.querySelector('.print-collections .print-section-row')).toHaveTextContent(text.printedTitle(owing));
      expect(document.querySelector('.print-footnote')).toBeNull();
      print.mockRestore();
    },
  );
});

describe('a printed collection list cut short', () => {
  it.each([
    ['zh-CN', '这张单子只列出欠款最久的 2 户，共 3 户。按片区分开打印可以列全。', '共 3 户 · ¥18.00'],
    ['en', 'This sheet lists the 2 longest owing of 3 households. Print one area at a time to list them all.', '3 households · ¥18.00'],
  ] as const)('says how many of how many it lists, and counts them all (%s)', async (language, footnote, count) => {
    // The sheet asks for as many as one call returns (5000): a real answer cut at 2 stands for a longer book.
    const backend = makeBackend();
    try {
      backend.call('shop.startEmpty', { language });
      const rice = backend.call('products.list', {})[0]!.id;
      for (let i = 0; i < 3; i++) {
        const id = backend.call('customers.create', { draft: draft({ name: `欠款${i}`, phones: [`1360000000${i}`], payday: 20 }) }).id;
        backend.call('sales.record', { customerId: id, productId: rice, quantity: 1, paid: false, date: '2026-11-10' });
      }
      const list = backend.call('credit.collections', { limit: 2 });
      for (const layout of ['a4', 'receipt'] as const) {
        const { unmount } = render(
          <I18nextProvider i18n={createI18n(language)}>
            <CollectionsPrint list={list} layout={layout} />
          </I18nextProvider>,
        );
        expect(screen.getByText(footnote)).toBeInTheDocument();
        expect(screen.getByText(count, { exact: false })).toBeInTheDocument();
        unmount();
      }
    } finally {
      backend.dispose();
    }
  });
});
