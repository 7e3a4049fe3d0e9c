import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CustomersPage } from './customersPage.ts';
import { DataPage } from './dataPage.ts';
import { removeDir, shellAndBrowser, type Session } from './harness.ts';
import { CallListPage } from './callListPage.ts';

const app = shellAndBrowser();
const work = mkdtempSync(join(tmpdir(), 'huitou-e2e-data-'));
afterAll(() => removeDir(work));
let session: Session | undefined;

async function open(): Promise<{ book: CustomersPage; api: CallListPage; data: DataPage; page: Session['page'] }> {
  ({ session } = await app.open({ now: '2026-11-22T09:00:00' }));
  return { book: new CustomersPage(session.page, 'zh-CN'), api: new CallListPage(session.page), data: new DataPage(session.page), page: session.page };
}

const customer = (name: string, phone: string) => ({
  draft: { name, phones: [phone], area: '幸福小区', address: '幸福小区2栋', adults: 2, children: 1, seniors: 0 },
});

describe('the Data screen in real Chromium through the browser shell', () => {
  it('backs up to a folder, then restores that backup after a change, and undo brings the change back', async () => {
    const { book, api, data, page } = await open();
    await book.startEmpty('老王粮油店');
    await api.api('customers.create', customer('赵钱孙', '13812340000'));
    await data.open();
    await session!.screenshot('data-1-screen');

    const stick = join(work, 'stick');
    execFileSync('mkdir', ['-p', stick]);
    const saved = await data.backUpTo(stick);
    expect(saved).toContain('备份完成，已核对无误');
    const files = readdirSync(stick);
    expect(files).toEqual([expect.stringMatching(/^老王粮油店-回头客备份-20261122-\d{6}\.sqlite$/)]);
    expect(saved).toContain(join(stick, files[0]!));
    await session!.screenshot('data-2-backup-done');

    // A change after the backup: a new customer.
    await api.api('customers.create', customer('周吴郑', '13912340000'));
    const dialog = await data.inspect(join(stick, files[0]!));
    await expect.poll(() => dialog.textContent()).toContain('老王粮油店');
    expect(await dialog.textContent()).toContain('1 户');
    await page.waitForTimeout(500); // the dialog's opening animation
    await session!.screenshot('data-3-restore-preview');
    await dialog.getByRole('button', { name: '替换为这个备份' }).click();
    await data.restoreCard.getByText('已恢复为备份中的数据：老王粮油店，1 户客户，0 笔销售').waitFor({ timeout: 30_000 });
    await session!.screenshot('data-4-restored');
    expect((await api.api<{ items: unknown[] }>('customers.search', { query: '周吴郑' })).items).toHaveLength(0);
    await book.search('zwz');
    await page.getByText('没有找到“zwz”').waitFor();

    await data.open();
    await data.restoreCard.getByRole('button', { name: /撤销恢复/ }).click();
    await data.restoreCard.getByText('已撤销恢复，数据回到恢复前的样子').waitFor({ timeout: 30_000 });
    expect((await api.api<{ items: unknown[] }>('customers.search', { query: '周吴郑' })).items).toHaveLength(1);
    // The automatic list shows the safety copies made before each restore.
    await expect.poll(() => data.card('本机自动备份').getByText('恢复前的备份').count()).toBeGreaterThanOrEqual(2);
    await session!.screenshot('data-5-undone');
  });

  it('fits the window sideways: no horizontal scrollbar at 1024 or 1366 wide', async () => {
    const { book, data, page } = await open();
    await book.startEmpty('老王粮油店');
    await data.open();
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 768 });
      await page.waitForTimeout(300); // the grid's breakpoints follow the resize
      // Any box that scrolls sideways shows a scrollbar: name the ones that would.
      const scrolling = await page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.scrollWidth > el.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
          .map((el) => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
      );
      expect(scrolling, `at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    }
  });

  it('imports a UTF-8 CSV (a bad row first, then fixed) and a GBK CSV saved the way Chinese Excel saves it', async () => {
    const { book, api, data, page } = await open();
    await book.startEmpty('老王粮油店');
    await api.api('customers.create', customer('王五', '13700001111'));
    await data.open();

    const utf8 = join(work, '客户名单.csv');
    writeFileSync(
      utf8,
      '姓名,电话,地址,人数,发薪日\n王五,13700001111,幸福小区1栋,3,15号\n赵六,13700002222,幸福小区2栋,两个,\n钱七,13700003333,幸福小区3栋,2,月底\n',
      'utf8',
    );
    await data.previewImport(utf8);
    const excel = data.excelCard;
    await excel.getByText('1 处问题，请在表格里改好后重新预览').waitFor();
    const problem = excel.locator('.data-problems tbody tr').first();
    expect(await problem.textContent()).toMatch(/^3赵六人数两个不是数字整数，如 3$/); // line, name, field, value, problem, what is expected
    expect(await excel.getByRole('button', { name: /导入 2 行/ }).isDisabled()).toBe(true);
    await excel.locator('.data-problems').scrollIntoViewIfNeeded();
    await session!.screenshot('data-6-import-problems');
    expect((await api.api<{ items: unknown[] }>('customers.search', { query: '赵六' })).items).toHaveLength(0);

    expect(await excel.locator('.data-bad-row').textContent()).toContain('赵六');
    writeFileSync(
      utf8,
      '姓名,电话,地址,人数,发薪日\n王五,13700001111,幸福小区1栋,3,15号\n赵六,13700002222,幸福小区2栋,2,\n钱七,13700003333,幸福小区3栋,2,月底\n',
      'utf8',
    );
    await excel.getByRole('button', { name: '表格改好了，重新读取' }).click();
    await excel.getByText('每一行都检查过了，没有问题。').waitFor();
    await excel.getByText('1 行的电话已经在账本里或在表格中出现过').waitFor();
    await excel.getByText('合并到已有客户（只补上空着的和新的电话，不覆盖账本里的）').click();
    await excel.getByRole('button', { name: /导入 3 行/ }).scrollIntoViewIfNeeded();
    await session!.screenshot('data-7-import-preview');
    await excel.getByRole('button', { name: /导入 3 行/ }).click();
    await excel.getByText('导入完成：新建 2 户，合并 1 户，跳过 0 行，销售 0 笔').waitFor({ timeout: 30_000 });
    await session!.screenshot('data-8-imported');

    // A GBK file, as Chinese Excel saves "CSV (逗号分隔)": converted with iconv, not typed as bytes.
    const source = join(work, 'gbk-source.csv');
    const gbk = join(work, '老客户GBK.csv');
    writeFileSync(source, '客户姓名,手机,住址,大人,小孩\n孙八,13700004444,阳光花园5栋,2,2\n李九,13700005555,阳光花园6栋,1,0\n', 'utf8');
    execFileSync('sh', ['-c', `iconv -f UTF-8 -t GBK '${source}' > '${gbk}'`]);
    expect(readdirSync(work)).toContain('老客户GBK.csv');
    await data.previewImport(gbk);
    await excel.getByText('文件编码：GBK / GB18030（中文 Excel）').waitFor();
    await excel.locator('.data-preview-table').getByText('阳光花园5栋').waitFor();
    await excel.locator('.data-import-preview').scrollIntoViewIfNeeded();
    await session!.screenshot('data-9-gbk-preview');
    await excel.getByRole('button', { name: /导入 2 行/ }).click();
    await excel.getByText('导入完成：新建 2 户，合并 0 户，跳过 0 行，销售 0 笔').waitFor({ timeout: 30_000 });

    await book.search('sb');
    await book.expectOnlyResult('孙八');
    await page.getByRole('option', { name: /孙八/ }).click();
    await page.getByRole('heading', { name: '孙八' }).waitFor();
    expect(existsSync(gbk)).toBe(true);

    // And out again, for Excel: CSV and .xlsx of the customers into a folder.
    await data.open();
    const out = join(work, 'export');
    execFileSync('mkdir', ['-p', out]);
    await excel.getByText('CSV（.csv）').click();
    for (const table of ['销售记录', '收款记录', '今日联系名单']) await excel.getByText(table, { exact: true }).click();
    await excel.getByLabel('导出到这个文件夹').fill(out);
    await excel.getByRole('button', { name: /导\s?出/ }).click();
    await excel.getByText('已导出 2 个文件').waitFor({ timeout: 30_000 });
    expect(readdirSync(out).sort()).toEqual([expect.stringMatching(/^老王粮油店-客户-.*\.csv$/), expect.stringMatching(/^老王粮油店-客户-.*\.xlsx$/)]);
    await excel.locator('.data-export .ant-alert').scrollIntoViewIfNeeded();
    await session!.screenshot('data-10-exported');
  });
});
