/**
 * The sales summaries the owner's view reads (migration 0018: sales_daily, customer_months,
 * customer_spans), on real SQLite: after every kind of write to the sales they hold what grouping the
 * live sales gives, row for row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportPreview, ImportStatus } from '../../shared/contract.ts';
import { waitForJob } from './dataHelpers.ts';
import { makeBackend, makeTempDir, type TestBackend } from './helpers.ts';
import { expectSummariesTrue, summaries } from './ownerHelpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

function shop() {
  const backend = makeBackend();
  backend.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
  const products = backend.call('products.list', {});
  const rice = products.find((p) => p.name === '大米')!.id;
  const water = products.find((p) => p.unit === 'bucket')?.id ?? products[1]!.id;
  const household = (name: string) => backend.call('customers.create', { draft: { name, phones: [], adults: 2, children: 0, seniors: 0, payday: null } }).id;
  return { backend, rice, water, household };
}

describe('the sales summaries', () => {
  it('hold the sums of the live sales after sales, a void, its undo, a correction and a slip with a walk-in line', () => {
    const s = shop();
    b = s.backend;
    const a = s.household('张三');
    const c = s.household('李四');
    const sale = (customerId: number, productId: number, date: string, amountFen: number, quantity = 10) =>
      b!.call('sales.record', { customerId, productId, quantity, amountFen, paid: true, date });
    const first = sale(a, s.rice, '2026-09-03', 3000);
    sale(a, s.rice, '2026-09-03', 1000, 2.5);
    const last = sale(a, s.water, '2026-11-20', 2000, 1);
    sale(c, s.rice, '2026-10-01', 5000);
    expect(expectSummariesTrue(b).spans).toEqual([
      { customer_id: a, first_date: '2026-09-03', last_date: '2026-11-20' },
      { customer_id: c, first_date: '2026-10-01', last_date: '2026-10-01' },
    ]);

    // Voiding a household's first and last sales moves its span in; the day's rice keeps the other sale.
    b.call('sales.void', { id: first.id, reason: '' });
    b.call('sales.void', { id: last.id, reason: '' });
    expect(expectSummariesTrue(b).daily).toContainEqual({ date: '2026-09-03', product_id: s.rice, amount_fen: 1000, quantity: 2.5, lines: 1 });
    expect(summaries(b).stored.spans[0]).toEqual({ customer_id: a, first_date: '2026-09-03', last_date: '2026-09-03' });
    // A month and a day left with no live sale have no row.
    expect(summaries(b).stored.months.filter((m) => m.customer_id === a)).toHaveLength(1);
    expect(summaries(b).stored.daily.filter((d) => d.date === '2026-11-20')).toEqual([]);

    b.call('sales.unvoid', { id: last.id });
    expectSummariesTrue(b);

    // A correction voids the sale and records its replacement, here on another day and product.
    const only = sale(c, s.rice, '2026-10-05', 800, 1);
    b.call('sales.correct', { id: only.id, draft: { productId: s.water, quantity: 2, amountFen: 1600, paid: true, date: '2026-11-02' }, reason: '记错了' });
    expectSummariesTrue(b);

    // A slip of the household, and a walk-in slip: its lines count by day and product, in no household.
    b.call('slips.create', {
      customerId: c,
      lines: [
        { productId: s.rice, quantity: 5, unitPriceFen: 600 },
        { productId: s.water, quantity: 1, unitPriceFen: 1000 },
      ],
      payments: [{ method: 'cash', amountFen: 4000 }],
    });
    const walkIn = b.call('slips.create', {
      lines: [{ productId: s.water, quantity: 3, unitPriceFen: 1000 }],
      payments: [{ method: 'wechat', amountFen: 3000 }],
    });
    const stored = expectSummariesTrue(b);
    expect(stored.spans.map((x) => x.customer_id)).toEqual([a, c]);
    expect(stored.daily).toContainEqual(expect.objectContaining({ date: '2026-11-22', product_id: s.water, amount_fen: 4000, lines: 2 }));

    // Voiding the walk-in slip takes its line off the day's water.
    b.call('slips.void', { id: walkIn.id, reason: '' });
    expect(expectSummariesTrue(b).daily).toContainEqual(expect.objectContaining({ date: '2026-11-22', product_id: s.water, amount_fen: 1000, lines: 1 }));
  });

  it('follow a change of any summed column and a deleted sale, though the app makes neither', () => {
    const s = shop();
    b = s.backend;
    const a = s.household('张三');
    const c = s.household('李四');
    const one = b.call('sales.record', { customerId: a, productId: s.rice, quantity: 10, amountFen: 6000, paid: true, date: '2026-10-10' });
    b.call('sales.record', { customerId: a, productId: s.rice, quantity: 5, amountFen: 3000, paid: true, date: '2026-11-01' });
    const db = b.context.db;
    db.prepare("UPDATE sales SET date = '2026-09-30', product_id = ?, customer_id = ?, amount_fen = 100, quantity = 1 WHERE id = ?").run(s.water, c, one.id);
    expectSummariesTrue(b);
    db.prepare('DELETE FROM sales WHERE id = ?').run(one.id);
    expect(expectSummariesTrue(b).spans).toEqual([{ customer_id: a, first_date: '2026-11-01', last_date: '2026-11-01' }]);
  });

  it('count the sales an import writes', async () => {
    const s = shop();
    b = s.backend;
    const a = s.household('张三');
    b.call('sales.record', { customerId: a, productId: s.rice, quantity: 10, amountFen: 6000, paid: true, date: '2026-10-10' });
    const file = join(makeTempDir('huitou-summaries-'), 'import.csv');
    writeFileSync(file, '姓名,电话,商品,数量,日期\n王五,13900000001,大米,10,2026-10-01\n赵六,13900000002,大米,5,2026-11-03\n');
    const started = b.call('data.startImportPreview', { file });
    const preview = (await waitForJob<ImportStatus>(b, 'data.importStatus', started.jobId)).preview as ImportPreview;
    const { jobId } = b.call('data.startImport', { file, mapping: preview.mapping, duplicates: 'skip' });
    expect((await waitForJob<ImportStatus>(b, 'data.importStatus', jobId)).result).toMatchObject({ created: 2, sales: 2 });
    expect(expectSummariesTrue(b).spans).toHaveLength(3);
  });

  it('are summed once after a whole book is loaded (the demo), and kept by the triggers after it', () => {
    b = makeBackend();
    b.call('shop.createDemo', { language: 'zh-CN' });
    const stored = expectSummariesTrue(b);
    expect(stored.spans.length).toBeGreaterThan(100);
    const triggers = b.context.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales' ORDER BY name").pluck().all();
    expect(triggers).toEqual(['sales_summaries_delete', 'sales_summaries_insert', 'sales_summaries_update']);
    const customerId = (stored.spans[0] as { customer_id: number }).customer_id;
    b.call('sales.record', { customerId, productId: 1, quantity: 1, paid: true, date: '2026-11-22' });
    expectSummariesTrue(b);
  });
});
