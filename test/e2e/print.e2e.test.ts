/**
 * Printing in the browser shell: each print is named for what it is (Chromium names "save as PDF"
 * after the page's title), and the statement carries the shop's phone, address and how to pay, on A4
 * and on an 80 mm slip.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfRawText, shellAndBrowser, toPngs } from './harness.ts';

const app = shellAndBrowser();
const DAY = '2026-12-07';

describe('printing in real Chromium through the browser shell', () => {
  it('names each PDF for what it is, whose and which day', async () => {
    const { page, shell } = await app.open({ now: `${DAY}T09:00:00` });
    await new CustomersPage(page, 'zh-CN').startEmpty('老王粮油店');
    const api = new CallListPage(page);
    const customer = await api.api<{ id: number }>('customers.create', {
      draft: { name: '王芳', phones: ['13812340000'], adults: 2, children: 0, seniors: 0 },
    });

    expect(await page.title()).toBe('回头客');
    for (const [hash, name] of [
      ['#print/calls?layout=a4', `联系名单-${DAY}`],
      ['#print/calls?layout=receipt&area=幸福小区', `联系名单-幸福小区-${DAY}`],
      ['#print/daily?layout=a4', `今日单-${DAY}`],
      [`#print/statement?layout=a4&customer=${customer.id}`, `对账单-王芳-${DAY}`],
    ] as const) {
      await page.goto(`${shell.url}${hash}`);
      await expect.poll(() => page.title()).toBe(name);
    }
    // Back in the app, the window is the app again.
    await page.getByRole('button', { name: /返\s?回/ }).click();
    await expect.poll(() => page.title()).toBe('回头客');
  });

  it('prints the shop phone, address and payment line on the statement, on A4 and on an 80 mm slip', async () => {
    const { page, shell } = await app.open({ now: `${DAY}T09:00:00` });
    await new CustomersPage(page, 'zh-CN').startEmpty('老王粮油店');
    const api = new CallListPage(page);
    await api.api('shop.updateSettings', { shopPhone: '0571-8888 6666', shopAddress: '幸福路 18 号', paymentLine: '微信/支付宝 138 0000 0000（王老板）' });
    const customer = await api.api<{ id: number }>('customers.create', {
      draft: { name: '王芳', phones: ['13812340000'], address: '幸福小区2栋301', adults: 2, children: 0, seniors: 0 },
    });
    const products = await api.api<{ id: number }[]>('products.list', {});
    await api.api('sales.record', { customerId: customer.id, productId: products[0]!.id, quantity: 2, paid: false, date: '2026-11-20' });
    await api.api('sales.record', { customerId: customer.id, productId: products[1]!.id, quantity: 1, paid: false, date: '2026-12-01' });
    await api.api('credit.recordPayment', { customerId: customer.id, amountFen: 1000, method: 'wechat', date: '2026-12-05' });
    await page.reload(); // the settings were changed behind the page's back

    for (const layout of ['a4', 'receipt'] as const) {
      await page.goto(`${shell.url}#print/statement?layout=${layout}&customer=${customer.id}`);
      await page.locator(`.print-${layout} .statement-total`).waitFor();
      const pdf = join(ARTIFACTS, `statement-${layout}.pdf`);
      await page.pdf(
        layout === 'a4' ? { path: pdf, format: 'A4', printBackground: true } : { path: pdf, width: '80mm', height: '297mm', printBackground: true },
      );
      const text = pdfRawText(pdf);
      for (const expected of [
        '老王粮油店',
        '对账单',
        '电话0571-88886666',
        '地址幸福路18号',
        '客户：王芳',
        '付款方式：微信/支付宝13800000000（王老板）',
        layout === 'a4' ? '¥10.00' : '-¥10.00',
      ]) {
        expect(text).toContain(expected.replace(/\s/g, ''));
      }
      toPngs(pdf, `statement-${layout}`);
    }
  });
});
