import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CylinderDraftInput } from '../../shared/contract.ts';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

const cylinder = (serial: string, overrides: Partial<CylinderDraftInput> = {}): CylinderDraftInput => ({
  serial,
  sizeKg: 15,
  fillDate: '2026-11-01',
  nextInspectionDate: '2028-03-01',
  scrapDate: '2032-05-01',
  ...overrides,
});

/** Today is 2026-11-22 (pinned). A gas shop (the default catalog sells 液化气 15kg) with 王芳 and 李四. */
async function gasShop(language: 'zh-CN' | 'en' = 'zh-CN') {
  app = await renderApp({ language });
  const { backend } = app;
  const wang = backend.call('customers.create', { draft: draft({ name: '王芳', phones: ['13812345678'] }) }).id;
  const li = backend.call('customers.create', { draft: draft({ name: '李四', phones: [] }) }).id;
  const gas = backend.call('products.list', {}).find((p) => p.unit === 'cylinder')!;
  return { backend, wang, li, gas };
}

async function openRegister() {
  await app!.user.click(screen.getByRole('menuitem', { name: /气瓶/ }));
  return screen.findByRole('tab', { name: '气瓶登记' });
}

/** antd spaces out a button's two Chinese characters (保 存): the name either way. */
const twoChars = (text: string) => new RegExp(`${text[0]}\\s?${text[1]}$`);

/** Picks a household in the open CustomerPicker: types part of its name and clicks it. */
async function pick(scope: HTMLElement, name: string) {
  await app!.user.type(within(scope).getByRole('combobox'), name);
  const options = await screen.findAllByTitle(new RegExp(name));
  await app!.user.click(options[options.length - 1]!);
}

