import { afterEach, describe, expect, it } from 'vitest';
import { draft, makeBackend, type TestBackend } from './helpers.ts';

/** The desktop app and the browser shell may have the same book open at once (WAL + busy_timeout). */
describe('two backends on one book', () => {
  const open: TestBackend[] = [];
  afterEach(() => {
    // close every connection first, then remove the folder once
    const all = open.splice(0);
    for (const b of all) b.close();
    all[all.length - 1]?.dispose();
  });

  it('sees each other’s writes, including the search index', () => {
    const desktop = makeBackend();
    const browser = makeBackend({ dataDir: desktop.dataDir });
    open.push(browser, desktop);
    desktop.call('shop.startEmpty', { language: 'zh-CN' });
    const c = desktop.call('customers.create', { draft: draft() });
    expect(browser.call('customers.search', { query: 'zsf' }).items.map((x) => x.id)).toEqual([c.id]);
    const sale = browser.call('sales.record', { customerId: c.id, productId: 1, quantity: 10, paid: false });
    expect(desktop.call('sales.listForCustomer', { customerId: c.id })).toEqual([sale]);
    // a duplicate phone is caught across the two
    expect(browser.callError('customers.create', { draft: draft({ name: '李四' }) }).code).toBe('DUPLICATE_PHONE');
    expect(browser.call('shop.info', {}).customerCount).toBe(1);
  });
});
