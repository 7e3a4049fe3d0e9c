/**
 * The desktop app's smallest window is 1024×768: at both type sizes the customer page, Today and
 * Collections must show every name, button, tag, column header and phone number whole, nothing
 * wrapped a character per line.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { shellAndBrowser } from './harness.ts';

const app = shellAndBrowser();

/**
 * How many lines an element's text takes: the boxes of its text (not of the tags and buttons around
 * it), a new line wherever a box starts below the ones before.
 */
const LINES = `(el) => {
  const rects = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
  }
  rects.sort((a, b) => a.top - b.top);
  let lines = 0;
  let bottom = -Infinity;
  for (const r of rects) {
    if (r.top >= bottom - 2) lines++;
    bottom = Math.max(bottom, r.bottom);
  }
  return lines;
}`;

interface Fit {
  nameClipped: boolean;
  nameCovered: string[];
  buttonsCut: string[];
  narrowCells: string[];
  wrappedCells: string[];
  wrappedHeaders: string[];
  wrappedPhone: string | null;
  tablesCut: string[];
}

/** What a shopkeeper would see as broken on the open household's card and purchases. */
function customerFit(page: Page): Promise<Fit> {
  return page.evaluate((linesSource) => {
    const lines = eval(linesSource) as (el: Element) => number;
    const name = document.querySelector<HTMLElement>('.detail-name')!;
    const nameBox = name.getBoundingClientRect();
    const title = name.closest<HTMLElement>('.ant-card-head-title')!;
    const pane = document.querySelector('.book-detail-pane')!.getBoundingClientRect();
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const buttons = [...document.querySelectorAll<HTMLElement>('.detail button')];
    const fontSize = parseFloat(getComputedStyle(document.querySelector('.detail-purchases td')!).fontSize);
    return {
      nameClipped:
        name.scrollWidth > name.clientWidth ||
        title.scrollWidth > title.clientWidth ||
        nameBox.width === 0 ||
        nameBox.left < pane.left ||
        nameBox.right > pane.right,
      nameCovered: buttons.filter((b) => overlaps(b.getBoundingClientRect(), nameBox)).map((b) => b.innerText),
      buttonsCut: buttons
        .filter((b) => {
          const box = b.getBoundingClientRect();
          return b.scrollWidth > b.clientWidth + 1 || box.right > pane.right + 0.5 || box.left < pane.left - 0.5;
        })
        .map((b) => b.innerText),
      narrowCells: [...document.querySelectorAll<HTMLElement>('.detail-purchases td, .detail-purchases th')]
        .filter((cell) => cell.innerText.trim() !== '' && cell.clientWidth < 2 * fontSize)
        .map((cell) => `${cell.innerText} (${cell.clientWidth}px)`),
      // Dates, quantities, money and buttons on one line; only a product name may take two, between words.
      wrappedCells: [...document.querySelectorAll<HTMLTableCellElement>('.detail-purchases td')]
        .filter((td) => td.innerText.trim() !== '' && lines(td) > (td.cellIndex === 1 ? 2 : 1))
        .map((td) => td.innerText.replace(/\n/g, '⏎')),
      // Every table of the page: purchases, forecast, ledger.
      wrappedHeaders: [...document.querySelectorAll<HTMLElement>('.book-detail-pane th')]
        .filter((th) => th.innerText.trim() !== '' && lines(th) > 1)
        .map((th) => th.innerText.replace(/\n/g, '⏎')),
      // The household has one number: it reads as one line, never "139 1234 / 5678".
      wrappedPhone:
        [...document.querySelectorAll<HTMLElement>('.detail-card .ant-descriptions-item')]
          .filter((item) => item.querySelector('.ant-descriptions-item-label')?.textContent === '电话')
          .map((item) => item.querySelector<HTMLElement>('.ant-descriptions-item-content')!)
          .filter((content) => lines(content) !== 1)
          .map((content) => content.innerText.replace(/\n/g, '⏎'))[0] ?? null,
      // A table wider than its card loses its last columns off the right edge.
      tablesCut: [...document.querySelectorAll<HTMLElement>('.book-detail-pane .ant-card')]
        .filter((card) => {
          const table = card.querySelector('table');
          return table !== null && table.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5;
        })
        .map((card) => card.querySelector<HTMLElement>('.ant-card-head-title')?.innerText ?? card.className),
    };
  }, LINES);
}

/** The elements (tags, "owed for N days" lines, headers) that take more than one line. */
function wrappedTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ([linesSource, sel]) => {
      const lines = eval(linesSource) as (el: Element) => number;
      return [...document.querySelectorAll<HTMLElement>(sel)]
        .filter((el) => el.innerText.trim() !== '' && lines(el) > 1)
        .map((el) => el.innerText.replace(/\n/g, '⏎'));
    },
    [LINES, selector] as const,
  );
}

describe('the smallest window (1024×768) in real Chromium', () => {
  it('shows the household name, phone, purchases, table headers, and the tags of Today and Collections whole, at both type sizes', async () => {
    const { page, session } = await app.open();
    await page.setViewportSize({ width: 1024, height: 768 });
    const book = new CustomersPage(page, 'zh-CN');
    const calls = new CallListPage(page);
    await book.startDemo();

    // A long household name, as shops write them, beside the demo's own purchases.
    const household = await calls.api<{ id: number; name: string }>('customers.create', {
      draft: { name: '欧阳建国（幸福小区3栋）', phones: ['13912345678'], adults: 2, children: 1, seniors: 0 },
    });
    const products = await calls.api<{ id: number; name: string }[]>('products.list', {});
    for (const product of products.slice(0, 3)) {
      await calls.api('sales.record', { customerId: household.id, productId: product.id, quantity: 2, paid: product !== products[0] });
    }

    for (const size of ['normal', 'large'] as const) {
      await calls.api('shop.updateSettings', { largeText: size === 'large' });
      await page.reload();

      await book.search('13912345678');
      await book.expectOnlyResult(household.name);
      await book.openFirstResult();
      await page.locator('.detail-name', { hasText: household.name }).waitFor();
      await expect.poll(() => book.purchases().count()).toBeGreaterThan(1);
      await session.screenshot(`small-window-${size}-customer`);
      expect(await customerFit(page)).toEqual({
        nameClipped: false,
        nameCovered: [],
        buttonsCut: [],
        narrowCells: [],
        wrappedCells: [],
        wrappedHeaders: [],
        wrappedPhone: null,
        tablesCut: [],
      });

      await page.locator('.detail-forecast').scrollIntoViewIfNeeded();
      await session.screenshot(`small-window-${size}-forecast`);

      await calls.open();
      await page.locator('.call-tag').first().waitFor();
      await session.screenshot(`small-window-${size}-today`);
      expect(await wrappedTexts(page, '.call-row .ant-tag')).toEqual([]);

      await page.getByRole('menuitem', { name: /收账/ }).click();
      await page.getByRole('heading', { name: '收账' }).waitFor();
      await session.screenshot(`small-window-${size}-collections`);
      expect(await wrappedTexts(page, '.ant-table-tbody .ant-tag')).toEqual([]);
      // "已欠 171 天" under the date; the address line beside the name may wrap between words.
      expect((await wrappedTexts(page, '.ant-table-tbody .text-muted')).filter((text) => text.startsWith('已欠'))).toEqual([]);
      expect(await wrappedTexts(page, '.ant-table-thead th')).toEqual([]);
    }
  });
});
