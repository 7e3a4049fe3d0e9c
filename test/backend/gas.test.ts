import { afterEach, describe, expect, it } from 'vitest';
import type { CylinderDraftInput } from '../../shared/contract.ts';
import { draft, movableClock, startedShop, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

/** A gas shop on 2026-11-22 (clock movable) with two households, one of them without a phone. */
function gasShop() {
  const clock = movableClock();
  const shop = startedShop({ now: clock.now });
  b = shop.b;
  const gas = shop.b.call('products.list', {}).find((p) => p.unit === 'cylinder')!;
  const wang = shop.b.call('customers.create', { draft: draft({ name: '王芳', phones: ['13812345678'] }) }).id;
  const li = shop.b.call('customers.create', { draft: draft({ name: '李四', phones: [] }) }).id;
  return { b: shop.b, clock, gas, rice: shop.rice, wang, li };
}

const cylinder = (overrides: Partial<CylinderDraftInput> = {}): CylinderDraftInput => ({
  serial: 'LPG-0001',
  sizeKg: 15,
  fillDate: '2026-11-01',
  lastInspectionDate: '2024-03-01',
  nextInspectionDate: '2028-03-01',
  scrapDate: '2032-05-01',
  ...overrides,
});

/** Every row of the register's tables: a refused call must leave them all as they were. */
function gasRows(t: TestBackend) {
  return ['gas_cylinders', 'gas_cylinder_events', 'gas_checks', 'gas_hold_overrides'].map((table) => t.count(table));
}

describe('the cylinder register', () => {
  it('registers a cylinder, finds it by serial in any case, and edits its dates', () => {
    const s = gasShop();
    const c = s.b.call('gas.register', { draft: cylinder({ serial: 'https://qr.example/LPG-0001' }) });
    expect(c).toMatchObject({ serial: 'https://qr.example/LPG-0001', sizeKg: 15, holder: null, dues: [], note: '' });
    s.b.call('gas.register', { draft: cylinder({ serial: 'B-77', sizeKg: 50 }) });
    expect(s.b.call('gas.list', { query: 'lpg-0001' }).items.map((x) => x.serial)).toEqual(['https://qr.example/LPG-0001']);
    expect(s.b.call('gas.list', {}).total).toBe(2);
    const edited = s.b.call('gas.update', {
      id: c.id,
      draft: cylinder({ serial: c.serial, lastInspectionDate: '2026-11-20', nextInspectionDate: '2030-11-20' }),
    });
    expect(edited).toMatchObject({ lastInspectionDate: '2026-11-20', nextInspectionDate: '2030-11-20' });
  });

  it('refuses a taken serial, a scrap date before the fill date, a date in 2062, a future fill; nothing changes', () => {
    const s = gasShop();
    const c = s.b.call('gas.register', { draft: cylinder() });
    const before = gasRows(s.b);
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: 'lpg-0001' }) }).code).toBe('CYLINDER_SERIAL_TAKEN');
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: 'X', scrapDate: '2026-10-01' }) }).issues).toEqual([
      { path: ['draft', 'scrapDate'], issue: 'scrap_before_fill' },
    ]);
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: 'X', scrapDate: '2062-01-01' }) }).issues).toEqual([
      { path: ['draft', 'scrapDate'], issue: 'date_too_far', limit: 20 },
    ]);
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: 'X', nextInspectionDate: '2062-01-01' }) }).issues).toEqual([
      { path: ['draft', 'nextInspectionDate'], issue: 'date_too_far', limit: 5 },
    ]);
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: 'X', fillDate: '2026-12-01' }) }).issues).toEqual([
      { path: ['draft', 'fillDate'], issue: 'date_in_future' },
    ]);
    expect(s.b.callError('gas.register', { draft: cylinder({ serial: '   ' }) }).code).toBe('VALIDATION');
    expect(s.b.callError('gas.update', { id: c.id, draft: cylinder({ scrapDate: '2020-01-01' }) }).code).toBe('VALIDATION');
    expect(gasRows(s.b)).toEqual(before);
    expect(s.b.call('gas.list', {}).items).toEqual([c]);
  });
});

