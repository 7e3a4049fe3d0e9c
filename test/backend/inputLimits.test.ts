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
import { waitForJob } from './dataHelpers.ts';
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

/** The problems an import preview finds in a CSV of `lines`. */
async function importProblems(lines: string[]) {
  const file = join(b.dataDir, 'sheet.csv');
  writeFileSync(file, [...lines, ''].join('\n'));
  const { jobId } = b.call('data.startImportPreview', { file });
  return (await waitForJob<ImportStatus>(b, 'data.importStatus', jobId)).preview?.problems;
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
    for (const date of outside)
      refused('sales.correct', { id: sale.id, draft: { productId: riceId, quantity: 5, paid: true, date } }, ['draft', 'date'], 'date_out_of_range');
  });

  it('a call-list action, a payment and a collection call', () => {
    for (const date of outside) {
      refused('callList.act', { customerId, productId: riceId, action: 'snooze', date }, ['date'], 'date_out_of_range');
      refused('callList.act', { customerId, productId: riceId, action: 'called', outcome: 'deliver', date }, ['date'], 'date_out_of_range');
      refused('credit.recordPayment', { customerId, amountFen: 100, method: 'cash', date }, ['date'], 'date_out_of_range');
      refused('credit.act', { customerId, action: 'called', outcome: 'will_pay', date }, ['date'], 'date_out_of_range');
    }
    expect(b.call('callList.act', { customerId, productId: riceId, action: 'snooze', date: '2027-11-22' }).followUp).toBe('2027-11-22');
  });

  it('an imported sale', async () => {
    const lines = [
      '姓名,手机,商品,数量,日期',
      '王秀英,13812345601,大米,10,2062-03-01',
      '李建国,13812345602,大米,10,0100/01/15',
      '张伟,13812345603,大米,10,2026-11-01',
    ];
    expect(await importProblems(lines)).toEqual([
      { line: 2, name: '王秀英', field: 'date', issue: 'date_out_of_range', value: '2062-03-01' },
      { line: 3, name: '李建国', field: 'date', issue: 'date_out_of_range', value: '0100/01/15' },
    ]);
  });
});

describe('text is refused when it is only invisible characters, or holds control or bidi characters', () => {
  const invisible = ['\u200B', '\u200B\u200C\u200D', '\u2060\uFEFF', '\u3164', '\u00AD', ' \u200B '];
  const controls = ['张\u0000三', '张三\u202E', '\u202Eabc', '张\u2066三\u2069', '张\u200F三', '张\u0007三', '张\uD800三'];
  const cases: [string, string][] = [
    ...invisible.map((t): [string, string] => [t, 'text_invisible']),
    ...controls.map((t): [string, string] => [t, 'text_control_chars']),
  ];

  it('in a customer: name, address, area, tags, notes', () => {
    for (const [bad, issue] of cases) {
      for (const field of ['name', 'address', 'area', 'notes'] as const) {
        refused('customers.create', { draft: draft({ phones: [], [field]: bad }) }, ['draft', field], issue);
      }
      refused('customers.create', { draft: draft({ phones: [], tags: ['好客', bad] }) }, ['draft', 'tags', 1], issue);
    }
  });

  it('in a product name, the shop name and a note', () => {
    const { id: _id, archivedAt: _archived, learned: _learned, ...product } = b.call('products.list', {}).find((p) => p.id === riceId)!;
    for (const [bad, issue] of cases) {
      refused('products.create', { draft: { ...product, name: bad } }, ['draft', 'name'], issue);
      refused('shop.updateSettings', { shopName: bad }, ['shopName'], issue);
      refused('credit.recordPayment', { customerId, amountFen: 100, method: 'cash', note: bad }, ['note'], issue);
    }
    expect(b.call('shop.updateSettings', { shopName: '老王粮油' }).shopName).toBe('老王粮油');
  });

  it('keeps what is visible: emoji sequences, newlines in notes, Chinese and English', () => {
    const kept = b.call('customers.create', { draft: draft({ phones: [], name: '王❤️👨‍👩‍👧', notes: '第一行\n第二行\t', tags: ['VIP'] }) });
    expect(kept).toMatchObject({ name: '王❤️👨‍👩‍👧', notes: '第一行\n第二行', tags: ['VIP'] });
  });

  it('search text with NUL or control characters is searched without them', () => {
    expect(b.call('customers.search', { query: 'zsf\u0000' }).items.map((c) => c.id)).toEqual([customerId]);
    expect(b.call('customers.search', { query: '\u0000' }).items.map((c) => c.id)).toEqual([customerId]);
    expect(b.call('customers.search', { query: '张\u202E三' }).items.map((c) => c.id)).toEqual([customerId]);
  });
});

