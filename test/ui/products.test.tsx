import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
    expect(app.backend.call('products.list', {}).find((p) => p.name === '小米')).toMatchObject({ priceFen: 500, dailyUse: { adult: 0, child: 0.1, senior: 0 } });
  });
});