describe('who holds which cylinder', () => {
  it("derives the holder from the issued and returned events, and lists a household's cylinders", () => {
    const s = gasShop();
    s.b.call('gas.register', { draft: cylinder() });
    s.b.call('gas.register', { draft: cylinder({ serial: 'LPG-0002' }) });
    expect(s.b.call('gas.issue', { serial: 'LPG-0001', customerId: s.wang, date: '2026-11-20' }).holder).toEqual({
      customerId: s.wang,
      name: '王芳',
      phone: '13812345678',
      since: '2026-11-20',
    });
    s.b.call('gas.issue', { serial: 'lpg-0002', customerId: s.wang });
    expect(s.b.call('gas.forCustomer', { customerId: s.wang }).cylinders.map((c) => c.serial)).toEqual(['LPG-0001', 'LPG-0002']);

    expect(s.b.call('gas.return', { serial: 'LPG-0001' }).holder).toBeNull();
    // The same cylinder goes out again, to another household: the events stay, the holder follows the latest.
    expect(s.b.call('gas.issue', { serial: 'LPG-0001', customerId: s.li }).holder?.name).toBe('李四');
    expect(s.b.call('gas.forCustomer', { customerId: s.wang }).cylinders.map((c) => c.serial)).toEqual(['LPG-0002']);
    expect(s.b.call('gas.forCustomer', { customerId: s.li }).cylinders.map((c) => c.serial)).toEqual(['LPG-0001']);
    expect(s.b.count('gas_cylinder_events')).toBe(4);
  });

  it('refuses an unknown serial, issuing a held cylinder, returning one in the shop, an out-of-date one, a bad date', () => {
    const s = gasShop();
    s.b.call('gas.register', { draft: cylinder() });
    s.b.call('gas.register', { draft: cylinder({ serial: 'OLD', fillDate: null, lastInspectionDate: null, nextInspectionDate: '2026-11-01' }) });
    s.b.call('gas.issue', { serial: 'LPG-0001', customerId: s.wang, date: '2026-11-10' });
    const before = gasRows(s.b);
    expect(s.b.callError('gas.issue', { serial: 'NOPE', customerId: s.wang }).code).toBe('CYLINDER_UNKNOWN');
    expect(s.b.callError('gas.return', { serial: 'NOPE' }).code).toBe('CYLINDER_UNKNOWN');
    expect(s.b.callError('gas.issue', { serial: 'LPG-0001', customerId: s.li })).toMatchObject({
      code: 'CYLINDER_ALREADY_HELD',
      details: { customerId: s.wang },
    });
    expect(s.b.callError('gas.return', { serial: 'OLD' }).code).toBe('CYLINDER_NOT_HELD');
    expect(s.b.callError('gas.issue', { serial: 'OLD', customerId: s.li })).toMatchObject({ code: 'CYLINDER_OUT_OF_DATE', details: { kind: 'inspection' } });
    expect(s.b.callError('gas.issue', { serial: 'OLD', customerId: 999 }).code).toBe('NOT_FOUND');
    expect(s.b.callError('gas.return', { serial: 'LPG-0001', date: '2062-01-01' }).code).toBe('VALIDATION');
    expect(s.b.callError('gas.return', { serial: 'LPG-0001', date: '2026-11-09' }).issues).toEqual([{ path: ['date'], issue: 'date_before_last_movement' }]);
    expect(gasRows(s.b)).toEqual(before);
    expect(s.b.call('gas.list', { query: 'LPG' }).items[0]!.holder?.customerId).toBe(s.wang);
  });
});

describe('notices on Today', () => {
  it('lists a held cylinder from 30 days before its inspection or scrap date, soonest first', () => {
    const s = gasShop();
    // Inspection due on 2026-12-22: 30 days after the pinned today.
    s.b.call('gas.register', { draft: cylinder({ serial: 'DUE', nextInspectionDate: '2026-12-22' }) });
    s.b.call('gas.register', { draft: cylinder({ serial: 'LATER', nextInspectionDate: '2026-12-23' }) });
    s.b.call('gas.register', { draft: cylinder({ serial: 'SCRAP', scrapDate: '2026-12-10', fillDate: '2026-11-01' }) });
    s.b.call('gas.register', { draft: cylinder({ serial: 'IN-SHOP', nextInspectionDate: '2026-12-01' }) });
    for (const serial of ['DUE', 'LATER', 'SCRAP']) s.b.call('gas.issue', { serial, customerId: s.wang });

    expect(s.b.call('gas.notices', {}).items.map((n) => [n.serial, n.kind, n.date, n.days, n.holder.name])).toEqual([
      ['SCRAP', 'scrap', '2026-12-10', 18, '王芳'],
      ['DUE', 'inspection', '2026-12-22', 30, '王芳'],
    ]);
    // The shop's own due cylinder is no notice (nobody to tell) but shows under "due soon".
    expect(s.b.call('gas.list', { dueSoon: true }).items.map((c) => c.serial)).toEqual(['IN-SHOP', 'SCRAP', 'DUE']);

    s.clock.setToday('2026-11-23');
    expect(s.b.call('gas.notices', {}).items.map((n) => [n.serial, n.days])).toEqual([
      ['SCRAP', 17],
      ['DUE', 29],
      ['LATER', 30],
    ]);
    // Returned, it is no longer the household's to be told of.
    s.b.call('gas.return', { serial: 'SCRAP' });
    expect(s.b.call('gas.notices', {}).items.map((n) => n.serial)).toEqual(['DUE', 'LATER']);
  });
});

