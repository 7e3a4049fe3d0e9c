/**
 * The day's close printed in real Chromium through the browser shell: A4 and 80 mm, its figures read
 * back from the PDF (a day of slips, a split with credit, a single sale, a credit payment, a void).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfPages, pdfRawText, pdfText, shellAndBrowser, toPngs } from './harness.ts';

const app = shellAndBrowser();
const DAY = '2026-12-07';

describe("the day's close in real Chromium", () => {
  it('prints the close on A4 and on an 80 mm slip, named 日结-<day>, with the figures by hand', async () => {
    const { page, shell } = await app.open({ now: `${DAY}T18:00:00` });
    await new CustomersPage(page, 'zh-CN').startEmpty('老王粮油店');
    const api = new CallListPage(page);
    const products = await api.api<{ id: number; name: string }[]>('products.list', {});
    const [rice, oil] = ['大米', '食用油'].map((name) => products.find((p) => p.name === name)!.id);
    const wang = (await api.api<{ id: number }>('customers.create', { draft: { name: '王芳', phones: ['13812340000'], adults: 2, children: 0, seniors: 0 } }))
      .id;
    const li = (await api.api<{ id: number }>('customers.create', { draft: { name: '李四', phones: ['13812340001'], adults: 2, children: 0, seniors: 0 } })).id;
    // cash 12.00; walk-in WeChat 65.00; 李四 90.00 = WeChat 20.00 + credit 70.00; a voided slip of cash 30.00
    await api.api('slips.create', {
      customerId: wang,
      lines: [{ productId: rice, quantity: 2, unitPriceFen: 600 }],
      payments: [{ method: 'cash', amountFen: 1200 }],
    });
    await api.api('slips.create', { lines: [{ productId: oil, quantity: 1, unitPriceFen: 6500 }], payments: [{ method: 'wechat', amountFen: 6500 }] });
    await api.api('slips.create', {
      customerId: li,
      lines: [{ productId: rice, quantity: 15, unitPriceFen: 600 }],
      payments: [
        { method: 'wechat', amountFen: 2000 },
        { method: 'credit', amountFen: 7000 },
      ],
    });
    const voided = await api.api<{ id: number }>('slips.create', {
      lines: [{ productId: oil, quantity: 1, unitPriceFen: 3000 }],
      payments: [{ method: 'cash', amountFen: 3000 }],
    });
    await api.api('slips.void', { id: voided.id, reason: '重复开单' });
    // a single sale marked paid (6.00, method not noted) and a credit payment of 30.00 in cash
    await api.api('sales.record', { customerId: wang, productId: rice, quantity: 1, unitPriceFen: 600, paid: true });
    await api.api('credit.recordPayment', { customerId: li, amountFen: 3000, method: 'cash' });
    await api.api('dayClose.countCash', { date: DAY, countedFen: 4000, note: '' });

    for (const layout of ['a4', 'receipt'] as const) {
      await page.goto(`${shell.url}#print/close?layout=${layout}&date=${DAY}`);
      await page.locator(`.print-${layout} .close-section`).first().waitFor();
      await expect.poll(() => page.title()).toBe(`日结-${DAY}`);
      const pdf = join(ARTIFACTS, `close-${layout}.pdf`);
      await page.pdf(
        layout === 'a4' ? { path: pdf, format: 'A4', printBackground: true } : { path: pdf, width: '80mm', height: '297mm', printBackground: true },
      );
      const text = pdfRawText(pdf);
      for (const expected of [
        '老王粮油店',
        '日结',
        '现金¥42.00', // 12.00 at the counter + 30.00 collected
        '微信¥85.00', // 65.00 + 20.00
        '已付（未记付款方式）¥6.00',
        '合计¥133.00',
        '新赊账（1户）¥70.00',
        '收回欠款（1户）¥30.00',
        '大米18',
        '重复开单',
        '应有现金¥42.00',
        '点钞¥40.00',
        '差额-¥2.00',
      ]) {
        expect(text).toContain(expected.replace(/\s/g, ''));
      }
      expect(pdfText(pdf)).not.toContain('□'); // the Chinese is drawn, not boxes
      expect(pdfPages(pdf)).toBe(1);
      toPngs(pdf, `close-${layout}`);
    }

    // The screen, at the smallest window the app supports
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(shell.url);
    await page.getByRole('menuitem', { name: /流水/ }).click();
    await page.getByRole('tab', { name: '日结' }).click();
    await page.getByRole('region', { name: '钱箱' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'close-screen.png') });
    await page.getByRole('tab', { name: '流水' }).click();
    await page.getByText('共 4 笔').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'journal-screen.png') });
  });
});
