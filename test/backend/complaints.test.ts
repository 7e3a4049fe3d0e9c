import { afterEach, describe, expect, it } from 'vitest';
import { makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

/** A shop whose clock can move: complaints are overdue by the hour. */
function shop() {
  let now = new Date('2026-11-22T10:00:00');
  const backend = makeBackend({ now: () => now });
  backend.call('shop.startEmpty', { shopName: '测试', language: 'zh-CN' });
  const customerId = backend.call('customers.create', { draft: { name: '王芳', phones: [], adults: 2, children: 0, seniors: 0, payday: null } }).id;
  return { backend, customerId, later: (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000)) };
}

describe('complaints', () => {
  it('goes open -> handled -> closed -> followed up, with the response time and the answer', () => {
    const s = shop();
    b = s.backend;
    const c = b.call('complaints.record', { customerId: s.customerId, kind: 'late', said: '水送晚了两个小时' });
    expect(c).toMatchObject({
      customerName: '王芳',
      kind: 'late',
      date: '2026-11-22',
      status: 'open',
      overdue: false,
      responseHours: null,
      satisfied: null,
      events: [],
    });
    s.later(3.5);
    expect(b.call('complaints.step', { complaintId: c.id, action: 'handled', by: '老王', note: '道歉，送了一桶' })).toMatchObject({
      status: 'handled',
      responseHours: 3.5,
    });
    expect(b.call('complaints.step', { complaintId: c.id, action: 'closed' }).status).toBe('closed');
    const done = b.call('complaints.step', { complaintId: c.id, action: 'followed_up', satisfied: true, note: '说没问题了' });
    expect(done).toMatchObject({ status: 'closed', satisfied: true });
    expect(done.events.map((e) => [e.action, e.by, e.satisfied])).toEqual([
      ['handled', '老王', null],
      ['closed', '', null],
      ['followed_up', '', true],
    ]);
  });

  it('is overdue when nobody handled it within a day, and counts it', () => {
    const s = shop();
    b = s.backend;
    const late = b.call('complaints.record', { customerId: s.customerId, kind: 'quality', said: '米里有虫' });
    s.later(20);
    b.call('complaints.record', { customerId: s.customerId, kind: 'price', said: '比超市贵' });
    s.later(5);
    const list = b.call('complaints.list', { status: 'open' });
    expect(list.items.map((c) => [c.said, c.overdue])).toEqual([
      ['比超市贵', false],
      ['米里有虫', true],
    ]);
    expect([list.openTotal, list.overdueTotal]).toEqual([2, 1]);
    b.call('complaints.step', { complaintId: late.id, action: 'handled' });
    expect(b.call('complaints.list', {}).overdueTotal).toBe(0);
    expect(b.call('complaints.list', { status: 'handled' }).items.map((c) => c.responseHours)).toEqual([25]);
  });

  it('refuses a step that does not follow, and a follow-up without an answer, changing nothing', () => {
    const s = shop();
    b = s.backend;
    const c = b.call('complaints.record', { customerId: s.customerId, kind: 'other', said: '门口太滑' });
    expect(b.callError('complaints.step', { complaintId: c.id, action: 'followed_up', satisfied: false }).code).toBe('COMPLAINT_STEP_NOT_ALLOWED');
    expect(b.callError('complaints.step', { complaintId: c.id, action: 'closed', satisfied: true }).issues).toEqual([
      { path: ['satisfied'], issue: 'satisfied_required' },
    ]);
    expect(b.callError('complaints.step', { complaintId: 999, action: 'handled' }).code).toBe('NOT_FOUND');
    expect(b.callError('complaints.record', { customerId: 999, kind: 'late', said: 'x' }).code).toBe('NOT_FOUND');
    expect(b.callError('complaints.record', { customerId: s.customerId, kind: 'late', said: '   ' }).code).toBe('VALIDATION');
    expect(b.callError('complaints.record', { customerId: s.customerId, kind: 'late', said: 'x', date: '2062-01-01' }).code).toBe('VALIDATION');
    expect(b.call('complaints.list', {}).items).toHaveLength(1);
    expect(b.call('complaints.list', {}).items[0]!.events).toEqual([]);
  });

  it('undoes the latest step: a mistaken close reopens as it was', () => {
    const s = shop();
    b = s.backend;
    const c = b.call('complaints.record', { customerId: s.customerId, kind: 'wrong_item', said: '要的是东北米' });
    b.call('complaints.step', { complaintId: c.id, action: 'handled' });
    b.call('complaints.step', { complaintId: c.id, action: 'closed' });
    expect(b.call('complaints.undoStep', { complaintId: c.id })).toMatchObject({ status: 'handled' });
    expect(b.call('complaints.undoStep', { complaintId: c.id })).toMatchObject({ status: 'open', responseHours: null });
    expect(b.callError('complaints.undoStep', { complaintId: c.id }).code).toBe('NOT_FOUND');
  });

  it("gives the owner's home the month's complaints by kind", () => {
    const s = shop();
    b = s.backend;
    b.call('complaints.record', { customerId: s.customerId, kind: 'late', said: '晚了', date: '2026-10-05' });
    b.call('complaints.record', { customerId: s.customerId, kind: 'late', said: '又晚了' });
    b.call('complaints.record', { customerId: s.customerId, kind: 'price', said: '贵' });
    expect(b.call('owner.home', {}).complaintsByMonth).toEqual([
      { month: '2026-10', kind: 'late', count: 1 },
      { month: '2026-11', kind: 'late', count: 1 },
      { month: '2026-11', kind: 'price', count: 1 },
    ]);
  });
});
