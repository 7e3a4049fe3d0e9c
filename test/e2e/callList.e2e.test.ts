import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfPages, pdfRawText, pdfText, removeDir, shellAndBrowser, toPngs } from './harness.ts';
import { CallListPage } from './callListPage.ts';

const app = shellAndBrowser();

const SHOP = '老王粮油店';
const NOW = '2026-11-22T09:00:00';

interface Customer {
  id: number;
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const given = ['建国', '秀英', '桂兰', '志强', '丽华', '海燕', '德明', '春梅', '卫东', '小红', '国华', '玉珍'];
const areas = [
  { area: '幸福小区', street: '幸福小区{n}栋{m}单元' },
  { area: '东门街', street: '东门街{n}号' },
  { area: '城南新村', street: '城南新村{n}巷{m}号' },
  { area: '', street: '' },
];

/** A shop with enough households due today to fill more than one A4 page. */
async function seedShop(today: CallListPage, riceId: number, waterId: number) {
  for (let i = 0; i < 34; i++) {
    const place = areas[i % areas.length]!;
    const name = `${surnames[i % surnames.length]}${given[(i * 5) % given.length]}${i >= 16 ? '家' : ''}`;
    const customer = await today.api<Customer>('customers.create', {
      draft: {
        name,
        phones: [`139${String(10000000 + i * 7919).padStart(8, '0')}`],
        area: place.area,
        address: place.street.replace('{n}', String((i % 9) + 1)).replace('{m}', String((i % 4) + 1)),
        adults: 1 + (i % 3),
        children: i % 2,
        seniors: i % 5 === 0 ? 1 : 0,
      },
    });
    // Bought 10 kg of rice 24–40 days ago: most ran out around now.
    const day = String(10 + (i % 17)).padStart(2, '0');
    await today.api('sales.record', { customerId: customer.id, productId: riceId, quantity: 10, paid: i % 3 !== 0, date: `2026-10-${day}` });
    if (i % 4 === 1) await today.api('sales.record', { customerId: customer.id, productId: waterId, quantity: 2, paid: true, date: '2026-11-12' });
  }
}

describe('the daily call list in real Chromium through the browser shell', () => {
  it('shows a household on the right day, logs a call, and prints the list on A4 and 80 mm paper', async () => {
    // Our own folder: the shop is opened again on later days.
    const dataDir = mkdtempSync(join(tmpdir(), 'huitou-e2e-today-'));
    try {
      const freshReminder = await callListDay(dataDir);
      await laterDays(dataDir, freshReminder);
    } finally {
      await app.stop();
      removeDir(dataDir);
    }
  });
});

/**
 * The shop opened again, clock moved on: 刚买过 (rice bought on 11-15) is among the next 7 days the day
 * before its reminder, and on the list to call on the day itself. Opened weeks later, the shop learns
 * again what its households use (at start, weekly), which may move the reminder a day: the day it is
 * due is asked of the book as it opens again.
 */
async function laterDays(dataDir: string, fresh: { id: number; reminderDate: string }) {
  const dayBefore = addDays(fresh.reminderDate, -1);
  expect(dayBefore > NOW.slice(0, 10)).toBe(true);
  let reminderDate = fresh.reminderDate;
  for (const step of ['before', 'on'] as const) {
    const day = step === 'before' ? dayBefore : reminderDate;
    const section = step === 'before' ? '未来 7 天' : '今天要联系';
    const { session, page } = await app.open({ dataDir, now: `${day}T09:00:00` });
    const onDay = new CallListPage(page);
    await page.getByRole('heading', { name: '今日' }).waitFor();
    if (step === 'before') {
      const [rice] = await onDay.api<{ reminderDate: string }[]>('forecasts.forCustomer', { customerId: fresh.id });
      reminderDate = rice!.reminderDate;
      expect(reminderDate > day).toBe(true);
    }
    await expect.poll(() => onDay.rowCount(section, '刚买过')).toBe(1);
    const other = section === '今天要联系' ? '未来 7 天' : '今天要联系';
    expect(await onDay.rowCount(other, '刚买过')).toBe(0);
    await session.screenshot(`today-6-on-${day}`);
  }
}

/** 2026-11-22: the list, a call logged and undone, the printed list (A4 and 80 mm); returns 刚买过 and its reminder date. */
async function callListDay(dataDir: string): Promise<{ id: number; reminderDate: string }> {
  const { session, page } = await app.open({ dataDir, now: NOW });
  const book = new CustomersPage(page, 'zh-CN');
  const today = new CallListPage(page);

  await book.startEmpty(SHOP);

  // A household created through the UI, with its area, then two rice purchases in the past.
  await page.keyboard.press('F2');
  const form = page.getByRole('dialog', { name: '新建客户' });
  await form.getByLabel('姓名 / 户名').fill('张三丰');
  await form.getByLabel('电话 1').fill('13812345678');
  await form.getByLabel('地址').fill('幸福小区3栋2单元501');
  await form.getByLabel('片区 / 路线').fill('幸福小区');
  await form.getByLabel('大人', { exact: true }).fill('2');
  await form.getByLabel('小孩', { exact: true }).fill('1');
  await form.getByRole('button', { name: /保\s?存/ }).click();
  await form.waitFor({ state: 'hidden' });
  const [zhang] = (await today.api<{ items: Customer[] }>('customers.search', { query: '张三丰' })).items;
  const products = await today.api<{ id: number; name: string }[]>('products.list', {});
  const rice = products.find((p) => p.name === '大米')!.id;
  const water = products.find((p) => p.name.startsWith('桶装水'))!.id;
  await today.api('sales.record', { customerId: zhang!.id, productId: rice, quantity: 10, paid: true, date: '2026-09-22' });
  await today.api('sales.record', { customerId: zhang!.id, productId: rice, quantity: 10, paid: false, date: '2026-10-22' });
  // Someone who bought a week ago: not due yet.
  const fresh = await today.api<Customer>('customers.create', {
    draft: { name: '刚买过', phones: ['13600000001'], area: '东门街', adults: 2, children: 0, seniors: 0 },
  });
  await today.api('sales.record', { customerId: fresh.id, productId: rice, quantity: 10, paid: true, date: '2026-11-15' });
  await seedShop(today, rice, water);
  // 36 households due at once: this shop makes 50 calls a day (Settings), so Today lists them all
  // (drawn as they scroll into view: rowCount scrolls to find one).
  await today.api('shop.updateSettings', { dailyCalls: 50 });

  // On 2026-11-22 (the shell's pinned clock) 张三丰 is due: the rice ran out on the 18th.
  await today.open();
  await expect.poll(() => today.rowCount('今天要联系', '张三丰')).toBe(1);
  expect(await page.getByText('2026年11月22日 星期日').count()).toBe(1);
  const zhangRow = today.row('今天要联系', '张三丰');
  expect(await zhangRow.textContent()).toContain('大人 2 · 小孩 1');
  expect(await zhangRow.textContent()).toContain('¥60.00');
  expect(await today.rowCount('今天要联系', '刚买过')).toBe(0);
  await session.screenshot('today-1-call-list');
  // Messages sit at the foot of the window, never over the area filter and the action bar at the top.
  await page.keyboard.press('Control+z');
  const notice = page.locator('.ant-message-notice', { hasText: '没有可以撤销的操作' });
  await expect.poll(async () => (await notice.boundingBox())?.y ?? 0).toBeGreaterThan((page.viewportSize()?.height ?? 768) / 2);

  // Called, "will come": off today's list, on tomorrow's; Ctrl+Z brings it back.
  await today.markCalled('张三丰', '1');
  await expect.poll(() => today.rowCount('今天要联系', '张三丰')).toBe(0);
  await expect.poll(() => today.rowCount('未来 7 天', '张三丰')).toBe(1);
  expect(await today.row('未来 7 天', '张三丰').textContent()).toContain('说会来买');
  await session.screenshot('today-2-after-call');
  await today.undoLast();
  await expect.poll(() => today.rowCount('今天要联系', '张三丰')).toBe(1);
  // 2 = deliver today: stays on the list, marked, and the note goes on paper.
  await today.markCalled('张三丰', '2', () => session.screenshot('today-2b-called-dialog'));
  // (now a promise, ranked first: rowCount scrolls it into view)
  await expect
    .poll(async () => ((await today.rowCount('今天要联系', '张三丰')) ? await today.row('今天要联系', '张三丰').textContent() : '') ?? '')
    .toContain('约好送货');
  const contacts = await today.api<{ kind: string; outcome: string; undoneAt: string | null }[]>('customers.contacts', { customerId: zhang!.id });
  expect(contacts.map((c) => [c.outcome, c.undoneAt === null])).toEqual([
    ['deliver', true],
    ['will_come', false],
  ]);

  // Print: the button opens the print view and asks the browser to print it.
  expect(await today.printFromButton()).toBe(1);
  expect(page.url()).toContain('#print/calls?layout=a4');
  await session.screenshot('today-3-print-view');
  const a4 = join(ARTIFACTS, 'call-list-a4.pdf');
  await page.pdf({ path: a4, format: 'A4', printBackground: true });
  const a4Text = pdfText(a4);
  expect(a4Text).toContain(SHOP);
  expect(a4Text).toContain('2026年11月22日');
  expect(a4Text).toContain('张三丰');
  expect(pdfRawText(a4)).toContain('幸福小区3栋2单元501');
  expect(a4Text).toContain('约好送货');
  expect(a4Text).toMatch(/大人 2 · 小孩 1/);
  expect(a4Text).not.toContain('打印名单'); // no app chrome on paper
  expect(a4Text).not.toMatch(/\uFFFD/); // no broken characters
  const pages = pdfPages(a4);
  expect(pages).toBeGreaterThan(1);
  // The header row is repeated on every page.
  expect(a4Text.split('\f').filter((p) => p.includes('预计用完')).length).toBe(pages);
  toPngs(a4, 'call-list-a4');

  await today.chooseLayout('80 毫米小票');
  await page.locator('.print-receipt .receipt-household').first().waitFor();
  const receipt = join(ARTIFACTS, 'call-list-80mm.pdf');
  await page.pdf({ path: receipt, width: '80mm', height: '297mm', printBackground: true });
  const receiptText = pdfText(receipt);
  expect(receiptText).toContain(SHOP);
  expect(receiptText).toContain('张三丰');
  expect(receiptText).toContain('138 1234 5678');
  toPngs(receipt, 'call-list-80mm');

  // Back to the app, still on Today.
  await page.getByRole('button', { name: /返\s?回/ }).click();
  await page.getByRole('heading', { name: '今日' }).waitFor();

  // The household's page shows its forecast and the calls made.
  await book.search('zsf');
  await book.expectOnlyResult('张三丰');
  await book.openFirstResult();
  await page.locator('.detail-forecast').getByText('大米').waitFor();
  await page.locator('.detail-contacts').scrollIntoViewIfNeeded();
  expect(await page.locator('.detail-contacts del').count()).toBeGreaterThan(0);
  await session.screenshot('today-5-customer-forecast');

  // When 刚买过 is to be reminded, by its forecast: the next days' check.
  const [freshRice] = await today.api<{ reminderDate: string }[]>('forecasts.forCustomer', { customerId: fresh.id });
  return { id: fresh.id, reminderDate: freshRice!.reminderDate };
}
