import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.backend.dispose();
  window.location.hash = '';
});

describe('prepaid tickets (real backend, real SQLite)', () => {
  it('sells a 20 + 2 bundle from the household record, then a slip of 2 buckets is paid by tickets', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const water = backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    backend.call('prepaid.savePlan', { draft: { kind: 'tickets', name: '水票 20+2', productId: water.id, tickets: 20, bonusTickets: 2, priceFen: 30000 } });
    const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(await screen.findByRole('option', { name: /王芳/ }));
    await screen.findByRole('heading', { name: '王芳' });

    // The record's prepaid line: nothing held yet, a plan on sale.
    expect(await screen.findByText('没有水票或储值')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '办卡 / 充值' }));
    const sell = await screen.findByRole('dialog', { name: '给 王芳 办卡或充值' });
    expect(within(sell).getByText('应收 ¥300.00')).toBeInTheDocument();
    await user.click(within(sell).getByRole('radio', { name: '微信' }));
    await user.click(within(sell).getByRole('button', { name: '确认收款' }));
    expect(await screen.findByText(`${water.name} 票 22 张`)).toBeInTheDocument();
    expect(backend.call('prepaid.forCustomer', { customerId }).entries[0]).toMatchObject({ kind: 'bought', units: 22, moneyFen: 30000, method: 'wechat' });

    // The slip: a water line draws tickets by default, the rest of the payment is nothing.
    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：王芳' });
    const product = within(dialog).getByLabelText('商品');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'tzs{Enter}');
    await waitFor(() => expect(within(dialog).getByLabelText('数量')).toHaveFocus());
    await user.keyboard('2{Enter}');
    expect(within(dialog).getByRole('checkbox', { name: '用 2 张' })).toBeChecked();
    expect(within(dialog).getByText(`用票 ¥${((2 * water.priceFen) / 100).toFixed(2)}`)).toBeInTheDocument();
    await user.keyboard('{F9}');
    expect(await screen.findByText(/已开单 第 \d+ 号/)).toBeInTheDocument();
    expect(backend.call('slips.list', {}).entries[0]).toMatchObject({ customerId, payments: [{ method: 'tickets', amountFen: 2 * water.priceFen }] });
    expect(backend.call('prepaid.forCustomer', { customerId }).balances.tickets[0]?.left).toBe(20);
    await user.click(screen.getByRole('button', { name: '关闭' }));
    // The record follows the slip.
    expect(await screen.findByText(`${water.name} 票 20 张`)).toBeInTheDocument();
  });

  it('a household down to its threshold is a renewal call on Today', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const water = backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    const plan = backend.call('prepaid.savePlan', {
      draft: { kind: 'tickets', name: '水票 2', productId: water.id, tickets: 2, priceFen: 3000, lowTickets: 2 },
    });
    const customerId = backend.call('customers.create', { draft: draft({ name: '李雷', phones: ['13900001111'] }) }).id;
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    backend.call('prepaid.sell', { customerId, planId: plan.id, method: 'cash' });
    // Today stays mounted: shown again, it reloads its renewal calls.
    await user.click(screen.getByRole('menuitem', { name: /今日/ }));
    expect(await screen.findByText(`李雷 13900001111：剩 ${water.name} 票 2 张`)).toBeInTheDocument();
  });
});