describe('money and lists are bounded', () => {
  const priceRice = (priceFen: number) => {
    const { id: _id, archivedAt: _archived, learned: _learned, ...rice } = b.call('products.list', {}).find((p) => p.id === riceId)!;
    b.call('products.update', { id: riceId, draft: { ...rice, priceFen } });
  };

  it('a sale whose quantity × price passes the money limit is refused', () => {
    refused('sales.record', { customerId, productId: riceId, quantity: 100_000, unitPriceFen: MAX_FEN, paid: false }, ['quantity'], 'amount_too_big');
    refused('sales.record', { customerId, productId: riceId, quantity: 2, unitPriceFen: MAX_FEN / 2 + 1, paid: true }, ['quantity'], 'amount_too_big');
    const sale = b.call('sales.record', { customerId, productId: riceId, quantity: 2, unitPriceFen: MAX_FEN / 2, paid: true });
    expect(sale.amountFen).toBe(MAX_FEN);
    refused(
      'sales.correct',
      { id: sale.id, draft: { productId: riceId, quantity: 3, unitPriceFen: MAX_FEN / 2, paid: true } },
      ['draft', 'quantity'],
      'amount_too_big',
    );
    // the product's own price, too
    priceRice(MAX_FEN);
    refused('sales.record', { customerId, productId: riceId, quantity: 1.5, paid: true }, ['quantity'], 'amount_too_big');
  });

  it('an imported sale whose amount passes the money limit is a problem of its row', async () => {
    priceRice(MAX_FEN / 10);
    const lines = [
      '姓名,手机,商品,数量,金额,日期',
      '王秀英,13812345601,大米,100000,,2026-11-01',
      '李建国,13812345602,大米,1,200000000,2026-11-01',
      '张伟,13812345603,大米,10,,2026-11-01',
    ];
    expect(await importProblems(lines)).toEqual([
      { line: 2, name: '王秀英', field: 'quantity', issue: 'amount_too_big', value: '100000' },
      { line: 3, name: '李建国', field: 'amount', issue: 'amount_too_big', value: '200000000' },
    ]);
  });

  it('a list in a call is bounded, and an error answer stays small however big the request', () => {
    const many = (value: string) => Array.from({ length: 100_000 }, () => value);
    for (const input of [{ tables: many('nope') }, { tables: many('sales') }, { formats: many('pdf') }, { formats: many('csv') }]) {
      const answer = b.callRaw('data.startExport', { folder: b.dataDir, ...input });
      expect(answer.ok).toBe(false);
      expect(JSON.stringify(answer).length).toBeLessThan(10_000);
    }
    expect(b.callError('data.startExport', { folder: b.dataDir, tables: many('sales') }).issues).toContainEqual(
      expect.objectContaining({ path: ['tables'], issue: 'too_big' }),
    );
    const phones = b.callRaw('customers.create', { draft: draft({ tags: many('\u0000') }) });
    expect(JSON.stringify(phones).length).toBeLessThan(10_000);
  });
});

it('every issue these doors answer with is said in both languages', () => {
  for (const issue of ['date_out_of_range', 'text_invisible', 'text_control_chars', 'amount_too_big']) {
    expect(zhCN.validation).toHaveProperty(issue);
    expect(en.validation).toHaveProperty(issue);
  }
});
