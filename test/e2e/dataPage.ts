/** A page model of the Data screen (backups, restore, Excel / CSV), in Chinese (the shop's language). */
import type { Locator, Page } from 'playwright-core';

export class DataPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open() {
    await this.page.getByRole('menuitem', { name: /数据/ }).click();
    await this.page.getByRole('heading', { name: '数据', exact: true }).waitFor();
    await this.page.waitForTimeout(300); // the menu's highlight moves over
  }

  card(title: string): Locator {
    return this.page.locator('.ant-card').filter({ has: this.page.locator('.ant-card-head-title', { hasText: title }) });
  }

  get backupCard() {
    return this.card('备份到U盘或文件夹');
  }

  get restoreCard() {
    return this.card('从备份恢复');
  }

  get excelCard() {
    return this.card('Excel / CSV 表格');
  }

  /** Types the folder and backs up; resolves with the success text (saved as …). */
  async backUpTo(folder: string): Promise<string> {
    await this.backupCard.getByLabel('备份到这个文件夹').fill(folder);
    await this.backupCard.getByRole('button', { name: /立即备份/ }).click();
    const done = this.backupCard.locator('.ant-alert-success');
    await done.waitFor({ timeout: 30_000 });
    return (await done.textContent()) ?? '';
  }

  /** Types the backup file and checks it: the preview dialog opens. */
  async inspect(file: string): Promise<Locator> {
    await this.restoreCard.getByLabel('备份文件').fill(file);
    await this.restoreCard.getByRole('button', { name: /检查这个备份/ }).click();
    const dialog = this.page.getByRole('dialog', { name: '恢复这个备份？' });
    await dialog.waitFor();
    return dialog;
  }

  async previewImport(file: string) {
    await this.excelCard.getByLabel('表格文件').fill(file);
    await this.excelCard.getByRole('button', { name: /预\s?览$/ }).click();
    await this.excelCard.locator('.data-import-preview').waitFor({ timeout: 30_000 });
  }
}
