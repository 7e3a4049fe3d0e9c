/**
 * Doors found open by an audit of malformed input (issue 15): dates outside the shop's reach, text made
 * of invisible or control characters, amounts past the money limit, unbounded lists. Each is refused
 * with a translated issue code and changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportStatus } from '../../shared/contract.ts';
import { MAX_FEN } from '../../shared/domain/money.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { waitForJob } from './backupHelpers.ts';
import { draft, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend;
let customerId: number;
let riceId: number;
beforeEach(() => {
  const shop = startedShop();
  b = shop.b;
  riceId = shop.rice.id;
  customerId = b.call('customers.create', { draft: draft() }).id;
  b.call('sales.record', { customerId, productId: riceId, quantity: 10, paid: false });
});
afterEach(() => b.dispose());

/** The call is refused as VALIDATION with `issue` at `path`, and the book is as it was. */
function refused(name: string, input: unknown, path: (string | number)[], issue: string) {
  const before = b.snapshot();
  const reminders = b.context.db.prepare('SELECT * FROM reminders ORDER BY customer_id, product_id').all();
  const error = b.callError(name, input);
  expect(error.code, JSON.stringify(error)).toBe('VALIDATION');
  expect(error.issues).toContainEqual(expect.objectContaining({ path, issue }));
  expect(b.snapshot()).toEqual(before);
  expect(b.context.db.prepare('SELECT * FROM reminders ORDER BY customer_id, product_id').all()).toEqual(reminders);
}

describe('business dates lie between 2000-01-01 and a year from today (2026-11-22 here)', () => {
  const outside = ['2062-03-01', '9999-12-31', '0100-01-15', '1999-12-31', '2027-11-23'];

  it('a sale', () => {
    for (const date of outside) refused('sales.record', { customerId, productId: riceId, quantity: 5, paid: true, date }, ['date'], 'date_out_of_range');
    expect(b.call('sales.record', { customerId, productId: riceId, quantity: 5, paid: true, date: '2000-01-01' }).date).toBe('2000-01-01');
    expect(b.call('sales.record', { customerId, productId: riceId, quantity: 5, paid: true, date: '2027-11-22' }).date).toBe('2027-11-22');
  });

  it('a corrected sale', () => {
    const sale = b.call('sales.record', { customerId, productId: riceId, quantity: 5, paid: true });
    for (const date of outside) refused('sales.correct', { id: sale.id, draft: { productId: riceId, quantity: 5, paid: true, date } }, ['draft', 'date'], 'date_out_of_range');
  });

  it('a call-list action, a payment and a collection call', () => {
    for (const date of outside) {
      refused('reminders.act', { customerId, productId: riceId, action: 'snooze', date }, ['date'], 'date_out_of_range');
      refused('reminders.act', { customerId, productId: riceId, action: 'called', outcome: 'deliver', date }, ['date'], 'date_out_of_range');
      refused('payments.record', { customerId, amountFen: 100, method: 'cash', date }, ['date'], 'date_out_of_range');
      refused('collections.act', { customerId, action: 'called', outcome: 'will_pay', date }, ['date'], 'date_out_of_range');
    }
    expect(b.call('reminders.act', { customerId, productId: riceId, action: 'snooze', date: '2027-11-22' }).followUp).toBe('2027-11-22');
  });

  it('an imported sale', async () => {
    const file = join(b.dataDir, 'sales.csv');
    writeFileSync(file, ['姓名,手机,商品,数量,日期', '王秀英,13812345601,大米,10,2062-03-01', '李建国,13812345602,大米,10,0100/01/15', '张伟,13812345603,大米,10,2026-11-01', ''].join('\n'));
    const { jobId } = b.call('import.preview', { file });
    const status = await waitForJob<ImportStatus>(b, 'import.status', jobId);
    expect(status.preview?.problems).toEqual([
      { line: 2, field: 'date', issue: 'date_out_of_range' },
      { line: 3, field: 'date', issue: 'date_out_of_range' },
    ]);
  });
});

it('every issue these doors answer with is said in both languages', () => {
  for (const issue of ['date_out_of_range']) {
    expect(zhCN.validation).toHaveProperty(issue);
    expect(en.validation).toHaveProperty(issue);
  }
});
