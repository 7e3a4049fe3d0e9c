/**
 * The owner's screen on the demo shop in real Chromium (at the smallest window and a common laptop's),
 * and its monthly report printed to A4: its text read back (pdftotext) and its pages as PNGs to look at.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallListPage } from './callListPage.ts';
import { CustomersPage } from './customersPage.ts';
import { ARTIFACTS, pdfPages, pdfRawText, shellAndBrowser, toPngs } from './harness.ts';

const app = shellAndBrowser();

describe("the owner's screen and monthly report in real Chromium", () => {
  it('fits 1024×768 and 1366×768, and prints the month on A4', async () => {
    const { page, session, shell } = await app.open({ now: '2026-11-22T09:00:00' });
    await new CustomersPage(page, 'zh-CN').startDemo();
    const calls = new CallListPage(page);

    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 768 });
      await page.getByRole('menuitem', { name: /经营/ }).click();
      await page.locator('.owner-chart svg').first().waitFor();
      await page.getByText(/户没有固定的购买周期/).waitFor({ timeout: 30_000 });
      // Nothing wider than the window: no sideways scrolling on the owner's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await session.screenshot(`owner-${width}`);
      await page.getByText('回头客还在吗（不定期购买的客户）').scrollIntoViewIfNeeded();
      await session.screenshot(`owner-${width}-retention`);
    }

    // The button opens the report and asks the browser to print it.
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => void (w.printed = (w.printed ?? 0) + 1);
    });
    await page.getByRole('button', { name: /打印本月报告/ }).click();
    await page.locator('.month-report .month-chart svg').waitFor();
    await page.waitForFunction(() => ((window as Window & { printed?: number }).printed ?? 0) > 0);
    expect(page.url()).toContain('#print/month?layout=a4');
    await session.screenshot('owner-month-report-view');

    const home = await calls.api<{ takings: { thisMonthFen: number }; byProduct: { name: string }[] }>('owner.home', {});
    const pdf = join(ARTIFACTS, 'owner-month-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = pdfRawText(pdf);
    const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ',')}`;
    for (const expected of [
      '经营月报·2026年11月',
      '截至2026年11月22日',
      '本月数字',
      yuan(home.takings.thisMonthFen),
      '近13个月',
      home.byProduct[0]!.name,
      '欠款账龄',
      '客户分层',
      '投诉',
      '回头客',
      '户没有固定的购买周期',
      '“好久没来”回访效果',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
    // The bars are drawn as vectors, with their axis labels as text.
    expect(text).toContain('11月');
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    toPngs(pdf, 'owner-month-report');
    await page.goto(shell.url);
  });
});
