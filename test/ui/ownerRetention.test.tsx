import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { draft, PINNED_TODAY } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

/**
 * Today is 2026-11-22 (pinned). Fifteen households bought three times a fortnight apart and not for 16
 * weeks since, fifteen bought over the same weeks and a week ago; 回头 lapsed on rice, was called today
 * and bought.
 */
async function openOwner(language: 'zh-CN' | 'en' = 'zh-CN') {
  app = await renderApp({ language });
  const { backend } = app;
  const rice = backend.call('products.list', {})[0]!;
  const buy = (customerId: number, date: string, amountFen: number) =>
    backend.call('sales.record', { customerId, productId: rice.id, quantity: 10, amountFen, paid: true, date });
  const household = (name: string) => backend.call('customers.create', { draft: draft({ name, phones: [] }) }).id;
  for (let i = 0; i < 15; i++) {
    const gone = household(`走${i}`);
    [140, 126, 112].forEach((ago) => buy(gone, addDays(PINNED_TODAY, -ago), 1000 * (i + 1)));
    const alive = household(`在${i}`);
    [140, 70, 7].forEach((ago) => buy(alive, addDays(PINNED_TODAY, -ago), 500));
  }
  const back = household('回头');
  buy(back, '2026-07-01', 3000);
  backend.call('callList.act', { customerId: back, productId: rice.id, action: 'called', outcome: 'will_come' });
  buy(back, PINNED_TODAY, 3000);
  await app.user.click(screen.getByRole('menuitem', { name: language === 'en' ? /Overview/ : /经营/ }));
}

describe("the owner's retention section (real backend, real SQLite)", () => {
  it('lists the likely gone by spend, counts the win-back calls, and opens a household', async () => {
    await openOwner();
    const card = (await screen.findByText('回头客还在吗（不定期购买的客户）')).closest('.ant-card') as HTMLElement;
    // 31 households: 回头 bought twice; none has a rhythm.
    expect(await within(card).findByText(/^31 户没有固定的购买周期。估计已流失 15 户；未来 90 天预计来买 \d+ 次。$/)).toBeInTheDocument();
    const names = within(card)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names.slice(0, 3)).toEqual(['走14', '走13', '走12']);
    const top = within(card).getByRole('button', { name: '走14' }).closest('tr') as HTMLElement;
    expect(top).toHaveTextContent('¥450.00');
    expect(within(card).getByText('2026-11').closest('tr')).toHaveTextContent('2026-11111 (100%)');
    expect(within(card).getByText(/^BG\/NBD 模型（按周）：r = /)).toBeInTheDocument();
    await app!.user.click(within(card).getByRole('button', { name: '走14' }));
    expect(await screen.findByRole('heading', { name: '走14' })).toBeInTheDocument();
  });

  it('says so when too few households buy without a rhythm, in English', async () => {
    app = await renderApp({ language: 'en' });
    await app.user.click(screen.getByRole('menuitem', { name: /Overview/ }));
    expect(await screen.findByText('0 households buy without a regular rhythm: too few to estimate (at least 30).')).toBeInTheDocument();
    expect(screen.getByText('No "not heard from" household called in the last 12 months')).toBeInTheDocument();
    // Without a model nobody is "likely gone": no list that would say so.
    expect(screen.queryByText('Likely gone (most spent first)')).not.toBeInTheDocument();
  });
});
