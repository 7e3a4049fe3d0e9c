import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { applyRateFactor } from '../../shared/domain/forecastShop.ts';
import { draft, PINNED_TODAY } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

describe('products (real backend, real SQLite)', () => {
  it('a new product needs a price and some daily use: otherwise nothing is saved and the fields say why', async () => {
    app = await renderApp();
    const before = app.backend.call('products.list', {}).length;
    await app.user.click(screen.getByRole('menuitem', { name: /商品/ }));
    await app.user.click(await screen.findByRole('button', { name: /新建商品/ }));
    const dialog = await screen.findByRole('dialog', { name: '新建商品' });
    await app.user.type(within(dialog).getByLabelText('名称'), '小米');
    await app.user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument(); // the price starts empty, not 0.00
    expect(within(dialog).getByText('至少一项要大于 0，否则算不出客户什么时候用完')).toBeInTheDocument();
    expect(app.backend.call('products.list', {})).toHaveLength(before);

    await app.user.type(within(dialog).getByLabelText('单价（元）'), '5');
    const child = within(dialog).getByLabelText('小孩');
    await app.user.clear(child);
    await app.user.type(child, '0.1');
    await app.user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    await screen.findByText(/小米/, { selector: 'td *, td' });
    expect(app.backend.call('products.list', {}).find((p) => p.name === '小米')).toMatchObject({
      priceFen: 500,
      dailyUse: { adult: 0, child: 0.1, senior: 0 },
    });
  });

  it('stopping a product asks first, says its reminders go, and takes them off; restoring brings them back', async () => {
    app = await renderApp();
    const { backend } = app;
    const oil = backend.call('products.list', {}).find((p) => p.name === '食用油')!;
    const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
    backend.call('sales.record', { customerId, productId: oil.id, quantity: 5, paid: true });
    const oilReminders = () => backend.context.db.prepare('SELECT count(*) FROM reminders WHERE product_id = ?').pluck().get(oil.id);
    expect(oilReminders()).toBe(1);

    await app.user.click(screen.getByRole('menuitem', { name: /商品/ }));
    const row = (await screen.findByText('食用油')).closest('tr')!;
    await app.user.click(within(row).getByRole('button', { name: '停售' }));
    const confirm = await screen.findByRole('tooltip');
    expect(within(confirm).getByText('停售“食用油”？')).toBeInTheDocument();
    expect(within(confirm).getByText('买它的住户不再收到它的提醒。恢复后按购买记录重新提醒。')).toBeInTheDocument();
    expect(oilReminders()).toBe(1); // nothing yet: only asked
    await app.user.click(within(confirm).getByRole('button', { name: /停\s?售/ }));
    await vi.waitFor(() => expect(screen.queryByText('食用油')).not.toBeInTheDocument());
    expect(oilReminders()).toBe(0);

    await app.user.click(screen.getByRole('checkbox', { name: '显示已停售' }));
    const stopped = (await screen.findByText('食用油')).closest('tr')!;
    await app.user.click(within(stopped).getByRole('button', { name: '恢复' }));
    await vi.waitFor(() => expect(oilReminders()).toBe(1));
  });

  it("offers the households' own water use beside the guideline, and applies it when asked", async () => {
    app = await renderApp();
    const { backend, store } = app;
    const water = backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    // Twelve couples, each two buckets every 20 days: 0.1 a day where the guideline says 2 x 0.085.
    for (let h = 0; h < 12; h++) {
      const customerId = backend.call('customers.create', {
        draft: draft({ name: `住户${h}`, phones: [`139000000${String(h).padStart(2, '0')}`], adults: 2, children: 0, seniors: 0 }),
      }).id;
      for (let k = 0; k < 5; k++)
        backend.call('sales.record', { customerId, productId: water.id, quantity: 2, paid: true, date: addDays(PINNED_TODAY, -100 + 20 * k) });
    }
    // What the start does once a week.
    backend.services.forecasts.learnAll();
    const learned = backend.call('products.list', {}).find((p) => p.id === water.id)!.learned;
    expect(learned.households).toBe(12);
    // 0.1 / 0.17 = 0.59 their own; forecasts use it shrunk toward the figures (12 households against 10).
    expect(learned.ownFactor).toBeCloseTo(0.1 / 0.17, 1);
    expect(learned.rateFactor).toBeCloseTo(Math.exp((12 * Math.log(learned.ownFactor)) / 22), 2);
    await store.getState().loadProducts();

    await app.user.click(screen.getByRole('menuitem', { name: /商品/ }));
    const hint = (
      await screen.findByText(`你的住户用桶装水 18.9L约为参考用量的 ${learned.ownFactor.toFixed(1)} 倍（12 户的购买记录），提醒已按这个算。`)
    ).closest('[role="alert"]') as HTMLElement;
    expect(hint).not.toBeNull();
    await app.user.click(within(hint).getByRole('button', { name: '改用这个用量' }));
    expect(await screen.findByText('已按你的住户调整“桶装水 18.9L”的每人每天用量')).toBeInTheDocument();
    const after = backend.call('products.list', {}).find((p) => p.id === water.id)!;
    expect(after.dailyUse).toEqual(applyRateFactor(water.dailyUse, learned.ownFactor));
    // Learned again against the new figures: nothing left to offer, and forecasts use the figures as they are.
    expect(after.learned.ownFactor).toBeCloseTo(1, 1);
    expect(after.learned.rateFactor).toBeCloseTo(1, 1);
    await vi.waitFor(() => expect(screen.queryByText(/约为参考用量的/)).not.toBeInTheDocument());
  });

  it('a season preset is chosen in the product dialog and stored', async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /商品/ }));
    const row = (await screen.findByText('食用油')).closest('tr')!;
    await app.user.click(within(row).getByRole('button', { name: /编\s?辑/ }));
    const dialog = await screen.findByRole('dialog', { name: '编辑商品' });
    await app.user.click(within(dialog).getByLabelText('季节'));
    await app.user.click(await screen.findByTitle('冬天用得多'));
    await app.user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    await vi.waitFor(() => expect(app!.backend.call('products.list', {}).find((p) => p.name === '食用油')!.seasonPreset).toBe('winter'));
  });
});
