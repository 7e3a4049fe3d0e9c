import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfRawText, removeDir, shellAndBrowser, toPngs, type Session, type Shell } from './harness.ts';
import { CallListPage } from './callListPage.ts';

const app = shellAndBrowser();
const dataDir = mkdtempSync(join(tmpdir(), 'huitou-e2e-credit-'));
afterAll(() => removeDir(dataDir));
let shell: Shell | undefined;
let session: Session | undefined;

/** The same book on another day: the shell restarted with its clock pinned there. */
async function openOn(day: string): Promise<{ book: CustomersPage; api: CallListPage }> {
  ({ shell, session } = await app.open({ dataDir, now: `${day}T09:00:00` }));
  return { book: new CustomersPage(session.page, 'zh-CN'), api: new CallListPage(session.page) };
}

async function collectionNames(): Promise<string[]> {
  const page = session!.page;
  await page.getByRole('menuitem', { name: /收账/ }).click();
  await page.getByRole('heading', { name: '收账' }).waitFor();
  await page.waitForTimeout(300);
  return page.locator('.collections tbody tr td:nth-child(2) strong').allTextContents();
}

describe('credit in real Chromium through the browser shell', () => {
  it('a sale on credit appears on the collection list on payday, is on the printed daily sheet, and a payment takes it off', async () => {
    const { book, api } = await openOn('2026-11-10');
    await book.startEmpty('老王粮油店');
    await api.api('customers.create', {
      draft: { name: '赵钱孙', phones: ['13812340000'], area: '幸福小区', address: '幸福小区2栋', adults: 2, children: 1, seniors: 0, payday: 20 },
    });
    await session!.page.reload();
    await book.search('zqs');
    await book.openFirstResult();
    await session!.page.getByRole('heading', { name: '赵钱孙' }).waitFor();
    await session!.page.getByRole('button', { name: '记一笔', exact: true }).click();
    const dialog = session!.page.getByRole('dialog', { name: /记一笔/ });
    await dialog.getByLabel('数量').fill('10');
    await dialog.getByText('赊账', { exact: true }).click();
    await dialog.getByLabel('数量').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await collectionNames()).toEqual([]);

    await openOn('2026-11-19');
    expect(await collectionNames()).toEqual([]);

    const onPayday = await openOn('2026-11-20');
    expect(await collectionNames()).toEqual(['赵钱孙']);
    await session!.screenshot('credit-1-collections-on-payday');

    await session!.page.goto(`${shell!.url}#print/daily?layout=a4`);
    await session!.page.getByText('欠款，发薪日已过').waitFor();
    const pdf = join(ARTIFACTS, 'credit-daily-sheet.pdf');
    await session!.page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = pdfRawText(pdf);
    for (const expected of ['老王粮油店', '今日单：送货和收账', '2026年11月20日', '欠款，发薪日已过', '赵钱孙', '幸福小区', '¥60.00', '每月20日']) {
      expect(text).toContain(expected);
    }
    toPngs(pdf, 'credit-daily-sheet');

    await session!.page.goto(shell!.url);
    const row = session!.page.locator('.collections tbody tr', { hasText: '赵钱孙' });
    await collectionNames();
    await row.getByRole('button', { name: /收\s?款/ }).click();
    const payment = session!.page.getByRole('dialog', { name: '收款：赵钱孙' });
    await payment.getByLabel('金额（元）').press('Enter');
    await session!.page.getByText('今天没有要收的账').waitFor();
    expect(await collectionNames()).toEqual([]);
    expect(await onPayday.api.api('credit.ledger', { customerId: 1 })).toMatchObject({ balanceFen: 0, paidFen: 6000 });
    await session!.screenshot('credit-2-paid');
    removeDir(dataDir);
  });

  it('Collections stays where it was across switches to another screen, its top rows still on top', async () => {
    const { book, api } = await openOn('2026-11-20');
    await book.startEmpty('老王粮油店');
    const [product] = await api.api<{ id: number }[]>('products.list', {});
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏';
    for (const [i, surname] of [...surnames].entries()) {
      const { id } = await api.api<{ id: number }>('customers.create', {
        draft: { name: `${surname}小${'一二三四五六七八九十'[i % 10]}`, phones: [], adults: 2, children: 0, seniors: 0, payday: 10 },
      });
      await api.api('sales.record', { customerId: id, productId: product!.id, quantity: 1, paid: false, date: `2026-11-0${1 + (i % 9)}` });
    }
    await session!.page.reload();
    const page = session!.page;
    const shown = async () => {
      await page.getByRole('menuitem', { name: /收账/ }).click();
      await page.getByRole('heading', { name: '收账' }).waitFor();
      await page.waitForTimeout(300);
      return {
        scrolled: await page.locator('.collection-scroll').evaluate((e) => e.scrollTop),
        first: (await page.locator('.collections tbody tr td:nth-child(2) strong').allTextContents())[0],
      };
    };
    const before = await shown();
    expect(before).toEqual({ scrolled: 0, first: expect.any(String) as string });
    // Hidden behind another screen every row measured 0: each return showed the list a few rows lower.
    for (let i = 0; i < 5; i++) {
      await page.getByRole('menuitem', { name: /商品/ }).click();
      await page.waitForTimeout(200);
      expect(await shown()).toEqual(before);
    }
  });
});
