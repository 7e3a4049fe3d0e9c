/**
 * Exports on real files: CSV (UTF-8 with BOM, CRLF, phones kept as text) and .xlsx (read back with
 * exceljs) of customers, sales, payments and the call list; an exported customer list imports back
 * into an empty book as the same customers; a missing or read-only folder is refused; the export runs on
 * a thread of its own, the backend's thread free meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ExportStatus, ImportStatus } from '../../shared/contract.ts';
import { makeBackend, makeTempDir, type TestBackend } from './helpers.ts';
import { files, mountTmpfs, readOnlyFolder, waitForJob } from './dataHelpers.ts';

let b: TestBackend;
let folder: string;
beforeAll(() => {
  b = makeBackend();
  b.call('shop.createDemo', { shopName: '幸福米店', language: 'zh-CN' });
  // A year's more history (paid, so the credit book is as the demo left it): the exports below must span
  // several chunks of rows and take a while on their thread, whatever size the demo shop has.
  b.context.db
    .prepare(
      `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at)
       SELECT customer_id, product_id, quantity, unit_price_fen, amount_fen, 1, date(date, '-400 days'), created_at FROM sales ORDER BY id`,
    )
    .run();
  b.call('credit.recordPayment', { customerId: 1, amountFen: 1234, method: 'wechat', note: '=1+1 不是公式' });
});
afterAll(() => b.dispose());
beforeEach(() => {
  folder = makeTempDir('huitou-export-');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function exportAll(input: Record<string, unknown> = {}): Promise<ExportStatus> {
  const { jobId } = b.call('data.startExport', { folder, ...input });
  return waitForJob<ExportStatus>(b, 'data.exportStatus', jobId);
}

const csvRows = (file: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
};

describe('export', () => {
  it('writes every table as CSV with a BOM and as .xlsx, named with the shop, table and time', async () => {
    const status = await exportAll();
    expect(status.state).toBe('done');
    expect(status.files.map((f) => basename(f)).sort()).toEqual(
      ['客户', '销售', '收款', '提醒名单'].flatMap((t) => [`幸福米店-${t}-20261122-100000.csv`, `幸福米店-${t}-20261122-100000.xlsx`]).sort(),
    );
    expect(files(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const customersCsv = status.files.find((f) => f.includes('客户') && f.endsWith('.csv'))!;
    const raw = readFileSync(customersCsv);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('\r\n');
    const customers = csvRows(customersCsv);
    expect(customers[0]!.slice(0, 7)).toEqual(['编号', '姓名', '电话', '电话2', '电话3', '地址', '片区']);
    expect(customers).toHaveLength(b.count('customers') + 1);
    // A long phone stays text in Excel and WPS (="..."; a plain 13812345678 shows as 1.38E+10), and import reads it back.
    expect(customers[1]![2]).toMatch(/^="\d{11}"$/);

    const sales = csvRows(status.files.find((f) => f.includes('销售') && f.endsWith('.csv'))!);
    expect(sales).toHaveLength(b.count('sales') + 1);
    const payments = csvRows(status.files.find((f) => f.includes('收款') && f.endsWith('.csv'))!);
    expect(payments).toHaveLength(b.count('payments') + 1);
    expect(payments.some((row) => row[6] === "'=1+1 不是公式")).toBe(true); // never run as a formula

    const callList = b.call('callList.list', { days: 7, limit: 5000 });
    const calls = csvRows(status.files.find((f) => f.includes('提醒名单') && f.endsWith('.csv'))!);
    expect(calls).toHaveLength(callList.due.length + callList.upcoming.length + 1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(status.files.find((f) => f.includes('销售') && f.endsWith('.xlsx'))!);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('销售');
    expect(ws.actualRowCount).toBe(b.count('sales') + 1);
    expect(ws.getRow(1).getCell(2).value).toBe('日期');
    const customersBook = new ExcelJS.Workbook();
    await customersBook.xlsx.readFile(status.files.find((f) => f.includes('客户') && f.endsWith('.xlsx'))!);
    expect(typeof customersBook.worksheets[0]!.getRow(2).getCell(3).value).toBe('string'); // phones as text
  });

  it("writes units and payment methods as words, and times as local time, in the shop's language", async () => {
    b.call('sales.record', { customerId: 2, productId: 1, quantity: 1, paid: true });
    b.context.db.prepare("UPDATE sales SET voided_at = '2026-11-20T02:03:00.000Z', void_reason = '写错了' WHERE id = 1").run();
    const local = (iso: string) => new Date(iso).toLocaleString('sv-SE').slice(0, 16); // YYYY-MM-DD HH:mm, this machine's time zone
    const unitOf = b.context.db.prepare<[], { unit: string }>('SELECT p.unit FROM sales s JOIN products p ON p.id = s.product_id WHERE s.id = 1').get()!.unit;
    const words = {
      zh: { kg: '公斤', jin: '斤', bucket: '桶', bottle: '瓶', cylinder: '罐', litre: '升' },
      en: { kg: 'kg', jin: 'jin', bucket: 'bucket', bottle: 'bottle', cylinder: 'cylinder', litre: 'L' },
    };
    for (const [language, en] of [
      ['zh-CN', false],
      ['en', true],
    ] as const) {
      b.call('shop.updateSettings', { language });
      try {
        const status = await exportAll({ tables: ['customers', 'sales', 'payments'], formats: ['csv'] });
        const [customers, sales, payments] = status.files.map(csvRows);
        const created = b.context.db.prepare<[], { created_at: string }>('SELECT created_at FROM customers WHERE id = 1').get()!.created_at;
        expect(customers![1]![16]).toBe(local(created));
        expect(sales![1]![7]).toBe(en ? words.en[unitOf as 'kg'] : words.zh[unitOf as 'kg']);
        expect(sales!.slice(1).every((row) => !['kg', 'jin', 'bucket', 'bottle', 'cylinder', 'litre'].includes(row[7]!) || en)).toBe(true);
        expect(sales![1]![11]).toBe(local('2026-11-20T02:03:00.000Z'));
        expect(payments!.find((row) => row[6] === "'=1+1 不是公式")![5]).toBe(en ? 'WeChat' : '微信');
      } finally {
        b.call('shop.updateSettings', { language: 'zh-CN' });
      }
    }
    b.context.db.prepare('UPDATE sales SET voided_at = NULL, void_reason = NULL WHERE id = 1').run();
  });

  it('.xlsx: columns as wide as what they hold (within a limit), the header row bold and frozen', async () => {
    const status = await exportAll({ tables: ['customers'], formats: ['xlsx'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(status.files[0]!);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(2).font?.bold).toBe(true);
    const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const width = (header: string) => ws.getColumn(headers.indexOf(header) + 1).width!;
    expect(width('编号')).toBeLessThan(width('电话'));
    expect(width('电话')).toBeGreaterThanOrEqual(13); // 11 digits and a margin
    expect(width('建档时间')).toBeGreaterThanOrEqual(18); // 2026-11-22 10:00
    expect(width('地址')).toBeGreaterThan(width('姓名'));
    for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeLessThanOrEqual(50);
  });

  it('reads the rows a chunk at a time from the book as it was when it started, while the shop goes on selling', async () => {
    const before = b.count('sales');
    expect(before).toBeGreaterThan(4000); // more than two chunks of 2000 rows
    const { jobId } = b.call('data.startExport', { folder, tables: ['sales'], formats: ['csv'] });
    const job = b.book.jobs.get(jobId);
    let soldMeanwhile = 0;
    let settled = false;
    void job.finished.finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      b.call('sales.record', { customerId: 3, productId: 1, quantity: 1, paid: true });
      soldMeanwhile++;
    }
    const status = b.call('data.exportStatus', { jobId }) as ExportStatus;
    expect(status.state).toBe('done');
    expect(soldMeanwhile).toBeGreaterThan(2);
    expect(b.count('sales')).toBe(before + soldMeanwhile);
    const ids = csvRows(status.files[0]!)
      .slice(1)
      .map((row) => Number(row[0]));
    // Every sale of the book as it was, once, in the order entered: nothing lost or doubled between chunks.
    expect(ids).toEqual(Array.from({ length: before }, (_, i) => i + 1));
  });

  it('only what was asked, in English when the shop uses English', async () => {
    b.call('shop.updateSettings', { language: 'en' });
    try {
      const status = await exportAll({ tables: ['payments'], formats: ['csv'] });
      expect(status.files.map((f) => basename(f))).toEqual(['幸福米店-payments-20261122-100000.csv']);
      expect(csvRows(status.files[0]!)[0]).toEqual(['id', 'date', 'customer id', 'name', 'amount (yuan)', 'method', 'notes', 'voided']);
    } finally {
      b.call('shop.updateSettings', { language: 'zh-CN' });
    }
  });

  it.each(['xlsx', 'csv'])('an exported customer list (%s) imports into an empty book as the same customers', async (format) => {
    const status = await exportAll({ tables: ['customers'], formats: [format] });
    const fresh = makeBackend();
    const { jobId } = fresh.call('data.startImportPreview', { file: status.files[0]! });
    const preview = (await waitForJob<ImportStatus>(fresh, 'data.importStatus', jobId)).preview!;
    expect(preview.problemsTotal).toBe(0);
    const applied = fresh.call('data.startImport', { file: status.files[0]!, mapping: preview.mapping, duplicates: 'skip' });
    const result = await waitForJob<ImportStatus>(fresh, 'data.importStatus', applied.jobId);
    expect(result.result?.created).toBe(b.count('customers'));
    const strip = (c: ReturnType<TestBackend['call']>) => {
      const { id: _id, createdAt: _c, updatedAt: _u, archivedAt: _a, creditLimitFen: _l, ...rest } = c as Record<string, unknown>;
      return rest;
    };
    for (const id of [1, 2, 50, 150]) expect(strip(fresh.call('customers.get', { id }))).toEqual(strip(b.call('customers.get', { id })));
    fresh.dispose();
  });

  it("runs on a thread of its own: searches are answered meanwhile, and it goes on while the backend's thread is busy", async () => {
    const all = { tables: ['customers', 'sales', 'payments', 'callList'], formats: ['csv', 'xlsx'] };
    const first = b.book.jobs.get(b.call('data.startExport', { folder, ...all }).jobId);
    let answeredWhileRunning = 0;
    // A surname the demo shop has, whichever names its generator drew.
    const surname = b.call('customers.search', { query: '' }).items[0]!.name.slice(0, 1);
    while (first.state === 'running') {
      await new Promise((resolve) => setImmediate(resolve));
      expect(b.call('customers.search', { query: surname }).items.length).toBeGreaterThan(0);
      if (first.state === 'running') answeredWhileRunning++;
    }
    expect(first.state).toBe('done');
    // How long each search waited is the bench's to say (export.*.stall), not a test's on a shared machine.
    expect(answeredWhileRunning).toBeGreaterThan(0);

    // The backend's thread held by one long call: the export's first file is finished all the same (read
    // and written on the backend's thread, it could not be before the call returned).
    const again = join(folder, 'again');
    mkdirSync(again);
    const second = b.book.jobs.get(b.call('data.startExport', { folder: again, ...all }).jobId);
    // The microtask that starts the job's thread runs first, as it would before the next call.
    await Promise.resolve();
    const finishedFile = () => readdirSync(again).some((f) => f.endsWith('.csv'));
    // Generous: a loaded 2-core machine can take seconds to give the job's thread its turn.
    const deadline = Date.now() + 40_000;
    while (!finishedFile() && Date.now() < deadline);
    expect(finishedFile()).toBe(true);
    await second.finished;
    expect(second.state).toBe('done');
  }, 90_000);

  it('an export that fails part-way: EXPORT_FAILED, and the files it had written are removed', async () => {
    // The sales file's temporary name taken by a link to nowhere (a free name to a check, taken to a
    // create): the customers file is written first.
    symlinkSync(join(folder, 'nowhere'), join(folder, '幸福米店-销售-20261122-100000.csv.tmp'));
    const status = await exportAll({ tables: ['customers', 'sales'], formats: ['csv'] });
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('EXPORT_FAILED');
    expect(files(folder)).toEqual(['幸福米店-销售-20261122-100000.csv.tmp']);
  });

  it('a folder that turns read-only before the export writes: BACKUP_TARGET_READONLY, nothing written', async (ctx) => {
    const stick = mountTmpfs('size=1m');
    if (!stick) return ctx.skip('mount is not permitted here: a folder turning read-only not tested');
    try {
      const { jobId } = b.call('data.startExport', { folder: stick.dir, tables: ['customers'], formats: ['csv'] });
      // Still before the job's thread starts (it starts once this turn is over).
      execFileSync('mount', ['-o', 'remount,ro', stick.dir], { stdio: 'pipe' });
      const status = await waitForJob<ExportStatus>(b, 'data.exportStatus', jobId);
      expect(status.state).toBe('failed');
      expect(status.error?.code).toBe('BACKUP_TARGET_READONLY');
      expect(files(stick.dir)).toEqual([]);
    } finally {
      stick.unmount();
    }
  });

  it('a stick that fills up during an .xlsx export: BACKUP_TARGET_FULL, nothing left behind, the job over', async (ctx) => {
    const stick = mountTmpfs('size=512k');
    if (!stick) return ctx.skip('mount is not permitted here: a full export target not tested');
    try {
      const { jobId } = b.call('data.startExport', { folder: stick.dir, tables: ['sales'], formats: ['xlsx'] });
      // Filled by something else once the export had checked its room (its writes start after a turn).
      writeFileSync(join(stick.dir, 'photos.bin'), Buffer.alloc(508 * 1024));
      const status = await waitForJob<ExportStatus>(b, 'data.exportStatus', jobId);
      expect(status.state).toBe('failed');
      expect(status.error?.code).toBe('BACKUP_TARGET_FULL');
      expect(files(stick.dir)).toEqual(['photos.bin']);
      // The job is over: a backup may start again.
      expect(b.book.jobs.running(['export'])).toEqual([]);
    } finally {
      stick.unmount();
    }
  }, 20_000);

  it('a missing or read-only folder is refused before anything is written', async (ctx) => {
    expect(b.callError('data.startExport', { folder: join(folder, 'nope') }).code).toBe('BACKUP_TARGET_MISSING');
    expect(b.callError('data.startExport', { folder: 'relative' }).code).toBe('BACKUP_TARGET_MISSING');
    const stick = readOnlyFolder();
    if (!stick) return ctx.skip('mount is not permitted here: read-only export target not tested');
    try {
      expect(b.callError('data.startExport', { folder: stick.dir }).code).toBe('BACKUP_TARGET_READONLY');
    } finally {
      stick.unmount();
    }
  });
});
