import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForJob } from '../backend/dataHelpers.ts';
import { draft, makeTempDir } from '../backend/helpers.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
const temps: string[] = [];
afterEach(() => {
  app?.backend.dispose();
  app = undefined;
  window.localStorage.clear();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string) {
  const dir = makeTempDir(prefix);
  temps.push(dir);
  return dir;
}

/** Paths are pasted (as a shopkeeper copies them from the file manager), not typed key by key. */
async function paste(a: RenderedApp, input: HTMLElement, text: string) {
  await a.user.clear(input);
  await a.user.paste(text);
}

async function openData(a: RenderedApp) {
  await a.user.click(screen.getByRole('menuitem', { name: /数据/ }));
  await screen.findByRole('heading', { name: '数据' });
}

function card(title: string): HTMLElement {
  return screen.getByText(title, { selector: '.ant-card-head-title' }).closest('.ant-card') as HTMLElement;
}

/** Opens the Data screen and asks for a preview of `file`: the Excel card. */
async function previewImport(a: RenderedApp, file: string): Promise<HTMLElement> {
  await openData(a);
  const excel = card('Excel / CSV 表格');
  await paste(a, within(excel).getByLabelText('表格文件'), file);
  await a.user.click(within(excel).getByRole('button', { name: /预\s?览/ }));
  return excel;
}

describe('the Data screen (real backend, real SQLite, real files)', () => {
  it('backs up to a folder, says where and that it was verified, and remembers the folder', async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft() });
    const folder = tempDir('huitou-ui-stick-');
    await openData(a);
    const backup = card('备份到U盘或文件夹');
    await paste(a, within(backup).getByLabelText('备份到这个文件夹'), folder);
    await a.user.click(within(backup).getByRole('button', { name: /立即备份/ }));
    expect(await within(backup).findByText('备份完成，已核对无误', {}, { timeout: 10_000 })).toBeInTheDocument();
    const written = readdirSync(folder);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^测试小店-回头客备份-\d{8}-\d{6}\.sqlite$/);
    expect(within(backup).getByText(new RegExp(`已保存为：${join(folder, written[0]!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))).toBeInTheDocument();
    expect(window.localStorage.getItem('huitou.data.backupFolder')).toBe(folder);
  });

  it('one USB stick plugged in is chosen already: one click backs up onto it; with two, the shopkeeper picks', async () => {
    const stick = tempDir('huitou-ui-KINGSTON-');
    const drive = (path: string, label: string) => ({ path, label, kind: 'removable' as const, freeBytes: 64 * 2 ** 20, totalBytes: 64 * 2 ** 20 });
    const a = (app = await renderApp({ drives: [drive(stick, 'KINGSTON')] }));
    a.backend.call('customers.create', { draft: draft() });
    await openData(a);
    const backup = card('备份到U盘或文件夹');
    await waitFor(() => expect(within(backup).getByRole('radio', { name: /KINGSTON/ })).toBeChecked());
    expect(within(backup).getByLabelText('备份到这个文件夹')).toHaveValue(stick);
    await a.user.click(within(backup).getByRole('button', { name: /立即备份/ }));
    expect(await within(backup).findByText('备份完成，已核对无误', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(readdirSync(stick)).toEqual([expect.stringMatching(/^测试小店-回头客备份-\d{8}-\d{6}\.sqlite$/)]);
    a.backend.dispose();
    window.localStorage.clear();
    app = undefined;
    document.body.innerHTML = '';

    const b = (app = await renderApp({ drives: [drive(stick, 'KINGSTON'), drive(tempDir('huitou-ui-SANDISK-'), 'SANDISK')] }));
    await openData(b);
    const again = card('备份到U盘或文件夹');
    await within(again).findByRole('radio', { name: /SANDISK/ });
    expect(
      within(again)
        .getAllByRole('radio')
        .filter((r) => (r as HTMLInputElement).checked),
    ).toEqual([]);
    expect(within(again).getByLabelText('备份到这个文件夹')).toHaveValue('');
  });

  it('a missing folder is a clear error and leaves nothing behind', async () => {
    const a = (app = await renderApp());
    const folder = join(tempDir('huitou-ui-gone-'), 'not-here');
    await openData(a);
    const backup = card('备份到U盘或文件夹');
    await paste(a, within(backup).getByLabelText('备份到这个文件夹'), folder);
    await a.user.click(within(backup).getByRole('button', { name: /立即备份/ }));
    expect(await within(backup).findByText('找不到这个文件夹或U盘，请确认U盘已插好、路径正确。')).toBeInTheDocument();
    expect(existsSync(folder)).toBe(false);
  });

  it('restores a backup after the data changed (preview first), and Undo brings the change back', async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft() });
    const folder = tempDir('huitou-ui-backup-');
    const { jobId } = a.backend.call('data.startBackup', { folder });
    const done = await waitForJob<{ state: string; file: string }>(a.backend, 'data.backupStatus', jobId);
    // After the backup: a new customer the backup does not have.
    a.backend.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'] }) });
    await a.store.getState().refreshResults();

    await openData(a);
    const restore = card('从备份恢复');
    await paste(a, within(restore).getByLabelText('备份文件'), done.file);
    await a.user.click(within(restore).getByRole('button', { name: /检查这个备份/ }));
    const dialog = await screen.findByRole('dialog', { name: '恢复这个备份？' });
    expect(within(dialog).getByText('测试小店')).toBeInTheDocument();
    expect(within(dialog).getByText('1 户')).toBeInTheDocument();
    expect(within(dialog).getByText('0 笔')).toBeInTheDocument();
    expect(within(dialog).getByText('没有销售记录')).toBeInTheDocument();
    await a.user.click(within(dialog).getByRole('button', { name: '替换为这个备份' }));
    expect(await within(restore).findByText('已恢复为备份中的数据：测试小店，1 户客户，0 笔销售')).toBeInTheDocument();
    expect(a.backend.call('customers.search', { query: '李四' }).items).toHaveLength(0);
    // The app's own lists reloaded: the customer book no longer shows 李四.
    expect(a.store.getState().results.map((c) => c.name)).toEqual(['张三丰']);
    // The safety copy is in the automatic list.
    expect(await within(card('本机自动备份')).findByText('恢复前的备份')).toBeInTheDocument();

    await a.user.click(within(restore).getByRole('button', { name: /撤销恢复/ }));
    expect(await within(restore).findByText('已撤销恢复，数据回到恢复前的样子')).toBeInTheDocument();
    expect(a.backend.call('customers.search', { query: '李四' }).items).toHaveLength(1);
    await waitFor(() =>
      expect(
        a.store
          .getState()
          .results.map((c) => c.name)
          .sort(),
      ).toEqual(['张三丰', '李四'].sort()),
    );
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    expect(await screen.findByRole('option', { name: /李四/ })).toBeInTheDocument();
  });

  it('refuses a file that is not a backup, and nothing changes', async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft() });
    const photo = join(tempDir('huitou-ui-photo-'), 'photo.sqlite');
    writeFileSync(photo, Buffer.from('\xff\xd8\xff\xe0 not a database at all'.repeat(200), 'latin1'));
    await openData(a);
    const restore = card('从备份恢复');
    await paste(a, within(restore).getByLabelText('备份文件'), photo);
    await a.user.click(within(restore).getByRole('button', { name: /检查这个备份/ }));
    expect(await within(restore).findByText('这个文件不是回头客的备份（不是数据库文件），数据没有改动。')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(a.backend.count('customers')).toBe(1);
  });

  it('imports customers from a CSV: a bad row is listed with its line number and nothing is written; once fixed, every row is imported', async () => {
    const a = (app = await renderApp());
    const dir = tempDir('huitou-ui-import-');
    const csv = join(dir, '客户名单.csv');
    writeFileSync(csv, '姓名,电话,地址,人数\n王五,13700001111,幸福小区1栋,3\n赵六,13700002222,幸福小区2栋,两个\n钱七,13700003333,幸福小区3栋,2\n', 'utf8');
    const excel = await previewImport(a, csv);
    expect(await within(excel).findByText('文件编码：UTF-8', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(excel).getByText('共 3 行，2 行没有问题')).toBeInTheDocument();
    expect(within(excel).getByText('1 处问题，请在表格里改好后重新预览')).toBeInTheDocument();
    // a preview has imported nothing yet: it says what to do, not that an import failed
    expect(within(excel).getByText(/还没有导入。要么全部导入，要么一行都不导入/)).toBeInTheDocument();
    expect(within(excel).queryByText('没有导入任何数据。')).not.toBeInTheDocument();
    const problems = within(excel).getByText('行号', { selector: '.data-problems th' }).closest('table') as HTMLElement;
    const row = within(problems).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('人数');
    expect(row).toHaveTextContent('不是数字');
    expect(within(excel).getByRole('button', { name: /导入 2 行/ })).toBeDisabled();
    expect(a.backend.count('customers')).toBe(0);

    // The shopkeeper fixes the sheet and previews again.
    writeFileSync(csv, '姓名,电话,地址,人数\n王五,13700001111,幸福小区1栋,3\n赵六,13700002222,幸福小区2栋,2\n钱七,13700003333,幸福小区3栋,2\n', 'utf8');
    await a.user.click(within(excel).getByRole('button', { name: /表格改好了，重新读取/ }));
    expect(await within(excel).findByText('每一行都检查过了，没有问题。')).toBeInTheDocument();
    await a.user.click(within(excel).getByRole('button', { name: /导入 3 行/ }));
    expect(await within(excel).findByText('导入完成：新建 3 户，合并 0 户，跳过 0 行，销售 0 笔', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(a.backend.count('customers')).toBe(3);
    const zhao = a.backend.call('customers.search', { query: '赵六' }).items[0]!;
    expect(a.backend.call('customers.get', { id: zhao.id })).toMatchObject({ phones: ['13700002222'], adults: 2, address: '幸福小区2栋' });
  });

  it('lets the column mapping be changed and checks again; duplicates can be merged', { timeout: 30_000 }, async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft({ name: '王五', phones: ['13700001111'] }) });
    const dir = tempDir('huitou-ui-map-');
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, '户名,号码,住在\n王五,13700001111,幸福小区9栋\n孙八,13700004444,幸福小区8栋\n', 'utf8');
    const excel = await previewImport(a, csv);
    // No header looks like a name: the screen asks which column is.
    expect(await within(excel).findByText('没有找到姓名列，请指定哪一列是客户姓名。', {}, { timeout: 10_000 })).toBeInTheDocument();
    await a.user.click(within(excel).getByRole('combobox', { name: '哪一列是客户姓名？' }));
    await a.user.click(await screen.findByTitle('第 1 列：户名'));
    await a.user.click(within(excel).getByRole('button', { name: /重新检查/ }));
    await within(excel).findByText('共 2 行，2 行没有问题', {}, { timeout: 10_000 });
    // "号码" and "住在" are not recognised either: map them by hand.
    await a.user.click(within(excel).getByText('哪一列是什么（自动识别，有不对可以改）'));
    for (const [field, column] of [
      ['电话', '第 2 列：号码'],
      ['地址', '第 3 列：住在'],
    ] as const) {
      await a.user.click(within(excel).getByRole('combobox', { name: field }));
      const options = await screen.findAllByTitle(column); // earlier dropdowns stay in the document, hidden
      await a.user.click(options[options.length - 1]!);
    }
    await a.user.click(within(excel).getByRole('button', { name: /重新检查/ }));
    expect(await within(excel).findByText('1 行的电话已经在账本里或在表格中出现过')).toBeInTheDocument();
    expect(within(excel).getByText('第 2 行 13700001111：已有客户“王五”')).toBeInTheDocument();
    await a.user.click(within(excel).getByText('合并到已有客户（只补上空着的和新的电话，不覆盖账本里的）'));
    // The book has an address: it is kept unless the shopkeeper ticks the sheet's.
    await a.user.click(within(excel).getByRole('checkbox', { name: '地址：账本“幸福小区3栋2单元501”，表格“幸福小区9栋”' }));
    await a.user.click(within(excel).getByRole('button', { name: /导入 2 行/ }));
    expect(await within(excel).findByText('导入完成：新建 1 户，合并 1 户，跳过 0 行，销售 0 笔', {}, { timeout: 10_000 })).toBeInTheDocument();
    const wang = a.backend.call('customers.search', { query: '王五' }).items[0]!;
    expect(a.backend.call('customers.get', { id: wang.id }).address).toBe('幸福小区9栋');
  });

  it("a problem says its row's name, the value and what is expected; a 合计 line is left out, and said", { timeout: 30_000 }, async () => {
    const a = (app = await renderApp());
    const csv = join(tempDir('huitou-ui-problems-'), '客户.csv');
    writeFileSync(csv, '姓名,电话,地址,人数\n王五,1370000111,幸福小区1栋,3\n钱七,13700003333,幸福小区3栋,2\n合计,,,5\n', 'utf8');
    const excel = await previewImport(a, csv);
    expect(await within(excel).findByText('第 4 行是合计行，不导入', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(excel).getByText('共 2 行，1 行没有问题')).toBeInTheDocument();
    const problems = within(excel).getByText('行号', { selector: '.data-problems th' }).closest('table') as HTMLElement;
    const cells = within(within(problems).getAllByRole('row')[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      '2',
      '王五',
      '电话',
      '1370000111',
      '电话号码格式不对（手机 11 位，座机、服务号 5 到 15 位数字）',
      '手机 11 位，如 13812345678；座机可带区号，如 0755-12345678',
    ]);
    expect(within(excel).getByRole('button', { name: /导入 1 行/ })).toBeDisabled();
  });

  it("duplicates: the book's values stay unless ticked, row by row, and a row can be kept as a household of its own", { timeout: 30_000 }, async () => {
    const a = (app = await renderApp());
    const zhang = a.backend.call('customers.create', { draft: draft() });
    a.backend.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'], address: '光明路1号' }) });
    const csv = join(tempDir('huitou-ui-dups-'), '客户.csv');
    writeFileSync(csv, '姓名,电话,地址,大人\n李娜,13812345678,新地址1号,3\n李四,13900001111,光明路2号,1\n', 'utf8');
    const excel = await previewImport(a, csv);
    expect(await within(excel).findByText('2 行的电话已经在账本里或在表格中出现过', {}, { timeout: 10_000 })).toBeInTheDocument();
    const name = within(excel).getByRole('checkbox', { name: '姓名：账本“张三丰”，表格“李娜”' });
    const address = within(excel).getByRole('checkbox', { name: '地址：账本“幸福小区3栋2单元501”，表格“新地址1号”' });
    const household = within(excel).getByRole('checkbox', { name: '家庭成员：账本“大人 2，小孩 1，老人 0”，表格“大人 3，小孩 0，老人 0”' });
    // Skipped by default: nothing to tick yet.
    expect(address).toBeDisabled();
    await a.user.click(within(excel).getByText('合并到已有客户（只补上空着的和新的电话，不覆盖账本里的）'));
    for (const box of [name, address, household]) expect(box).not.toBeChecked();
    await a.user.click(address);
    expect(address).toBeChecked();
    // Line 3 is another 李四 with the same phone: kept apart.
    await a.user.click(within(excel).getByRole('combobox', { name: '第 3 行怎么处理' }));
    const options = await screen.findAllByTitle('两个都留');
    await a.user.click(options[options.length - 1]!);
    await a.user.click(within(excel).getByRole('button', { name: /导入 2 行/ }));
    expect(await within(excel).findByText('导入完成：新建 1 户，合并 1 户，跳过 0 行，销售 0 笔', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(a.backend.call('customers.get', { id: zhang.id })).toMatchObject({ name: '张三丰', address: '新地址1号', adults: 2, children: 1 });
    const lis = a.backend.call('customers.search', { query: '13900001111' }).items.map((c) => a.backend.call('customers.get', { id: c.id }));
    expect(lis.map((c) => [c.name, c.address]).sort()).toEqual([
      ['李四', '光明路1号'],
      ['李四', '光明路2号'],
    ]);
  });

  it('exports the chosen tables and lists the files written', { timeout: 30_000 }, async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft() });
    const folder = tempDir('huitou-ui-export-');
    await openData(a);
    const excel = card('Excel / CSV 表格');
    await paste(a, within(excel).getByLabelText('导出到这个文件夹'), folder);
    await a.user.click(within(excel).getByText('CSV（.csv）'));
    await a.user.click(within(excel).getByText('收款记录'));
    await a.user.click(within(excel).getByRole('button', { name: /导\s?出/ }));
    expect(await within(excel).findByText('已导出 6 个文件', {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(readdirSync(folder)).toHaveLength(6);
    for (const file of readdirSync(folder)) expect(within(excel).getByText(join(folder, file))).toBeInTheDocument();
  });
});

describe('the Data screen in English', () => {
  it('reads in English, cards and buttons alike', async () => {
    const a = (app = await renderApp({ language: 'en' }));
    await a.user.click(screen.getByRole('menuitem', { name: /Data/ }));
    await screen.findByRole('heading', { name: 'Data' });
    for (const title of ['Back up to a USB stick or folder', 'Restore from a backup', 'Automatic backups on this PC', 'Excel / CSV spreadsheets']) {
      expect(screen.getByText(title, { selector: '.ant-card-head-title' })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: /^\S*\s*Back up now$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Back up on this PC now/ })).toBeInTheDocument();
    expect(screen.getByText('No automatic backups yet')).toBeInTheDocument();
  });
});

describe('big numbers read as numbers', () => {
  it('counts in the restore preview and on the lists have thousands separators, in both languages', async () => {
    const zh = createI18n('zh-CN');
    const en = createI18n('en');
    await Promise.all([zh.loadLanguages?.('zh-CN'), en.loadLanguages?.('en')]);
    expect(zh.t('data.restore.countSales', { count: 1943485 })).toBe('1,943,485 笔');
    expect(en.t('data.restore.countCustomers', { count: 100000 })).toBe('100,000 households');
    expect(zh.t('callList.count', { count: 89278 })).toBe('89,278 条');
    expect(zh.t('common.showingFirst', { shown: 200, count: 17206 })).toContain('共 17,206 条');
  });
});