describe('the cylinder register (real backend, real SQLite)', () => {
  it('lists cylinders, issues one to a household and takes it back', async () => {
    const { backend, wang } = await gasShop();
    backend.call('gas.register', { draft: cylinder('LPG-0001') });
    backend.call('gas.register', { draft: cylinder('LPG-0002', { nextInspectionDate: '2026-12-10' }) });
    await openRegister();
    expect(await screen.findByText('LPG-0001')).toBeInTheDocument();
    expect(screen.getByText('共 2 个')).toBeInTheDocument();
    expect(screen.getByText('12月10日 到期检验，还有 18 天')).toBeInTheDocument();

    const row = screen.getByText('LPG-0001').closest('tr')!;
    await app!.user.click(within(row).getByRole('button', { name: twoChars('发出') }));
    const dialog = await screen.findByRole('dialog', { name: '发出气瓶 LPG-0001' });
    await pick(dialog, '王芳');
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('发出') }));
    expect(await screen.findByText('LPG-0001 已发给 王芳')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByText('LPG-0001').closest('tr')!).getByText('王芳 13812345678')).toBeInTheDocument());
    expect(backend.call('gas.forCustomer', { customerId: wang }).cylinders.map((c) => c.serial)).toEqual(['LPG-0001']);

    await app!.user.click(within(screen.getByText('LPG-0001').closest('tr')!).getByRole('button', { name: twoChars('收回') }));
    expect(await screen.findByText('收回 LPG-0001（在 王芳 家）？', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
    await app!.user.click(within(document.querySelector<HTMLElement>('.ant-modal-confirm-btns')!).getByRole('button', { name: twoChars('收回') }));
    expect(await screen.findByText('LPG-0001 已收回')).toBeInTheDocument();
    expect(backend.call('gas.forCustomer', { customerId: wang }).cylinders).toEqual([]);
  });

  it('finds by serial and filters the ones due soon', async () => {
    const { backend } = await gasShop();
    backend.call('gas.register', { draft: cylinder('A-100') });
    backend.call('gas.register', { draft: cylinder('B-200', { scrapDate: '2026-12-01' }) });
    await openRegister();
    await screen.findByText('A-100');
    await app!.user.type(screen.getByRole('searchbox', { name: '按钢瓶编号或二维码查找' }), 'a-1{Enter}');
    await waitFor(() => expect(screen.queryByText('B-200')).not.toBeInTheDocument());
    expect(screen.getByText('A-100')).toBeInTheDocument();
    await app!.user.clear(screen.getByRole('searchbox', { name: '按钢瓶编号或二维码查找' }));
    await app!.user.keyboard('{Enter}');
    await screen.findByText('B-200');
    await app!.user.click(screen.getByRole('checkbox', { name: '只看 30 天内到期' }));
    await waitFor(() => expect(screen.queryByText('A-100')).not.toBeInTheDocument());
    expect(screen.getByText('B-200')).toBeInTheDocument();
  });

  it('registers a cylinder, and puts a scrap date before the fill date under its field, saving nothing', async () => {
    const { backend } = await gasShop();
    await openRegister();
    await app!.user.click(await screen.findByRole('button', { name: '登记气瓶' }));
    const dialog = await screen.findByRole('dialog', { name: '登记气瓶' });
    await app!.user.type(within(dialog).getByLabelText('钢瓶编号 / 二维码'), 'QR-9');
    for (const [label, date] of [
      ['充装日期', '2026-11-01'],
      ['上次检验', '2024-03-01'],
      ['报废日期', '2026-10-01'],
    ] as const) {
      await app!.user.click(within(dialog).getByLabelText(label));
      await app!.user.type(within(dialog).getByLabelText(label), `${date}{Enter}`);
    }
    // The next inspection followed the last one by the 4-year cycle.
    expect(within(dialog).getByLabelText('下次检验')).toHaveValue('2028-03-01');
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('保存') }));
    expect(await within(dialog).findByText('报废日期不能早于充装日期')).toBeInTheDocument();
    expect(backend.call('gas.list', {}).total).toBe(0);

    await app!.user.clear(within(dialog).getByLabelText('报废日期'));
    await app!.user.type(within(dialog).getByLabelText('报废日期'), '2032-05-01{Enter}');
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('保存') }));
    expect(await screen.findByText('已保存 QR-9')).toBeInTheDocument();
    expect(backend.call('gas.list', {}).items[0]).toMatchObject({
      serial: 'QR-9',
      fillDate: '2026-11-01',
      nextInspectionDate: '2028-03-01',
      scrapDate: '2032-05-01',
    });
  });

  it('records a refused safety check and shows the hold on the household', async () => {
    const { backend, wang } = await gasShop();
    backend.call('gas.register', { draft: cylinder('LPG-7') });
    backend.call('gas.issue', { serial: 'LPG-7', customerId: wang });
    await openRegister();
    await app!.user.click(screen.getByRole('tab', { name: '入户安检' }));
    const panel = screen.getByRole('tabpanel', { name: '入户安检' });
    await pick(panel, '王芳');
    expect(await within(panel).findByText('LPG-7')).toBeInTheDocument();
    await app!.user.click(within(panel).getByRole('button', { name: '记录入户安检' }));
    // (Under NODE_ENV=test the tabs and the dialog share antd's test id: the dialog is found by its title.)
    const dialog = (await screen.findByText('入户安检：王芳')).closest<HTMLElement>('[role="dialog"]')!;
    await app!.user.click(within(dialog).getByText('拒绝安检'));
    await app!.user.type(within(dialog).getByLabelText('安检员'), '小张');
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('保存') }));
    expect(await within(panel).findByText('这户 11月22日 拒绝入户安检，应暂停供气。')).toBeInTheDocument();
    expect(within(panel).getByText('小张')).toBeInTheDocument();
    expect(backend.call('gas.holdFor', { customerId: wang }).hold).toMatchObject({ reason: 'refused' });
  });

  it('shows the menu entry only while the shop sells a cylinder product', async () => {
    const { gas } = await gasShop();
    expect(screen.getByRole('menuitem', { name: /气瓶/ })).toBeInTheDocument();
    await app!.store.getState().setProductArchived(gas.id, true);
    await waitFor(() => expect(screen.queryByRole('menuitem', { name: /气瓶/ })).not.toBeInTheDocument());
  });
});

