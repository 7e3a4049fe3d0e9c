/** A page model of the customer book: what a shopkeeper does, in either language. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const texts = {
  'zh-CN': {
    welcomeEmpty: /从空白开始/,
    welcomeDemo: /打开示范店铺/,
    shopName: '店名',
    search: '姓名 / 电话 / 拼音首字母（/ 或 F3）',
    newDialog: '新建客户',
    name: '姓名 / 户名',
    phone: '电话 1',
    adults: '大人',
    children: '小孩',
    save: /保\s?存/,
    quantity: '数量',
    saleDialog: /记一笔/,
    recordSale: '记一笔',
    customersMenu: /客户/,
  },
  'en-US': {
    welcomeEmpty: /Start empty/,
    welcomeDemo: /Open a demo shop/,
    shopName: 'Shop name',
    search: 'Name / phone / pinyin initials (/ or F3)',
    newDialog: 'New customer',
    name: 'Name / household',
    phone: 'Phone 1',
    adults: 'Adults',
    children: 'Children',
    save: /Save/,
    quantity: 'Quantity',
    saleDialog: /Record a sale/,
    recordSale: 'Record a sale',
    customersMenu: /Customers/,
  },
} as const;

export type Locale = keyof typeof texts;

export class CustomersPage {
  readonly page: Page;
  readonly t: (typeof texts)[Locale];
  constructor(page: Page, locale: Locale) {
    this.page = page;
    this.t = texts[locale];
  }

  async startEmpty(shopName: string) {
    await this.page.getByLabel(this.t.shopName).fill(shopName);
    await this.page.getByRole('button', { name: this.t.welcomeEmpty }).click();
    await this.page.getByRole('menuitem', { name: this.t.customersMenu }).waitFor();
  }

  async startDemo() {
    await this.page.getByRole('button', { name: this.t.welcomeDemo }).click();
    await this.page.getByRole('menuitem', { name: this.t.customersMenu }).waitFor({ timeout: 30_000 });
  }

  async createCustomer(c: { name: string; phone: string; adults: number; children: number }) {
    await this.page.keyboard.press('F2');
    const dialog = this.page.getByRole('dialog', { name: this.t.newDialog });
    await dialog.getByLabel(this.t.name).fill(c.name);
    await dialog.getByLabel(this.t.phone).fill(c.phone);
    await dialog.getByLabel(this.t.adults, { exact: true }).fill(String(c.adults));
    await dialog.getByLabel(this.t.children, { exact: true }).fill(String(c.children));
    await dialog.getByRole('button', { name: this.t.save }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  get searchBox(): Locator {
    return this.page.getByLabel(this.t.search);
  }

  options(): Locator {
    return this.page.getByRole('listbox').getByRole('option');
  }

  /** The book is one menu click from the Today screen (the home); F3 also gets there, once the app is up. */
  async search(query: string) {
    await this.page.getByRole('menuitem', { name: this.t.customersMenu }).click();
    await this.page.keyboard.press('F3');
    await this.searchBox.fill(query);
  }

  async expectOnlyResult(name: string) {
    await expect.poll(() => this.options().allTextContents()).toEqual([expect.stringContaining(name)]);
  }

  async openFirstResult() {
    await this.searchBox.press('Enter');
  }

  async recordSale(quantity: number) {
    await this.page.getByRole('button', { name: this.t.recordSale, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.t.saleDialog });
    await dialog.getByLabel(this.t.quantity).fill(String(quantity));
    await dialog.getByLabel(this.t.quantity).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  purchases(): Locator {
    return this.page.locator('.detail-purchases tbody tr');
  }
}
