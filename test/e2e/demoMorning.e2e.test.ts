/**
 * A morning at the counter with the demo shop, in real Chromium through the browser shell: Today opens
 * on a day's work a shopkeeper can finish (about 30 calls, the done part under them), a call is logged,
 * a message is copied for WeChat, a household's record is opened with Enter and left with Esc back to
 * the same row, and today's list is printed: its text names today's households on a few A4 pages.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfPages, pdfRawText, pdfText, shellAndBrowser, toPngs } from './harness.ts';

const app = shellAndBrowser();
const NOW = '2026-03-10T09:00:00';

interface Row {
  customerId: number;
  productId: number;
  name: string;
  productName: string;
  priority: string | null;
}

/** The due rows the page draws (the list is virtual: those in view), in order, by their key. */
function drawnDue(page: Page): Promise<{ key: string; name: string }[]> {
  return page.locator('.call-section-due .call-row[data-row-key]').evaluateAll((rows) =>
    rows
      .map((row) => ({ key: row.getAttribute('data-row-key')!, name: row.querySelector('.call-name')!.textContent!, top: row.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map(({ key, name }) => ({ key, name })),
  );
}

const selectedKey = (page: Page) => page.locator('.call-section-due .call-row[aria-selected="true"]').getAttribute('data-row-key');

describe('a demo morning in real Chromium', () => {
  it('shows about 30 calls and what was done, logs a call, copies a message, opens a row and comes back, prints today on a few pages', async () => {
    const { page, session, shell } = await app.open({ now: NOW });
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(shell.url).origin });
    const today = new CallListPage(page);
    await new CustomersPage(page, 'zh-CN').startDemo();
    await page.getByRole('heading', { name: '今日' }).waitFor();

    // The day's work: no more than the shop's daily calls (30) on screen, the rest behind "显示全部".
    const list = await today.api<{ due: Row[]; dueShown: number; dueTotal: number; done: unknown[] }>('callList.list', {});
    expect(list.dueShown).toBeGreaterThan(5);
    // More than 30 only for what became due today or was promised (always shown), and never the whole book.
    const always = list.due.filter((r) => r.priority === 'new' || r.priority === 'promised').length;
    expect(list.dueShown).toBeLessThanOrEqual(Math.max(30, always));
    expect(list.dueShown).toBeLessThanOrEqual(40);
    const dueTable = page.getByRole('table', { name: '今天要联系' });
    await dueTable.locator('.call-row[data-row-key]').first().waitFor();
    expect(Number(await dueTable.getAttribute('aria-rowcount'))).toBe(list.dueShown);
    if (list.dueTotal > list.dueShown) await page.getByText(`还有 ${list.dueTotal - list.dueShown} 条，先做完上面的`).waitFor();
    const done = page.locator('.call-section-done');
    await done.waitFor();
    const doneBefore = await done.locator('li').count();
    await session.screenshot('morning-1-today');

    // A call: the first row, C, "will come" (1), Enter. It goes to the done part, with its Undo.
    const [first] = await drawnDue(page);
    await dueTable.locator(`.call-row[data-row-key="${first!.key}"]`).click();
    await page.keyboard.press('c');
    const called = page.getByRole('dialog', { name: `打过电话：${first!.name}` });
    await called.waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await called.waitFor({ state: 'hidden' });
    await expect.poll(() => done.locator('li').count()).toBe(doneBefore + 1);
    expect(await done.locator('li').first().textContent()).toContain(first!.name);
    expect(await done.locator('li').first().textContent()).toContain('说会来买');

    // A message for WeChat: M on the selected row copies it in the shop's voice and logs it.
    await expect.poll(async () => (await drawnDue(page)).length).toBeGreaterThan(2);
    const [, second] = await drawnDue(page);
    await dueTable.locator(`.call-row[data-row-key="${second!.key}"]`).click();
    const secondRow = list.due.find((r) => `${r.customerId}:${r.productId}` === second!.key)!;
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('m');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('示范小店');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(secondRow.productName);
    expect(copied).not.toMatch(/\{|\}/); // every placeholder filled
    await page
      .locator('.ant-message-notice')
      .filter({ hasText: `给“${secondRow.name}”的消息已复制` })
      .waitFor();
    // Off the list until tomorrow, and in the done part meanwhile: a copied message does not vanish.
    await expect.poll(() => done.locator('li').count()).toBe(doneBefore + 2);
    expect(await done.locator('li').first().textContent()).toContain(`${secondRow.name}${secondRow.productName}发了消息`);
    await session.screenshot('morning-2-message-copied');
    await expect
      .poll(async () =>
        (await today.api<{ kind: string; undoneAt: string | null }[]>('customers.contacts', { customerId: secondRow.customerId })).some(
          (c) => c.kind === 'message' && c.undoneAt === null,
        ),
      )
      .toBe(true);

    // Enter opens the household's record; Esc comes back to Today with the same row selected and in view.
    const [, , third] = await drawnDue(page);
    await dueTable.locator(`.call-row[data-row-key="${third!.key}"]`).click();
    await page.keyboard.press('Enter');
    await page.locator('.detail-name', { hasText: third!.name }).waitFor();
    await session.screenshot('morning-3-record-opened');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: '今日' }).waitFor();
    await expect.poll(() => selectedKey(page)).toBe(third!.key);
    const selected = await dueTable.locator(`.call-row[data-row-key="${third!.key}"]`).boundingBox();
    const scroller = await dueTable.locator('.call-scroll').boundingBox();
    expect(selected!.y).toBeGreaterThanOrEqual(scroller!.y - 1);
    expect(selected!.y + selected!.height).toBeLessThanOrEqual(scroller!.y + scroller!.height + 1);
    await session.screenshot('morning-4-back-on-today');

    // Today's list on paper: a few A4 pages naming today's households, not the whole book.
    expect(await today.printFromButton()).toBe(1);
    expect(page.url()).toContain('#print/calls?layout=a4');
    const pdf = join(ARTIFACTS, 'morning-today-a4.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = pdfText(pdf);
    const raw = pdfRawText(pdf);
    expect(text).toContain('示范小店');
    expect(text).toContain('2026年3月10日');
    const now = await today.api<{ due: Row[]; dueShown: number }>('callList.list', {});
    const names = [...new Set(now.due.slice(0, now.dueShown).map((r) => r.name))];
    expect(names.length).toBeGreaterThan(5);
    const missing = names.filter((name) => !raw.includes(name));
    expect(missing).toEqual([]);
    expect(text).not.toMatch(/\uFFFD/);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    toPngs(pdf, 'morning-today-a4');
  });
});