describe('home safety checks and the supply hold', () => {
  it('holds the supply after a refused check, lifts it after a pass, and logs a sale made despite it', () => {
    const s = gasShop();
    expect(s.b.call('gas.holdFor', { customerId: s.wang })).toEqual({ hold: null, missingPhone: false });
    expect(s.b.call('gas.holdFor', { customerId: s.li })).toEqual({ hold: null, missingPhone: true });

    const refused = s.b.call('gas.recordCheck', { customerId: s.wang, result: 'refused', by: '小张', note: '不让进门' });
    expect(refused).toMatchObject({ date: '2026-11-22', items: [], result: 'refused', nextDue: '2026-12-22', by: '小张' });
    expect(s.b.call('gas.holdFor', { customerId: s.wang }).hold).toEqual({ reason: 'refused', checkId: refused.id, checkDate: '2026-11-22' });

    const sale = s.b.call('sales.record', { customerId: s.wang, productId: s.gas.id, quantity: 1, paid: true });
    const logged = s.b.call('gas.overrideHold', { customerId: s.wang, saleId: sale.id, reason: '老人做饭急用' });
    expect(logged).toMatchObject({ saleId: sale.id, holdReason: 'refused', reason: '老人做饭急用' });
    expect(s.b.call('gas.forCustomer', { customerId: s.wang }).overrides).toEqual([logged]);

    const pass = s.b.call('gas.recordCheck', { customerId: s.wang, result: 'pass', items: ['hose', 'valve', 'hose'], date: '2026-11-22' });
    expect(pass).toMatchObject({ items: ['hose', 'valve'], nextDue: '2027-11-22' });
    expect(s.b.call('gas.holdFor', { customerId: s.wang }).hold).toBeNull();
    const checks = s.b.call('gas.forCustomer', { customerId: s.wang });
    expect(checks.checks.map((c) => c.result)).toEqual(['pass', 'refused']);
    expect(checks.hold).toBeNull();
  });

  it('holds after a failed check, judged by the latest check date, not the order typed', () => {
    const s = gasShop();
    s.b.call('gas.recordCheck', { customerId: s.wang, result: 'fail', date: '2026-11-20', items: ['hose'] });
    // A pass from last year typed in afterwards does not lift this month's failure.
    s.b.call('gas.recordCheck', { customerId: s.wang, result: 'pass', date: '2025-11-20', nextDue: '2026-11-20' });
    expect(s.b.call('gas.holdFor', { customerId: s.wang }).hold).toMatchObject({ reason: 'failed', checkDate: '2026-11-20' });
  });

  it("refuses an override without a hold, of another household's or a non-gas sale, and bad check dates; nothing changes", () => {
    const s = gasShop();
    const gasSale = s.b.call('sales.record', { customerId: s.wang, productId: s.gas.id, quantity: 1, paid: true });
    const riceSale = s.b.call('sales.record', { customerId: s.wang, productId: s.rice.id, quantity: 5, paid: true });
    expect(s.b.callError('gas.overrideHold', { customerId: s.wang, saleId: gasSale.id, reason: '急用' }).code).toBe('GAS_NO_HOLD');
    s.b.call('gas.recordCheck', { customerId: s.wang, result: 'refused' });
    const before = gasRows(s.b);
    expect(s.b.callError('gas.overrideHold', { customerId: s.wang, saleId: riceSale.id, reason: '急用' }).code).toBe('NOT_FOUND');
    expect(s.b.callError('gas.overrideHold', { customerId: s.li, saleId: gasSale.id, reason: '急用' }).code).toBe('NOT_FOUND');
    expect(s.b.callError('gas.overrideHold', { customerId: s.wang, saleId: gasSale.id, reason: '  ' }).code).toBe('VALIDATION');
    expect(s.b.callError('gas.recordCheck', { customerId: s.wang, result: 'pass', date: '2062-01-01' }).issues).toEqual([
      { path: ['date'], issue: 'date_in_future' },
    ]);
    expect(s.b.callError('gas.recordCheck', { customerId: s.wang, result: 'pass', nextDue: '2062-01-01' }).code).toBe('VALIDATION');
    expect(s.b.callError('gas.recordCheck', { customerId: s.wang, result: 'pass', nextDue: '2026-11-01' }).issues).toEqual([
      { path: ['nextDue'], issue: 'next_due_before_check' },
    ]);
    expect(s.b.callError('gas.recordCheck', { customerId: 999, result: 'pass' }).code).toBe('NOT_FOUND');
    expect(s.b.callError('gas.recordCheck', { customerId: s.wang, result: 'maybe' }).code).toBe('VALIDATION');
    expect(gasRows(s.b)).toEqual(before);
  });
});
