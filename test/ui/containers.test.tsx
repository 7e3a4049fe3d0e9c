import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.backend.dispose();
  window.location.hash = '';
});

/** A household that took 2 buckets of water on an earlier slip without a deposit: it owes 2. */
function householdOwingTwo(a: RenderedApp) {
  const water = a.backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
  const customerId = a.backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
  a.backend.call('slips.create', {
    customerId,
    lines: [{ productId: water.id, quantity: 2 }],
    payments: [{ method: 'cash', amountFen: 2 * water.priceFen }],
    containers: [{ container: 'bucket', out: 2 }],
  });
  return { water, customerId };
}

describe('containers and deposits (real backend, real SQLite)', () => {
  it('a product takes its container and deposit in the product dialog', async () => {
    app = await renderApp();
    const { backend, user } = app;
    await user.click(screen.getByRole('menuitem', { name: /商品/ }));
    const row = (await screen.findByText('牛奶')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /编\s?辑/ }));
    const dialog = await screen.findByRole('dialog', { name: '编辑商品' });
    expect(within(dialog).getByLabelText('押金（元/个）')).toBeDisabled();
    await user.click(within(dialog).getByLabelText('容器'));
    await user.click(await screen.findByTitle('奶瓶'));
    await user.type(within(dialog).getByLabelText('押金（元/个）'), '2');
    await user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    await waitFor(() => expect(backend.call('products.list', {}).find((p) => p.name === '牛奶')).toMatchObject({ container: 'bottle', depositFen: 200 }));
  });

  it('a slip of water swaps the empties, takes a deposit, and the record and the receipt say what is owed', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const { water, customerId } = householdOwingTwo(app);
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(await screen.findByRole('option', { name: /王芳/ }));
    const card = (await screen.findByText('桶和押金')).closest('.ant-card') as HTMLElement;
    expect(within(card).getAllByRole('row')[1]).toHaveTextContent(/水桶\s*2\s*0\s*0 个，¥0.00\s*2/);

    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：王芳' });
    const product = within(dialog).getByLabelText('商品');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'tzs{Enter}');
    await waitFor(() => expect(within(dialog).getByLabelText('数量')).toHaveFocus());
    await user.keyboard('2{Enter}');
    const containers = within(dialog).getByRole('group', { name: '桶和押金' });
    // Untyped, 2 out and as many empties back; the household's balance beside.
    expect(within(containers).getByLabelText('水桶 送出')).toHaveValue('2');
    expect(within(containers).getByLabelText('水桶 收回')).toHaveValue('2');
    expect(within(containers).getByText('水桶：在客户家 2，押金 0 个，欠 2')).toBeInTheDocument();
    await user.type(within(containers).getByLabelText('水桶 收押金'), '{Backspace}1');
    expect(within(dialog).getByText(`连押金应收 ¥${((2 * water.priceFen + water.depositFen) / 100).toFixed(2)}`)).toBeInTheDocument();

    await user.keyboard('{F9}');
    expect(await screen.findByText(/已开单/)).toBeInTheDocument();
    expect(backend.call('containers.forCustomer', { customerId })).toEqual([
      { container: 'bucket', out: 4, returned: 2, held: 2, depositCount: 1, depositFen: water.depositFen, owes: 1 },
    ]);
    // The record follows the slip.
    await waitFor(() => expect(within(card).getAllByRole('row')[1]).toHaveTextContent(/水桶\s*2\s*2\s*1 个，¥30.00\s*1/));

    await user.keyboard('{Enter}');
    expect(await screen.findByText(/销售单 第 \d+ 号/)).toBeInTheDocument();
    expect(await screen.findByText('水桶：送出 2，收回 2 · 押金：收 ¥30.00，退 ¥0.00')).toBeInTheDocument();
    expect(screen.getByText('水桶：在您家 2 个，押金 1 个（¥30.00），欠 1 个')).toBeInTheDocument();
  });

  it('a refused slip (more back than held) says why and saves nothing', async () => {
    app = await renderApp();
    const { backend, user } = app;
    householdOwingTwo(app);
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(await screen.findByRole('option', { name: /王芳/ }));
    await screen.findByText('桶和押金');
    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：王芳' });
    const containers = await within(dialog).findByRole('group', { name: '桶和押金' });
    // No line at all: a slip of empties alone.
    await user.type(within(containers).getByLabelText('水桶 收回'), '{Backspace}3');
    const before = backend.count('slips');
    await user.keyboard('{F9}');
    expect(await screen.findByText('收回的比客户家里的多：家里只有 2 个')).toBeInTheDocument();
    expect(backend.count('slips')).toBe(before);
  });

  it('the owed-containers list from the Collections header opens the household', async () => {
    app = await renderApp();
    const { user } = app;
    householdOwingTwo(app);
    await user.click(screen.getByRole('menuitem', { name: /收账/ }));
    await user.click(await screen.findByRole('button', { name: /^欠\s?桶$/ }));
    const dialog = await screen.findByRole('dialog', { name: '欠桶名单' });
    expect(await within(dialog).findByText('1 户共欠 2 个')).toBeInTheDocument();
    const row = within(dialog)
      .getByRole('button', { name: /^王\s?芳$/ })
      .closest('tr')!;
    expect(row).toHaveTextContent(/水桶\s*2\s*2/);
    await user.click(within(dialog).getByRole('button', { name: /^王\s?芳$/ }));
    expect(await screen.findByRole('heading', { name: '王芳' })).toBeInTheDocument();
  });

  it("the household's statement prints what it holds and owes", async () => {
    app = await renderApp();
    const { customerId } = householdOwingTwo(app);
    window.location.hash = `#print/statement?layout=a4&customer=${customerId}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('heading', { name: '桶和押金' })).toBeInTheDocument();
    expect(screen.getByText('水桶：在您家 2 个，押金 0 个（¥0.00），欠 2 个')).toBeInTheDocument();
  });
});
