import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draft } from '../backend/helpers.ts';
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
});
