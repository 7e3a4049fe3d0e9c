import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

/** Today is 2026-11-22 (pinned): 张三 bought today and last month, 李四 owes since October. */
async function openOwner(language: 'zh-CN' | 'en' = 'zh-CN') {
  app = await renderApp({ language });
  const { backend } = app;
  const rice = backend.call('products.list', {})[0]!;
  const a = backend.call('customers.create', { draft: draft({ name: '张三' }) }).id;
  const b = backend.call('customers.create', { draft: draft({ name: '李四', phones: ['13900000000'] }) }).id;
  const sale = (customerId: number, date: string, amountFen: number, paid = true) =>
    backend.call('sales.record', { customerId, productId: rice.id, quantity: 10, amountFen, paid, date });
  sale(a, '2026-11-22', 12_345_00);
  sale(a, '2026-10-10', 20000);
  sale(b, '2026-10-20', 8000, false);
  await app.user.click(screen.getByRole('menuitem', { name: language === 'en' ? /Overview/ : /经营/ }));
  return { backend, a, b };
}

describe("the owner's screen (real backend, real SQLite)", () => {
  it('shows the takings, the comparison, credit by age and the tiers', async () => {
    await openOwner();
    expect(await screen.findByText('今日营业额')).toBeInTheDocument();
    const today = screen.getByText('今日营业额').closest('.ant-card') as HTMLElement;
    expect(within(today).getByText(/¥12,345\.00/)).toBeInTheDocument();
    // This month 12,345 against the same days of October (200 + 80): far up.
    expect(screen.getByText(/比上月同期 \+4309%/)).toBeInTheDocument();
    expect(screen.getByText('共欠 ¥80.00，1 户')).toBeInTheDocument();
    expect(screen.getByText(/31–60 天：¥80\.00/)).toBeInTheDocument();
    // Two households with spend: one VIP (rounded up), one small.
    const pyramid = screen.getByText('客户分层（近 12 个月消费）').closest('.ant-card') as HTMLElement;
    expect(within(pyramid).getByText(/VIP/).closest('.owner-tier')).toHaveTextContent('VIP 1 户 · ¥12,545.00');
    expect(within(pyramid).getByText(/小额/).closest('.owner-tier')).toHaveTextContent('小额 1 户 · ¥80.00');
  });

  it('opens a household that moved tier and Esc comes back', async () => {
    const { backend } = await openOwner();
    // At the end of October 张三 (200) was the VIP and 李四 (80) small, as now: nobody moved yet.
    expect(backend.call('owner.pyramid', {}).moves.map((m) => m.name)).toEqual([]);
    await app!.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    const rice = backend.call('products.list', {})[0]!;
    const li = backend.call('customers.search', { query: '李四' }).items[0]!.id;
    // 李四 spends more than 张三 this month: they swap.
    backend.call('sales.record', { customerId: li, productId: rice.id, quantity: 10, amountFen: 99_999_00, paid: true, date: '2026-11-21' });
    await app!.user.click(screen.getByRole('menuitem', { name: /经营/ }));
    const moves = await screen.findByText('本月变动');
    const list = moves.closest('.ant-col') as HTMLElement;
    await waitFor(() => expect(within(list).getByRole('button', { name: '李四' })).toBeInTheDocument());
    expect(within(list).getByText('小额 → VIP')).toHaveClass('owner-rise');
    expect(within(list).getByText('VIP → 小额')).toHaveClass('owner-drop');
    await app!.user.click(within(list).getByRole('button', { name: '李四' }));
    expect(await screen.findByRole('heading', { name: '李四' })).toBeInTheDocument();
    await app!.user.keyboard('{Escape}');
    expect(await screen.findByText('本月变动')).toBeInTheDocument();
  });

  it('speaks English, with the month axis and money in English', async () => {
    await openOwner('en');
    expect(await screen.findByText("Today's takings")).toBeInTheDocument();
    expect(screen.getByText('¥80.00 owed by 1 households')).toBeInTheDocument();
    expect(screen.getByText('Customer tiers (last 12 months of spend)')).toBeInTheDocument();
  });
});
