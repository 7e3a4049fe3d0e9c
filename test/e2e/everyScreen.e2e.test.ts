/**
 * Every screen and the main dialogs of the demo shop, in the desktop app's smallest window (1024×768)
 * at both type sizes, and once at 1366×768: a screenshot of each (test-artifacts/e2e/screen-*.png, to
 * look at), and what a shopkeeper would see as broken, measured: a page wider than the window, a button
 * cut off or covered by something else, a column header on two lines, text broken a character per line.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { shellAndBrowser, type Session } from './harness.ts';

const app = shellAndBrowser();
const NOW = '2026-03-10T09:00:00';

/** What is wrong on the page as shown, scoped to the open dialog when there is one. */
interface Faults {
  pageScrollsSideways: boolean;
  screenScrollsSideways: string[];
  buttonsCut: string[];
  squeezed: string[];
  cut: string[];
  buttonsCovered: string[];
  headersWrapped: string[];
  oneCharPerLine: string[];
  rowsOverflowed: string[];
}

function faults(page: Page, scope: string): Promise<Faults> {
  return page.evaluate((scopeSelector) => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    /** The boxes of an element's own text nodes, by line. */
    const textLines = (nodes: Text[]) => {
      const rects: DOMRect[] = [];
      for (const node of nodes) {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      rects.sort((a, b) => a.top - b.top);
      // A new line starts below the middle of the one before: with a tight line-height the boxes of two
      // lines overlap by a few pixels.
      let lines = 0;
      let lineTop = -Infinity;
      for (const r of rects) {
        if (r.top > lineTop + r.height / 2) {
          lines++;
          lineTop = r.top;
        }
      }
      return lines;
    };
    const allText = (el: Element) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      return nodes;
    };
    const label = (el: Element) =>
      ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.className.toString()).replace(/\s+/g, ' ').trim().slice(0, 40);
    const root = [...document.querySelectorAll(scopeSelector)].filter(visible).at(-1) ?? document.body;
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const onScreen = (box: DOMRect) => box.bottom > 0 && box.top < height && box.right > 0 && box.left < width;

    const dialog = root.classList.contains('ant-modal-wrap');
    /** The boxes that clip an element: its ancestors that do not let it overflow. */
    const clippers = (el: Element) => {
      const found: { box: DOMRect; scrolls: boolean }[] = [];
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
          found.push({ box: up.getBoundingClientRect(), scrolls: /(auto|scroll)/.test(style.overflowX + style.overflowY) });
      }
      return found;
    };
    const inSticky = (el: Element | null) => {
      for (let up = el; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).position === 'sticky') return true;
      return false;
    };

    const buttons = [...root.querySelectorAll('button, .ant-btn')].filter(visible);
    const buttonsCut: string[] = [];
    const buttonsCovered: string[] = [];
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      if (!onScreen(box)) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      // Scrolled out of its own box (a list, the page): not shown, not broken.
      const boxes = clippers(button);
      if (boxes.some((c) => c.scrolls && (y < c.box.top || y > c.box.bottom))) continue;
      const cut =
        button.scrollWidth > button.clientWidth + 1 ||
        box.right > width + 0.5 ||
        box.left < -0.5 ||
        // A dialog's buttons are all in the window: a shopkeeper does not scroll a dialog to save it.
        (dialog && (box.bottom > height + 0.5 || box.top < -0.5)) ||
        boxes.some((c) => box.right > c.box.right + 1 || box.left < c.box.left - 1);
      if (cut) buttonsCut.push(label(button));
      if (x < 0 || x > width || y < 0 || y > height) continue;
      const hit = document.elementFromPoint(x, y);
      // Under the sticky head of a page scrolled down: the page's own design, not a fault.
      if (hit && !button.contains(hit) && inSticky(hit) && !inSticky(button)) continue;
      if (!hit || !(button === hit || button.contains(hit))) buttonsCovered.push(`${label(button)} under ${hit ? label(hit) : 'nothing'}`);
    }

    // Text cut to a character or two and an ellipsis: a column far too narrow for what it shows.
    const squeezed: string[] = [];
    const measured = new Set<Element>();
    for (const node of allText(root)) {
      const el = node.parentElement;
      // (SVG text, a chart's labels, has no client width to measure.)
      if (!el || measured.has(el) || el instanceof SVGElement || (node.textContent ?? '').trim().length < 2) continue;
      measured.add(el);
      if (el.scrollWidth <= el.clientWidth + 1 || !visible(el) || !onScreen(el.getBoundingClientRect())) continue;
      if (el.clientWidth < 3 * parseFloat(getComputedStyle(el).fontSize))
        squeezed.push(`${(node.textContent ?? '').trim().slice(0, 20)} (${el.clientWidth}px)`);
    }

    // What must always show whole: tags, phone numbers, figures, column headers, the owner's tiers.
    const cut = [...root.querySelectorAll('.ant-tag, .call-phone, .owner-tier, .ant-statistic-content, .ant-form-item-label, th, [role="columnheader"]')]
      .filter((el) => visible(el) && onScreen(el.getBoundingClientRect()) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${label(el)} (${el.clientWidth}<${el.scrollWidth})`);

    const headers = [...root.querySelectorAll('th, [role="columnheader"], .call-head > [role="cell"]')].filter(visible);
    const headersWrapped = headers.filter((th) => (th as HTMLElement).innerText.trim() !== '' && textLines(allText(th)) > 1).map(label);

    // Chinese text broken into lines of one or two characters: a column or a box far too narrow for it.
    const oneCharPerLine: string[] = [];
    const seen = new Set<Element>();
    for (const node of allText(root)) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (text.length < 3 || !parent || seen.has(parent) || !visible(parent)) continue;
      seen.add(parent);
      const lines = textLines([node]);
      if ((lines >= 3 && text.length / lines < 4) || (lines === 2 && text.length <= 4)) oneCharPerLine.push(`${text.slice(0, 20)} (${lines} lines)`);
    }

    // A virtualised list's rows have a fixed height: what they show must fit inside their padding, or
    // it is cramped against the next row (or spills into it).
    const rowsOverflowed = [...root.querySelectorAll('.customer-row, [role="rowgroup"] > .call-row')]
      .filter((row) => visible(row) && onScreen(row.getBoundingClientRect()))
      .flatMap((row) => {
        const box = row.getBoundingClientRect();
        const style = getComputedStyle(row);
        const top = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
        const bottom = box.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom);
        const parts = [...row.children].filter(visible).map((el) => el.getBoundingClientRect());
        const over = Math.max(top - Math.min(...parts.map((r) => r.top)), Math.max(...parts.map((r) => r.bottom)) - bottom);
        return over > 0.5 ? [`${label(row)} (${Math.round(over)}px over a ${Math.round(box.height)}px row)`] : [];
      });

    const scrollsSideways = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
    const screen = [...document.querySelectorAll('.screen:not([hidden]) *, .ant-modal-wrap *')].filter((el) => visible(el) && scrollsSideways(el));
    return {
      pageScrollsSideways: document.scrollingElement!.scrollWidth > document.scrollingElement!.clientWidth,
      screenScrollsSideways: screen.map((el) => `${el.className.toString().split(' ').slice(0, 2).join(' ')} ${el.scrollWidth}>${el.clientWidth}`),
      buttonsCut,
      squeezed,
      cut,
      buttonsCovered,
      headersWrapped,
      oneCharPerLine,
      rowsOverflowed,
    };
  }, scope);
}

/** A screenshot and its faults, collected (all are reported together at the end). */
async function look(session: Session, name: string, scope = '.ant-modal-wrap, .screen:not([hidden])'): Promise<[string, Faults]> {
  // Dialogs and tabs still fading in would be photographed half-drawn.
  await session.page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await session.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await session.screenshot(`screen-${name}`);
  return [name, await faults(session.page, scope)];
}

async function menu(page: Page, name: string, heading: string | RegExp = name) {
  await page.getByRole('menuitem', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
}

async function closeDialog(page: Page) {
  await page.keyboard.press('Escape');
  await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden' });
}

/** Every screen and the main dialogs, as they are now: screenshots named `screen-<size>-<what>.png`. */
async function visitEvery(page: Page, session: Session, size: string, household: { name: string }): Promise<[string, Faults][]> {
  const book = new CustomersPage(page, 'zh-CN');
  const found: [string, Faults][] = [];
  await page.getByRole('heading', { name: '今日' }).waitFor();
  await page.locator('.call-row').nth(2).waitFor();
  found.push(await look(session, `${size}-today`));
  await page.locator('.today').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  found.push(await look(session, `${size}-today-bottom`));
  await page.locator('.today').evaluate((el) => el.scrollTo({ top: 0 }));
  await page.locator('.call-section .call-row:not(.call-head)').first().click();
  await page.keyboard.press('c');
  await page.getByRole('dialog', { name: /打过电话/ }).waitFor();
  found.push(await look(session, `${size}-dialog-called`));
  await closeDialog(page);

  await book.search('13912345678');
  await book.expectOnlyResult(household.name);
  await book.openFirstResult();
  await page.locator('.detail-name', { hasText: household.name }).waitFor();
  found.push(await look(session, `${size}-customer`));
  await page.locator('.book-detail-pane').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  found.push(await look(session, `${size}-customer-bottom`));
  await page.keyboard.press('F4');
  await page.getByRole('dialog').waitFor();
  found.push(await look(session, `${size}-dialog-slip`));
  await closeDialog(page);
  await page.keyboard.press('F2');
  await page.getByRole('dialog', { name: '新建客户' }).waitFor();
  found.push(await look(session, `${size}-dialog-new-household`));
  await closeDialog(page);

  await menu(page, '流水');
  found.push(await look(session, `${size}-journal`));
  await menu(page, '收账');
  found.push(await look(session, `${size}-collections`));
  await menu(page, '投诉');
  found.push(await look(session, `${size}-complaints`));
  await page.getByRole('button', { name: /记投诉/ }).click();
  await page.getByRole('dialog').waitFor();
  found.push(await look(session, `${size}-dialog-complaint`));
  await closeDialog(page);
  await menu(page, '气瓶');
  found.push(await look(session, `${size}-gas`));
  await page.getByRole('button', { name: '登记气瓶' }).click();
  await page.getByRole('dialog').waitFor();
  found.push(await look(session, `${size}-dialog-cylinder`));
  await closeDialog(page);
  await page.getByRole('tab', { name: '入户安检' }).click();
  found.push(await look(session, `${size}-gas-checks`));
  await menu(page, '经营');
  await page.locator('.owner-chart svg').first().waitFor();
  found.push(await look(session, `${size}-owner`));
  await page.locator('.screen:not([hidden]) .page').evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  found.push(await look(session, `${size}-owner-middle`));
  await page.locator('.screen:not([hidden]) .page').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  found.push(await look(session, `${size}-owner-bottom`));
  await menu(page, '商品');
  found.push(await look(session, `${size}-products`));
  await menu(page, '数据');
  found.push(await look(session, `${size}-data`));
  await menu(page, '设置');
  found.push(await look(session, `${size}-settings`));
  await page.locator('.screen:not([hidden]) .page').evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  found.push(await look(session, `${size}-settings-middle`));
  await page.locator('.screen:not([hidden]) .page').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  found.push(await look(session, `${size}-settings-bottom`));
  return found;
}

describe('every screen in real Chromium', () => {
  it('fits 1024×768 at both type sizes, and 1366×768, with nothing cut, covered or wrapped a character per line', { timeout: 240_000 }, async () => {
    const { page, session } = await app.open({ now: NOW });
    await page.setViewportSize({ width: 1024, height: 768 });
    const calls = new CallListPage(page);
    await new CustomersPage(page, 'zh-CN').startDemo();

    // What the demo lacks: a long household name holding cylinders due soon, a complaint, a slip in the journal.
    const household = await calls.api<{ id: number; name: string }>('customers.create', {
      draft: { name: '欧阳建国（幸福小区3栋）', phones: ['13912345678'], address: '幸福小区3栋2单元501室', adults: 2, children: 1, seniors: 1 },
    });
    const products = await calls.api<{ id: number; name: string; unit: string; priceFen: number }[]>('products.list', {});
    const gasProduct = products.find((p) => p.unit === 'cylinder')!;
    for (const [i, serial] of ['HZ-2019-0004412', 'HZ-2021-0100233', 'HZ-2022-0000917'].entries()) {
      await calls.api('gas.register', {
        draft: { serial, sizeKg: 15, lastInspectionDate: '2022-04-01', nextInspectionDate: `2026-0${3 + i}-2${i}`, scrapDate: '2034-05-01' },
      });
      if (i < 2) await calls.api('gas.issue', { serial, customerId: household.id });
    }
    await calls.api('sales.record', { customerId: household.id, productId: gasProduct.id, quantity: 1, paid: false });
    await calls.api('complaints.record', { customerId: household.id, kind: 'late', said: '说好上午送气，下午三点才到，饭都没做成。', date: '2026-03-08' });
    const slipLines = products.slice(0, 3);
    const slipTotal = slipLines.reduce((sum, p) => sum + 2 * p.priceFen, 0);
    await calls.api('slips.create', {
      customerId: household.id,
      lines: slipLines.map((p) => ({ productId: p.id, quantity: 2 })),
      payments: [
        { method: 'wechat', amountFen: 1000 },
        { method: 'credit', amountFen: slipTotal - 1000 },
      ],
    });

    const found: [string, Faults][] = [];
    for (const pass of [
      { size: 'normal', width: 1024, largeText: false },
      { size: 'large', width: 1024, largeText: true },
      { size: '1366', width: 1366, largeText: false },
    ]) {
      await calls.api('shop.updateSettings', { largeText: pass.largeText });
      await page.setViewportSize({ width: pass.width, height: 768 });
      await page.reload();
      found.push(...(await visitEvery(page, session, pass.size, household)));
    }

    // Every screen was looked at (the file names above); each fault is named with its screen.
    expect(found.length).toBe(3 * 22);
    const faulty = found
      .map(([name, f]) => [name, Object.fromEntries(Object.entries(f).filter(([, v]) => v !== false && !(Array.isArray(v) && v.length === 0)))] as const)
      .filter(([, f]) => Object.keys(f).length > 0);
    expect(Object.fromEntries(faulty)).toEqual({});
  });
});