describe('gas on Today and in the sale dialog', () => {
  it("shows a held cylinder's inspection due in 25 days on Today, and opens the register from it", async () => {
    const { backend, wang } = await gasShop();
    backend.call('gas.register', { draft: cylinder('DUE-25', { nextInspectionDate: '2026-12-17' }) });
    backend.call('gas.issue', { serial: 'DUE-25', customerId: wang });
    // Back on Today, as after a morning's work elsewhere.
    await app!.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await app!.user.click(screen.getByRole('menuitem', { name: /今日/ }));
    expect(await screen.findByText('气瓶到期提醒：1 个在用气瓶 30 天内要检验或报废，请通知用户')).toBeInTheDocument();
    expect(screen.getByText('王芳 13812345678 · DUE-25（15 公斤）12月17日 到期检验，还有 25 天')).toBeInTheDocument();
    await app!.user.click(screen.getByRole('button', { name: '打开气瓶登记' }));
    expect(await screen.findByRole('checkbox', { name: '只看 30 天内到期' })).toBeChecked();
    expect(await screen.findByText('DUE-25')).toBeInTheDocument();
  });

  it('speaks English on Today and in the register', async () => {
    const { backend, wang } = await gasShop('en');
    backend.call('gas.register', { draft: cylinder('DUE-1', { nextInspectionDate: '2026-11-23' }) });
    backend.call('gas.issue', { serial: 'DUE-1', customerId: wang });
    await app!.user.click(screen.getByRole('menuitem', { name: /Customers/ }));
    await app!.user.click(screen.getByRole('menuitem', { name: /Today/ }));
    expect(await screen.findByText('Cylinder notice: 1 held cylinder needs inspection or scrapping within 30 days; tell its user')).toBeInTheDocument();
    expect(screen.getByText('王芳 13812345678 · DUE-1 (15 kg) inspection due Nov 23, tomorrow')).toBeInTheDocument();
    await app!.user.click(screen.getByRole('menuitem', { name: /Cylinders/ }));
    expect(await screen.findByText('1 cylinder')).toBeInTheDocument();
  });

  it('warns of the supply hold on a gas sale, asks a reason, and logs it with the sale', async () => {
    const { backend, wang, gas } = await gasShop();
    backend.call('gas.recordCheck', { customerId: wang, result: 'refused' });
    await app!.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await app!.user.click(await screen.findByRole('option', { name: /王芳/ }));
    await screen.findByRole('heading', { name: '王芳' });
    app!.store.getState().openDialog({ kind: 'recordSale', customerId: wang, productId: gas.id });
    const dialog = await screen.findByRole('dialog', { name: '记一笔：王芳' });
    expect(await within(dialog).findByText('这户 11月22日 拒绝入户安检，应暂停供气。')).toBeInTheDocument();
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('记账') }));
    expect(await within(dialog).findByText('暂停供气期间卖气，请写明原因（会记录下来）')).toBeInTheDocument();
    expect(backend.call('sales.listForCustomer', { customerId: wang })).toEqual([]);

    await app!.user.type(within(dialog).getByLabelText('仍要卖的原因'), '老人做饭急用');
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('记账') }));
    await waitFor(() => expect(backend.call('sales.listForCustomer', { customerId: wang })).toHaveLength(1));
    const sale = backend.call('sales.listForCustomer', { customerId: wang })[0]!;
    await waitFor(() => expect(backend.call('gas.forCustomer', { customerId: wang }).overrides).toMatchObject([{ saleId: sale.id, reason: '老人做饭急用' }]));
  });

  it('only reminds of the real-name record for a household without a phone, and never for rice', async () => {
    const { backend, li, gas } = await gasShop();
    const rice = backend.call('products.list', {}).find((p) => p.unit === 'kg')!;
    app!.store.getState().openDialog({ kind: 'recordSale', customerId: li, productId: rice.id, customerName: '李四' });
    const dialog = await screen.findByRole('dialog', { name: '记一笔：李四' });
    const realName = '这户没有留电话：液化气要实名销售，请补上姓名和电话（不影响这次记账）。';
    await within(dialog).findByLabelText('数量');
    expect(within(dialog).queryByText(realName)).not.toBeInTheDocument();
    await app!.user.click(within(dialog).getByRole('combobox', { name: '商品' }));
    const options = await screen.findAllByTitle(new RegExp(gas.name));
    await app!.user.click(options[options.length - 1]!);
    expect(await within(dialog).findByText(realName)).toBeInTheDocument();
    await app!.user.click(within(dialog).getByRole('button', { name: twoChars('记账') }));
    await waitFor(() => expect(backend.call('sales.listForCustomer', { customerId: li })).toHaveLength(1));
  });
});
