import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
// antd repeats a confirm's title for screen readers: the visible one.
const confirmTitle = '.ant-modal-confirm-title';
afterEach(() => {
  vi.unstubAllEnvs();
  app?.backend.dispose();
});

/** A household that has bought 2 buckets of water twice, open in the book with the sale dialog on water. */
async function openSaleForWaterBuyer(language: 'zh-CN' | 'en' = 'zh-CN') {
  app = await renderApp({ language });
  const { backend } = app;
  const water = backend.call('products.list', {}).find((p) => p.unit === 'bucket')!;
  const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
  for (const date of ['2026-11-01', '2026-11-10']) backend.call('sales.record', { customerId, productId: water.id, quantity: 2, paid: true, date });
  await app.user.click(screen.getByRole('menuitem', { name: language === 'en' ? /Customers/ : /客户/ }));
  await app.user.click(await screen.findByRole('option', { name: /王芳/ }));
  await screen.findByRole('heading', { name: '王芳' });
  await app.user.click(screen.getByRole('button', { name: language === 'en' ? 'Record a sale' : '记一笔' }));
  const dialog = await screen.findByRole('dialog', { name: language === 'en' ? 'Record a sale: 王芳' : '记一笔：王芳' });
  return { backend, customerId, dialog, quantity: within(dialog).getByLabelText(language === 'en' ? 'Quantity' : '数量') };
}

describe('recording a sale (real backend, real SQLite)', () => {
  it('asks before saving 250 buckets for a household that buys 2: Esc goes back, Enter saves', async () => {
    // Under NODE_ENV=test antd gives every dialog the same id, so Esc cannot tell the question from the
    // sale dialog under it; the ids the app has everywhere else make Esc close the top one only.
    vi.stubEnv('NODE_ENV', 'development');
    const { backend, customerId, quantity } = await openSaleForWaterBuyer();
    const sales = () => backend.call('sales.listForCustomer', { customerId }).length;
    await app!.user.clear(quantity);
    await app!.user.type(quantity, '250{Enter}');
    expect(await screen.findByText('这是平时的 125 倍，确定吗？', { selector: confirmTitle })).toBeInTheDocument();
    expect(screen.getByText('这户平时买 2 桶，这次记 250 桶。')).toBeInTheDocument();
    expect(sales()).toBe(2);

    await app!.user.keyboard('{Escape}');
    await waitFor(() => expect(quantity).toHaveFocus());
    expect(screen.getByRole('dialog', { name: '记一笔：王芳' })).toBeInTheDocument();
    expect(sales()).toBe(2);

    // (jsdom ends no animation: the closed question stays in the page, hidden, beside the new one.)
    await app!.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByText('这是平时的 125 倍，确定吗？', { selector: confirmTitle })).toHaveLength(2));
    await waitFor(() => expect(document.activeElement).toHaveTextContent('确定记账'));
    await app!.user.keyboard('{Enter}');
    expect(await screen.findByText(/已记账：桶装水 18.9L 250 桶/)).toBeInTheDocument();
    expect(backend.call('sales.listForCustomer', { customerId })[0]).toMatchObject({ quantity: 250 });
  });

  it('does not ask about a usual quantity', async () => {
    const { backend, customerId, quantity } = await openSaleForWaterBuyer();
    await app!.user.clear(quantity);
    await app!.user.type(quantity, '3{Enter}');
    expect(await screen.findByText(/已记账：桶装水 18.9L 3 桶/)).toBeInTheDocument();
    expect(backend.call('sales.listForCustomer', { customerId })).toHaveLength(3);
  });

  it('asks in English too', async () => {
    const { quantity } = await openSaleForWaterBuyer('en');
    await app!.user.clear(quantity);
    await app!.user.type(quantity, '250{Enter}');
    expect(await screen.findByText('That is 125× the usual. Sure?', { selector: confirmTitle })).toBeInTheDocument();
    expect(screen.getByText('This household usually buys 2 buckets; this sale is 250 buckets.')).toBeInTheDocument();
  });
});

describe('voiding a sale (real backend, real SQLite)', () => {
  it('asks why with the usual reasons, shows the reason in the history, and its message undoes the void', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const water = backend.call('products.list', {}).find((p) => p.unit === 'bucket')!;
    const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
    const sale = backend.call('sales.record', { customerId, productId: water.id, quantity: 2, paid: false, date: '2026-11-10' });
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(await screen.findByRole('option', { name: /王芳/ }));
    const row = (await screen.findByText('桶装水 18.9L', { selector: '.sales-table td' })).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /作\s?废/ }));
    const confirm = (await screen.findByText('作废这笔销售？记录会保留并标记为作废。')).closest('.ant-popover') as HTMLElement;
    await user.click(within(confirm).getByText('记错了客户'));
    expect(within(confirm).getByLabelText('原因')).toHaveValue('记错了客户');
    await user.click(within(confirm).getByRole('button', { name: /作\s?废/ }));

    const notice = (await screen.findByText('已作废', { selector: '.ant-message-notice *' })).closest('.ant-message-notice') as HTMLElement;
    await waitFor(() => expect(within(row).getByText('记错了客户')).toBeInTheDocument());
    expect(backend.call('sales.listForCustomer', { customerId })[0]).toMatchObject({ voidReason: '记错了客户' });
    expect(backend.call('credit.ledger', { customerId }).balanceFen).toBe(0);

    await user.click(within(notice).getByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByText('已撤销作废')).toBeInTheDocument();
    expect(backend.call('sales.listForCustomer', { customerId })[0]).toEqual(sale);
    expect(backend.call('credit.ledger', { customerId }).balanceFen).toBe(sale.amountFen);
    await waitFor(() => expect(within(row).getByText('赊账')).toBeInTheDocument());
  });
});
