import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openPrintView } from '../../renderer/src/components/printRoute.ts';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.backend.dispose();
  // The statement's test ends on its print view, in jsdom's one window.
  window.location.hash = '';
});

const rules = { pointsPerYuan: 10, pointsPerYuanOff: 100, discounts: { vip: 10, key: 5, regular: 2, paid: 8 }, priceFen: 9900, days: 365 };

/** 王芳 bought 32.99 yuan on a slip today (329 points at 10 a yuan): the only household with spend, so the VIP. */
async function openMember() {
  app = await renderApp();
  const { backend, user } = app;
  const rice = backend.call('products.list', {}).find((p) => p.name === '大米')!;
  backend.call('membership.setRules', rules);
  const customerId = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
  backend.call('slips.create', {
    customerId,
    lines: [{ productId: rice.id, quantity: 1, unitPriceFen: 3299 }],
    payments: [{ method: 'cash', amountFen: 3299 }],
  });
  await user.click(screen.getByRole('menuitem', { name: /客户/ }));
  await user.click(await screen.findByRole('option', { name: /王芳/ }));
  await screen.findByRole('heading', { name: '王芳' });
  return { backend, user, rice, customerId };
}

const memberLine = async () => (await screen.findByText('积分 329')).closest('.member-line') as HTMLElement;

describe('membership (real backend, real SQLite)', () => {
  it("the household's record shows its tier badge, member level and points", async () => {
    await openMember();
    const line = await memberLine();
    expect(within(line).getByText('VIP客户')).toBeInTheDocument();
    expect(within(line).getByText('VIP会员')).toBeInTheDocument();
    expect(within(line).getByText('会员价优惠 10%')).toBeInTheDocument();
  });

  it("the household's statement says its level and points", async () => {
    const { customerId } = await openMember();
    await memberLine();
    act(() => openPrintView({ kind: 'statement', customerId, layout: 'a4', area: '', autoPrint: false }));
    expect(await screen.findByText('VIP会员 · 积分余额 329（累计得 329，已用 0）')).toBeInTheDocument();
  });

  it('sells a paid membership from the record, and undoes it', async () => {
    const { backend, user, customerId } = await openMember();
    const line = await memberLine();
    await user.click(within(line).getByRole('button', { name: '开通付费会员' }));
    expect(await screen.findByText(/收 ¥99\.00，开通 365 天付费会员/)).toBeInTheDocument();
    const confirm = screen.getAllByRole('button', { name: '开通付费会员' }).at(-1)!;
    await user.click(confirm);
    expect(await within(line).findByText('付费会员到 2027-11-21')).toBeInTheDocument();
    expect(backend.call('membership.status', { customerId }).paidUntil).toBe('2027-11-21');
    await user.click(within(line).getByRole('button', { name: '撤销开通' }));
    await user.click((await screen.findAllByRole('button', { name: '撤销开通' })).at(-1)!);
    await waitFor(() => expect(within(line).queryByText(/付费会员到/)).toBeNull());
    expect(backend.call('membership.status', { customerId }).paidUntil).toBeNull();
  });

  it('on a slip: the member price and points spent lower the total; the points on the record follow', async () => {
    const { backend, user, rice, customerId } = await openMember();
    await memberLine();
    await user.keyboard('{F4}');
    const dialog = await screen.findByRole('dialog', { name: '开单：王芳' });
    // the member price is on for a VIP
    expect(await within(dialog).findByRole('checkbox', { name: '会员价（优惠 10%）' })).toBeChecked();
    const product = within(dialog).getByLabelText('商品');
    await waitFor(() => expect(product).toHaveFocus());
    await user.type(product, 'dm{Enter}');
    await waitFor(() => expect(within(dialog).getByLabelText('数量')).toHaveFocus());
    await user.keyboard('10{Enter}');
    const memberFen = 10 * Math.round(rice.priceFen * 0.9);
    expect(within(dialog).getByText(`合计 ¥${(memberFen / 100).toFixed(2)}`)).toBeInTheDocument();

    // More points than held: refused, said in words, nothing saved.
    await user.type(within(dialog).getByLabelText('用积分'), '330');
    await user.keyboard('{F9}');
    expect(await screen.findByText('积分不够，不能抵这么多，没有做任何修改。')).toBeInTheDocument();
    expect(backend.count('slips')).toBe(1);

    await user.clear(within(dialog).getByLabelText('用积分'));
    await user.type(within(dialog).getByLabelText('用积分'), '200');
    expect(within(dialog).getByText('抵 ¥2.00')).toBeInTheDocument();
    const paidFen = memberFen - 200;
    expect(within(dialog).getByText(`合计 ¥${(paidFen / 100).toFixed(2)}`)).toBeInTheDocument();
    await user.keyboard('{F9}');
    expect(await screen.findByText(/已开单 第 \d+ 号/)).toBeInTheDocument();
    const slip = backend.call('slips.list', { customerId }).entries[0]!;
    expect(slip).toMatchObject({ totalFen: paidFen, payments: [{ method: 'cash', amountFen: paidFen }] });
    const balance = 329 + Math.floor((paidFen * 10) / 100) - 200;
    expect(backend.call('membership.status', { customerId }).points.balance).toBe(balance);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '关闭' }));
    expect(await screen.findByText(`积分 ${balance}`)).toBeInTheDocument();
  });

  it('the owner sets the rate in Settings; a negative one is refused in words and changes nothing', async () => {
    app = await renderApp();
    const { backend, user } = app;
    await user.click(screen.getByRole('menuitem', { name: /设置/ }));
    const card = (await screen.findByText('会员与积分')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('还没有设置：现在不积分，也没有会员价。')).toBeInTheDocument();
    const rate = within(card).getByLabelText('每消费 1 元得积分');
    const save = within(card).getByRole('button', { name: /保\s*存/ });
    await user.clear(rate);
    await user.type(rate, '-1');
    await user.click(save);
    expect(await within(card).findByText('不能少于 0')).toBeInTheDocument();
    expect(backend.count('member_rules')).toBe(0);
    await user.clear(rate);
    await user.type(rate, '2');
    await user.click(save);
    expect(await within(card).findByText(/现行规则从 2026-11-22 起/)).toBeInTheDocument();
    expect(backend.call('membership.rules', {})).toMatchObject({ pointsPerYuan: 2, fromDate: '2026-11-22' });
  });
});
