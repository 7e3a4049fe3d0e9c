import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.backend.dispose();
  // A test that ends on the printed receipt leaves the print route in jsdom's one window.
  window.location.hash = '';
});

describe('the counter slip (real backend, real SQLite)', () => {
  it('F4 on a household, two lines by pinyin initials with Enter, F9 settles: two sales of the household', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const products = backend.call('products.list', {});
    const rice = products.find((p) => p.name === '大米')!;
    const oil = products.find((p) => p.name === '食用油')!;
    const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(await screen.findByRole('option', { name: /王芳/ }));
    await screen.findByRole('heading', { name: '王芳' });

    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：王芳' });
    const product = within(dialog).getByLabelText('商品');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'dm');
    expect(within(dialog).getAllByRole('option')[0]).toHaveTextContent('大米');
    await user.keyboard('{Enter}');
    const quantity = within(dialog).getByLabelText('数量');
    await waitFor(() => expect(quantity).toHaveFocus());
    await user.keyboard('10{Enter}');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'syy{Enter}');
    await waitFor(() => expect(quantity).toHaveFocus());
    await user.keyboard('2{Enter}');
    const total = 10 * rice.priceFen + 2 * oil.priceFen;
    expect(within(dialog).getByText(`合计 ¥${(total / 100).toFixed(2)}`)).toBeInTheDocument();

    await user.keyboard('{F9}');
    expect(await screen.findByText(/已开单 第 \d+ 号/)).toBeInTheDocument();
    const sales = backend.call('sales.listForCustomer', { customerId });
    expect(sales.map((s) => [s.productId, s.quantity, s.paid])).toEqual([
      [oil.id, 2, true],
      [rice.id, 10, true],
    ]);
    expect(backend.call('forecasts.forCustomer', { customerId })).toHaveLength(2);
    expect(backend.call('slips.list', {}).entries[0]).toMatchObject({ customerId, totalFen: total, payments: [{ method: 'cash', amountFen: total }] });
  });

  it('a walk-in slip by F4 anywhere; a split that does not add up is refused with its reason and nothing is saved', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const water = backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：散客' });
    expect(within(dialog).queryByLabelText('赊账')).toBeNull(); // no credit without a household
    await user.keyboard('{F9}');
    expect(await screen.findByText('开单至少要有一行商品')).toBeInTheDocument();

    const product = within(dialog).getByLabelText('商品');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'tzs{Enter}');
    await waitFor(() => expect(within(dialog).getByLabelText('数量')).toHaveFocus());
    await user.keyboard('3{Enter}');
    await user.type(within(dialog).getByLabelText('微信'), '1');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('各种付款加起来要等于合计金额')).toBeInTheDocument();
    expect(backend.count('slips')).toBe(0);

    await user.click(within(dialog).getByRole('button', { name: '微信' }));
    await user.keyboard('{F9}');
    expect(await screen.findByText(/已开单/)).toBeInTheDocument();
    expect(backend.call('slips.list', {}).entries[0]).toMatchObject({ customerId: null, payments: [{ method: 'wechat', amountFen: 3 * water.priceFen }] });
    // Enter on the result prints the receipt: the print view with the slip's lines.
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/销售单 第 \d+ 号/)).toBeInTheDocument();
    expect(screen.getByText('客户：散客')).toBeInTheDocument();
    expect(screen.getByText('桶装水 18.9L')).toBeInTheDocument();
  });

  it('the journal lists the slips with their total; voiding one from it takes it out of the total, kept and marked', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const water = backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    const sell = (quantity: number) =>
      backend.call('slips.create', { lines: [{ productId: water.id, quantity }], payments: [{ method: 'cash', amountFen: quantity * water.priceFen }] });
    sell(1);
    const second = sell(2);
    await user.click(screen.getByRole('menuitem', { name: /流水/ }));
    const amount = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    expect(await screen.findByText(`共 2 笔，合计 ${amount(3 * water.priceFen)}（不含作废）`)).toBeInTheDocument();
    const row = screen.getByText(`第 ${second.id} 号`).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /^作\s?废$/ }));
    await user.type(await screen.findByLabelText('原因'), '重复开单');
    await user.click(screen.getAllByRole('button', { name: /^作\s?废$/ }).at(-1)!);
    expect(await screen.findByText(`共 1 笔，合计 ${amount(water.priceFen)}（不含作废）`)).toBeInTheDocument();
    expect(backend.call('slips.get', { id: second.id })).toMatchObject({ voidReason: '重复开单', totalFen: 0 });
  });
});
