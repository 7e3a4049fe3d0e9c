/** A page model of the Today screen and the printed call list, in Chinese (the shop's language). */
import type { Locator, Page } from 'playwright-core';

export class CallListPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Calls the backend as the page itself does: its own origin, its per-launch token. */
  async api<T = unknown>(name: string, input: unknown): Promise<T> {
    return this.page.evaluate(
      async ([callName, body]) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="huitou-token"]')!.content;
        const response = await fetch(`/api/${callName}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-huitou-token': token },
          body: JSON.stringify(body),
        });
        const envelope = (await response.json()) as { ok: boolean; data?: unknown; error?: unknown };
        if (!envelope.ok) throw new Error(`${callName}: ${JSON.stringify(envelope.error)}`);
        return envelope.data;
      },
      [name, input] as const,
    ) as Promise<T>;
  }

  async open() {
    await this.page.getByRole('menuitem', { name: /今日/ }).click();
    await this.page.getByRole('heading', { name: '今日' }).waitFor();
  }

  section(title: '今天要联系' | '未来 7 天'): Locator {
    return this.page.locator('.call-section').filter({ has: this.page.locator('.ant-card-head-title', { hasText: title }) });
  }

  row(title: '今天要联系' | '未来 7 天', name: string): Locator {
    return this.section(title).locator('.call-row', { hasText: name });
  }

  /**
   * 1 when the household is in the section, else 0. The list draws only the rows on screen: it is
   * scrolled through from the top until the row is drawn (left in view), or to its end.
   */
  async rowCount(title: '今天要联系' | '未来 7 天', name: string): Promise<number> {
    const scroller = this.section(title).locator('.call-scroll');
    if ((await scroller.count()) === 0) return 0;
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    for (;;) {
      await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      if ((await this.row(title, name).count()) > 0) {
        await this.row(title, name).scrollIntoViewIfNeeded();
        return 1;
      }
      const moved = await scroller.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTo({ top: before + el.clientHeight * 0.8 });
        return el.scrollTop > before;
      });
      if (!moved) return 0;
    }
  }

  async markCalled(name: string, outcomeKey: '1' | '2' | '3' | '4', whileOpen?: () => Promise<void>) {
    await this.rowCount('今天要联系', name);
    await this.row('今天要联系', name).click();
    await this.page.keyboard.press('c');
    const dialog = this.page.getByRole('dialog', { name: `打过电话：${name}` });
    await dialog.waitFor();
    await this.page.keyboard.press(outcomeKey);
    await whileOpen?.();
    await this.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  async undoLast() {
    await this.page.keyboard.press('Control+z');
  }

  /** The Print button, with the browser's print dialog replaced by a counter (headless Chromium has none to show). */
  async printFromButton(): Promise<number> {
    await this.page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => {
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await this.page.getByRole('button', { name: /打印名单/ }).click();
    await this.page.locator('.print-paper .print-shop').waitFor();
    await this.page.waitForFunction(() => ((window as Window & { printed?: number }).printed ?? 0) > 0);
    return this.page.evaluate(() => (window as Window & { printed?: number }).printed ?? 0);
  }

  async chooseLayout(label: 'A4 纸' | '80 毫米小票') {
    await this.page.locator('.print-toolbar .ant-segmented-item', { hasText: label }).click();
  }
}
