/** The journal's filters and export, and the day's close with its drawer count: the real app on a real backend. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PINNED_TODAY, draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.backend.dispose();
  window.location.hash = '';
  vi.restoreAllMocks();
});

/** A slip for 王芳 (rice, cash), a walk-in slip (oil, WeChat), a single sale of water on credit, a sale of yesterday. */
async function aShopDay() {
  app = await renderApp();
  const { backend } = app;
  const products = backend.call('products.list', {});
  const [rice, oil, water] = ['大米', '食用油', '桶装水'].map((name) => products.find((p) => p.name.startsWith(name))!);
  const wang = backend.call('customers.create', { draft: draft({ name: '王芳', phones: ['13800000001'] }) }).id;
  backend.call('slips.create', {
    customerId: wang,
    lines: [{ productId: rice!.id, quantity: 2, unitPriceFen: 600 }],
    payments: [{ method: 'cash', amountFen: 1200 }],
  });
  backend.call('slips.create', { lines: [{ productId: oil!.id, quantity: 1, unitPriceFen: 6500 }], payments: [{ method: 'wechat', amountFen: 6500 }] });
  backend.call('sales.record', { customerId: wang, productId: water!.id, quantity: 1, unitPriceFen: 1500, paid: false });
  backend.call('sales.record', { customerId: wang, productId: rice!.id, quantity: 1, unitPriceFen: 600, paid: true, date: '2026-11-20' });
  await app.user.click(screen.getByRole('menuitem', { name: /流水/ }));
  return app;
}

/** An option of the open select's dropdown (a row of the table may carry the same title). */
const option = async (title: string | RegExp) => (await screen.findAllByTitle(title)).find((e) => e.classList.contains('ant-select-item-option'))!;

const rowsText = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent);

describe('the sales journal', () => {
  it("shows the day's slips and single sales, filtered by household, product, payment and dates", async () => {
    const { user } = await aShopDay();
    expect(await screen.findByText('共 3 笔，合计 ¥92.00（不含作废）')).toBeInTheDocument();
    expect(screen.getByText('记一笔')).toBeInTheDocument();

    await user.click(screen.getByLabelText('付款方式'));
    await user.click(await option('赊账'));
    expect(await screen.findByText('共 1 笔，合计 ¥15.00（不含作废）')).toBeInTheDocument();
    expect(rowsText()).toEqual([expect.stringContaining('桶装水')]);
    await user.click(screen.getByLabelText('付款方式'));
    await user.click(await option('全部付款方式'));

    await user.click(screen.getByLabelText('商品'));
    await user.click(await option('食用油'));
    expect(await screen.findByText('共 1 笔，合计 ¥65.00（不含作废）')).toBeInTheDocument();
    expect(rowsText()).toEqual([expect.stringContaining('散客')]);
    await user.click(screen.getByLabelText('商品'));
    await user.click(await option('全部商品'));

    await user.type(screen.getByLabelText('客户'), '王芳');
    await user.click(await option(/王芳/));
    expect(await screen.findByText('共 2 笔，合计 ¥27.00（不含作废）')).toBeInTheDocument();

    // the date range reaches the sale of two days ago
    fireEvent.change(screen.getByLabelText('从'), { target: { value: '2026-11-20' } });
    expect(await screen.findByText('共 3 笔，合计 ¥33.00（不含作废）')).toBeInTheDocument();
  }, 40_000); // five filters, each a round of antd's select in jsdom: 12 s on a loaded 2-core machine

  it('exports what is filtered as a CSV with a BOM, single sales included', async () => {
    const { user } = await aShopDay();
    await screen.findByText('共 3 笔，合计 ¥92.00（不含作废）');
    const saved: { name: string; text: string }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:journal');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const blobs: Blob[] = [];
    const RealBlob = Blob;
    vi.stubGlobal(
      'Blob',
      class extends RealBlob {
        constructor(parts: BlobPart[], options?: BlobPropertyBag) {
          super(parts, options);
          blobs.push(this);
        }
      },
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, text: '' });
    });
    await user.click(screen.getByRole('button', { name: /导出 CSV/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    vi.unstubAllGlobals();
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0]!.arrayBuffer());
    expect(saved[0]!.name).toBe(`销售流水-${PINNED_TODAY}_${PINNED_TODAY}.csv`);
    expect(text.startsWith('\uFEFF日期,单号,客户,商品,合计,付款,已作废\r\n')).toBe(true);
    expect(text).toContain(`${PINNED_TODAY},记一笔,王芳,桶装水 18.9L,15.00,赊账 ¥15.00,`);
    expect(text).toContain(`,散客,食用油,65.00,微信 ¥65.00,`);
    expect(text.trim().split('\r\n')).toHaveLength(4);
  });
});

describe("the day's close", () => {
  it('shows the takings by method, credit given, counts and products; a counted cash shows the difference', async () => {
    const { user, backend } = await aShopDay();
    await user.click(await screen.findByRole('tab', { name: '日结' }));
    const takings = await screen.findByRole('region', { name: '收款（按付款方式）' });
    expect(within(takings).getByText('现金').closest('tr')).toHaveTextContent('¥12.00');
    expect(within(takings).getByText('微信').closest('tr')).toHaveTextContent('¥65.00');
    expect(within(takings).getByText('合计').closest('tr')).toHaveTextContent('¥77.00');
    const credit = screen.getByRole('region', { name: '赊账' });
    expect(within(credit).getByText('新赊账（1 户）').closest('tr')).toHaveTextContent('¥15.00');
    const counts = screen.getByRole('region', { name: '单数' });
    expect(within(counts).getByText('其中散客').closest('tr')).toHaveTextContent('1');
    const products = screen.getByRole('region', { name: '商品' });
    expect(within(products).getByText('大米').closest('tr')).toHaveTextContent('¥12.00');

    const drawer = screen.getByRole('region', { name: '钱箱' });
    expect(within(drawer).getByText('还没点钞')).toBeInTheDocument();
    await user.type(screen.getByLabelText('点钞金额（元）'), '10');
    await user.type(screen.getByLabelText('备注（可不填）'), '找零给错');
    await user.click(screen.getByRole('button', { name: '记下点钞' }));
    expect(await screen.findByText('已记下：差额 -¥2.00')).toBeInTheDocument();
    const after = screen.getByRole('region', { name: '钱箱' });
    expect(within(after).getByText('差额').closest('tr')).toHaveTextContent('-¥2.00');
    expect(within(after).getByText('点钞 · 找零给错')).toBeInTheDocument();
    expect(backend.count('cash_counts')).toBe(1);

    // another day: its own close
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2026-11-20' } });
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: '收款（按付款方式）' }))
          .getByText('已付（未记付款方式）')
          .closest('tr'),
      ).toHaveTextContent('¥6.00'),
    );

    // print: the close's print view, named for its day
    await user.click(screen.getByRole('button', { name: /A4 打印/ }));
    expect(await screen.findByRole('heading', { name: '日结' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('日结-2026-11-20'));
  });
});
