/**
 * The forecast card of an open household at 1024×768 with large text: every phrase (the rate, how
 * sure it is, the last purchase, the dates) reads on one line, never broken in the middle, and the
 * table fits its card.
 */
import { describe, expect, it } from 'vitest';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { shellAndBrowser } from './harness.ts';

const app = shellAndBrowser();

describe('the forecast card with large text at 1024×768, in real Chromium', () => {
  it('breaks no phrase across lines', async () => {
    const { page, session } = await app.open();
    await page.setViewportSize({ width: 1024, height: 768 });
    const book = new CustomersPage(page, 'zh-CN');
    const calls = new CallListPage(page);
    await book.startDemo();
    await calls.api('shop.updateSettings', { largeText: true });
    // The households with the most forecasts: those on today's list.
    const list = await calls.api<{ due: { customerId: number; phone: string }[] }>('callList.list', { days: 7, limit: 50 });
    const counts = await Promise.all(
      list.due.slice(0, 20).map(async (r) => ({ ...r, n: (await calls.api<unknown[]>('forecasts.forCustomer', { customerId: r.customerId })).length })),
    );
    const household = counts.sort((a, b) => b.n - a.n)[0]!;
    expect(household.n).toBeGreaterThan(1);
    await page.reload();

    await book.search(household.phone);
    await book.openFirstResult();
    const card = page.locator('.detail-forecast');
    await card.locator('tbody tr').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await session.screenshot('forecast-large-text-1024');
    const broken = await card.evaluate((el) => {
      // A phrase is broken when its own text boxes start on more than one line.
      const lines = (node: Element) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      };
      const phrases = [...el.querySelectorAll('td .cell-stack > *, td:not(:first-child)')].filter((p) => !p.querySelector('.cell-stack'));
      const table = el.querySelector('table')!.getBoundingClientRect();
      return {
        phrases: phrases.filter((p) => p.textContent!.trim() !== '' && lines(p) > 1).map((p) => p.textContent),
        // A table wider than its card loses its last column off the right edge.
        cut: table.right > el.getBoundingClientRect().right + 0.5,
      };
    });
    expect(broken).toEqual({ phrases: [], cut: false });
  });
});
