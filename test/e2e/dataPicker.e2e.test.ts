/**
 * The browser shell's own picker (it has no system dialog): a sheet found under the home folder, the
 * book's exports/ folder chosen for a backup, and that folder offered again among the recent ones.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomersPage } from './customersPage.ts';
import { keepFailedPage, openBrowser, removeDir, startShell, type Session, type Shell } from './harness.ts';

let shell: Shell | undefined;
let session: Session | undefined;
const dirs: string[] = [];
afterEach(async (context) => {
  await keepFailedPage(session, context);
  await session?.close();
  await shell?.stop();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe("the browser shell's picker, in real Chromium", () => {
  it('browses the home folder for a sheet, chooses the exports folder for a backup, and offers it again as recent', async () => {
    const home = mkdtempSync(join(tmpdir(), 'huitou-e2e-home-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'huitou-e2e-picker-'));
    dirs.push(home, dataDir);
    mkdirSync(join(home, 'Desktop'));
    writeFileSync(join(home, 'Desktop', '客户名单.csv'), '姓名,电话\n王芳,13812340000\n');
    writeFileSync(join(home, 'Desktop', '照片.jpg'), 'x');
    shell = await startShell(dataDir, { HOME: home });
    session = await openBrowser('zh-CN');
    const page = session.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(shell.url);
    await new CustomersPage(page, 'zh-CN').startEmpty('老王粮油店');
    await page.getByRole('menuitem', { name: /数据/ }).click();

    // A sheet: the home folder, then Desktop; only spreadsheets are listed.
    const sheet = page.getByLabel('表格文件');
    await sheet.locator('xpath=ancestor::div[contains(@class,"ant-flex")][1]').getByRole('button', { name: /浏览/ }).click();
    const picker = page.getByRole('dialog', { name: '选择文件' });
    await picker.getByRole('menuitem', { name: /个人文件夹/ }).click();
    await picker.getByText('Desktop', { exact: true }).click();
    await picker.getByText('客户名单.csv').waitFor();
    expect(await picker.getByText('照片.jpg').count()).toBe(0);
    await session.screenshot('picker-file-1024');
    await picker.getByText('客户名单.csv').click();
    await picker.getByRole('button', { name: '选这个文件' }).click();
    await expect.poll(() => sheet.inputValue()).toBe(join(home, 'Desktop', '客户名单.csv'));

    // A folder for the backup: the book's own exports/.
    const folder = page.getByLabel('备份到这个文件夹');
    const browseFolder = folder.locator('xpath=ancestor::div[contains(@class,"ant-flex")][1]').getByRole('button', { name: /浏览/ });
    await browseFolder.click();
    const folders = page.getByRole('dialog', { name: '选择文件夹' });
    await folders.getByRole('menuitem', { name: /本机备份/ }).waitFor();
    await folders.getByRole('menuitem', { name: /导出文件夹/ }).click();
    await expect.poll(() => folders.locator('.path-picker-path').innerText()).toBe(join(dataDir, 'exports'));
    await folders.getByRole('button', { name: '选这个文件夹' }).click();
    await expect.poll(() => folder.inputValue()).toBe(join(dataDir, 'exports'));
    await page.getByRole('button', { name: /立即备份/ }).click();
    await page.getByText('备份完成，已核对无误').waitFor({ timeout: 30_000 });

    // Used once, offered first next time.
    await browseFolder.click();
    await expect.poll(() => folders.locator('.path-picker-path').innerText()).toBe(join(dataDir, 'exports'));
    expect(await folders.getByRole('menuitem', { name: /最近用过/ }).count()).toBe(1);
    await session.screenshot('picker-folder-recent-1024');
  });
});
