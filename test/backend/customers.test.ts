import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draft, makeBackend, PINNED_NOW, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

describe('customers: create, get, update, archive, restore', () => {
  it('creates a customer with every field and reads it back', () => {
    const created = b.call('customers.create', {
      draft: draft({ payday: 15, tags: ['老顾客', '送货上门'], notes: '大门密码 1234#', seniors: 1 }),
    });
    expect(created).toMatchObject({
      name: '张三丰',
      phones: ['13812345678'],
      address: '幸福小区3栋2单元501',
      area: '幸福小区',
      adults: 2,
      children: 1,
      seniors: 1,
      payday: 15,
      tags: ['老顾客', '送货上门'],
      notes: '大门密码 1234#',
      archivedAt: null,
    });
    expect(created.id).toBeGreaterThan(0);
    expect(created.createdAt).toBe(new Date(PINNED_NOW).toISOString());
    expect(created.updatedAt).toBe(created.createdAt);
    expect(b.call('customers.get', { id: created.id })).toEqual(created);
  });

  it('fills defaults for omitted optional fields', () => {
    const created = b.call('customers.create', { draft: { name: '王五', adults: 1, children: 0, seniors: 0 } });
    expect(created).toMatchObject({ phones: [], address: '', area: '', payday: null, tags: [], notes: '' });
  });

  it('trims text fields', () => {
    const created = b.call('customers.create', { draft: draft({ name: '  李四  ', address: ' 东门街 ', notes: ' x ' }) });
    expect(created).toMatchObject({ name: '李四', address: '东门街', notes: 'x' });
  });

  it("stores a month-end payday as 'end' and round-trips it", () => {
    const created = b.call('customers.create', { draft: draft({ payday: 'end' }) });
    expect(b.call('customers.get', { id: created.id }).payday).toBe('end');
    const updated = b.call('customers.update', { id: created.id, draft: draft({ payday: 31 }) });
    expect(updated.payday).toBe(31);
    expect(b.call('customers.update', { id: created.id, draft: draft({ payday: null }) }).payday).toBeNull();
  });

  it('normalises phones on save: spaces, dashes, full-width digits, +86', () => {
    const created = b.call('customers.create', {
      draft: draft({ phones: ['138 1234 5678', '+86 139-0000-1111', '（0755）１２３４５６７'] }),
    });
    expect(created.phones).toEqual(['13812345678', '13900001111', '07551234567']);
  });

  it('updates every field and the phones, keeping createdAt', () => {
    const created = b.call('customers.create', { draft: draft({ phones: ['13812345678', '13900001111'] }) });
    const later = makeBackend({ dataDir: b.dataDir, now: () => new Date('2026-11-23T09:00:00') });
    try {
      const updated = later.call('customers.update', {
        id: created.id,
        draft: {
          name: '张君宝',
          phones: ['13700002222'],
          address: '老街5号',
          area: '老街',
          adults: 1,
          children: 0,
          seniors: 2,
          payday: 'end',
          tags: ['只收现金'],
          notes: '改过',
        },
      });
      expect(updated).toMatchObject({
        id: created.id,
        name: '张君宝',
        phones: ['13700002222'],
        adults: 1,
        seniors: 2,
        area: '老街',
        createdAt: created.createdAt,
      });
      expect(updated.updatedAt).toBe(new Date('2026-11-23T09:00:00').toISOString());
      expect(later.count('customer_phones')).toBe(1);
    } finally {
      later.close();
    }
  });

  it('archives and restores, keeping the customer', () => {
    const created = b.call('customers.create', { draft: draft() });
    const archived = b.call('customers.archive', { id: created.id });
    expect(archived.archivedAt).toBe(new Date(PINNED_NOW).toISOString());
    expect(b.call('customers.get', { id: created.id }).archivedAt).toBe(archived.archivedAt);
    // archiving twice is harmless and keeps the first time
    expect(b.call('customers.archive', { id: created.id }).archivedAt).toBe(archived.archivedAt);
    const restored = b.call('customers.restore', { id: created.id });
    expect(restored.archivedAt).toBeNull();
    expect(restored.name).toBe('张三丰');
    expect(b.count('customers')).toBe(1);
  });

  it('NOT_FOUND for an unknown id on get, update, archive and restore; nothing written', () => {
    b.call('customers.create', { draft: draft() });
    const before = b.snapshot();
    for (const [name, input] of [
      ['customers.get', { id: 999 }],
      ['customers.update', { id: 999, draft: draft({ phones: [] }) }],
      ['customers.archive', { id: 999 }],
      ['customers.restore', { id: 999 }],
    ] as const) {
      const error = b.callError(name, input);
      expect(error.code).toBe('NOT_FOUND');
      expect(error.details).toEqual({ entity: 'customer', id: 999 });
    }
    expect(b.snapshot()).toEqual(before);
  });
});

describe('customers: duplicate phones', () => {
  it('refuses a phone another customer has, with the existing customer in details, and writes nothing', () => {
    const first = b.call('customers.create', { draft: draft() });
    const before = b.snapshot();
    const error = b.callError('customers.create', { draft: draft({ name: '李四', phones: ['138-1234-5678'] }) });
    expect(error.code).toBe('DUPLICATE_PHONE');
    expect(error.details).toEqual({ existing: [{ id: first.id, name: '张三丰', phone: '13812345678', archived: false }] });
    expect(b.snapshot()).toEqual(before);
  });

  it('also sees archived customers as holders of the phone', () => {
    const first = b.call('customers.create', { draft: draft() });
    b.call('customers.archive', { id: first.id });
    const error = b.callError('customers.create', { draft: draft({ name: '李四' }) });
    expect(error.code).toBe('DUPLICATE_PHONE');
    expect(error.details).toEqual({ existing: [{ id: first.id, name: '张三丰', phone: '13812345678', archived: true }] });
  });

  it('creates anyway with allowDuplicatePhone', () => {
    b.call('customers.create', { draft: draft() });
    const second = b.call('customers.create', { draft: draft({ name: '张三丰的儿子' }), allowDuplicatePhone: true });
    expect(second.phones).toEqual(['13812345678']);
    expect(b.count('customers')).toBe(2);
    expect(b.call('customers.findByPhone', { phones: ['13812345678'] }).map((m) => m.id)).toHaveLength(2);
  });

  it('an update may keep its own phone, but not take another customer’s', () => {
    const a = b.call('customers.create', { draft: draft() });
    b.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'] }) });
    expect(b.call('customers.update', { id: a.id, draft: draft({ notes: 'same phone' }) }).notes).toBe('same phone');
    const before = b.snapshot();
    const error = b.callError('customers.update', { id: a.id, draft: draft({ phones: ['13900001111'] }) });
    expect(error.code).toBe('DUPLICATE_PHONE');
    expect(b.snapshot()).toEqual(before);
    expect(b.call('customers.get', { id: a.id }).phones).toEqual(['13812345678']);
  });

  it('refuses the same phone twice in one draft, however it is written', () => {
    const error = b.callError('customers.create', { draft: draft({ phones: ['13812345678', '138 1234 5678'] }) });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toContainEqual({ path: ['draft', 'phones'], issue: 'phone_repeated' });
    expect(b.count('customers')).toBe(0);
  });

  it('findByPhone normalises what it is given and can exclude the customer being edited', () => {
    const a = b.call('customers.create', { draft: draft() });
    expect(b.call('customers.findByPhone', { phones: ['+86 138 1234 5678'] })).toEqual([{ id: a.id, name: '张三丰', phone: '13812345678', archived: false }]);
    expect(b.call('customers.findByPhone', { phones: ['13812345678'], excludeId: a.id })).toEqual([]);
    expect(b.call('customers.findByPhone', { phones: ['123', ''] })).toEqual([]);
  });
});

describe('customers: validation at the gate (nothing written)', () => {
  function expectRejected(input: unknown, check: (issues: { path: (string | number)[]; issue: string; limit?: unknown }[]) => void, name = 'customers.create') {
    const before = b.snapshot();
    const error = b.callError(name, input);
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.length).toBeGreaterThan(0);
    check(error.issues!);
    expect(b.snapshot()).toEqual(before);
  }

  it('a household of 0 people', () => {
    expectRejected({ draft: draft({ adults: 0, children: 0, seniors: 0 }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'adults'], issue: 'household_empty' }),
    );
  });

  it('31 adults (limit 30)', () => {
    expectRejected({ draft: draft({ adults: 31 }) }, (issues) => expect(issues).toContainEqual({ path: ['draft', 'adults'], issue: 'too_big', limit: 30 }));
  });

  it('30 of each is allowed', () => {
    expect(b.call('customers.create', { draft: draft({ adults: 30, children: 30, seniors: 30 }) }).adults).toBe(30);
  });

  it('negative children', () => {
    expectRejected({ draft: draft({ children: -1 }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'children'], issue: 'too_small', limit: 0 }),
    );
  });

  it('fractional seniors', () => {
    expectRejected({ draft: draft({ seniors: 1.5 }) }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['draft', 'seniors']));
  });

  it('NaN and Infinity people', () => {
    expectRejected({ draft: draft({ adults: Number.NaN }) }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['draft', 'adults']));
    expectRejected({ draft: draft({ adults: Number.POSITIVE_INFINITY }) }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['draft', 'adults']));
  });

  it('a name of 41 characters; 40 is fine', () => {
    expectRejected({ draft: draft({ name: '张'.repeat(41) }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'name'], issue: 'too_big', limit: 40 }),
    );
    expect(b.call('customers.create', { draft: draft({ name: '张'.repeat(40) }) }).name).toHaveLength(40);
  });

  it('an empty or blank name', () => {
    expectRejected({ draft: draft({ name: '' }) }, (issues) => expect(issues).toContainEqual({ path: ['draft', 'name'], issue: 'too_small', limit: 1 }));
    expectRejected({ draft: draft({ name: '   ' }) }, (issues) => expect(issues).toContainEqual({ path: ['draft', 'name'], issue: 'too_small', limit: 1 }));
  });

  it('notes of 2001 characters; 2000 is fine', () => {
    expectRejected({ draft: draft({ notes: 'x'.repeat(2001) }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'notes'], issue: 'too_big', limit: 2000 }),
    );
    expect(b.call('customers.create', { draft: draft({ notes: 'x'.repeat(2000) }) }).notes).toHaveLength(2000);
  });

  it('an address of 201 characters, a tag of 21, 21 tags', () => {
    expectRejected({ draft: draft({ address: 'a'.repeat(201) }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'address'], issue: 'too_big', limit: 200 }),
    );
    expectRejected({ draft: draft({ tags: ['t'.repeat(21)] }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'tags', 0], issue: 'too_big', limit: 20 }),
    );
    expectRejected({ draft: draft({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'tags'], issue: 'too_big', limit: 20 }),
    );
  });

  it('4 phones (limit 3)', () => {
    expectRejected({ draft: draft({ phones: ['13800000001', '13800000002', '13800000003', '13800000004'] }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'phones'], issue: 'too_big', limit: 3 }),
    );
  });

  it('an invalid phone, and one over 30 characters', () => {
    expectRejected({ draft: draft({ phones: ['call me'] }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'phones', 0], issue: 'phone_invalid' }),
    );
    expectRejected({ draft: draft({ phones: ['1234'] }) }, (issues) => expect(issues).toContainEqual({ path: ['draft', 'phones', 0], issue: 'phone_invalid' }));
    expectRejected({ draft: draft({ phones: [`138${' '.repeat(30)}12345678`] }) }, (issues) =>
      expect(issues.map((i) => i.path)).toContainEqual(['draft', 'phones', 0]),
    );
  });

  it('a payday of 0 or 32', () => {
    expectRejected({ draft: draft({ payday: 0 }) }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['draft', 'payday']));
    expectRejected({ draft: draft({ payday: 32 }) }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['draft', 'payday']));
  });

  it('wrong types: a string for adults', () => {
    expectRejected({ draft: draft({ adults: '2' as unknown as number }) }, (issues) =>
      expect(issues).toContainEqual({ path: ['draft', 'adults'], issue: 'invalid_type' }),
    );
  });

  it('a missing draft', () => {
    expectRejected({}, (issues) => expect(issues).toContainEqual({ path: ['draft'], issue: 'invalid_type' }));
    expectRejected(undefined, (issues) => expect(issues).toContainEqual({ path: ['draft'], issue: 'invalid_type' }));
    expectRejected(null, (issues) => expect(issues).toContainEqual({ path: ['draft'], issue: 'invalid_type' }));
  });

  it('an input that is not an object at all', () => {
    for (const input of ['x', 42, [], true]) expectRejected(input, (issues) => expect(issues[0]!.issue).toBe('invalid_type'));
  });

  it('extra unknown keys, in the input and in the draft', () => {
    expectRejected({ draft: draft(), sneaky: 1 }, (issues) => expect(issues).toContainEqual(expect.objectContaining({ issue: 'unrecognized_keys' })));
    expectRejected({ draft: { ...draft(), id: 5 } }, (issues) =>
      expect(issues).toContainEqual(expect.objectContaining({ path: ['draft'], issue: 'unrecognized_keys' })),
    );
    expectRejected({ draft: { ...draft(), archivedAt: '2020-01-01' } }, (issues) => expect(issues[0]!.issue).toBe('unrecognized_keys'));
  });

  it('a prototype-polluting key is just an unknown key', () => {
    const input = JSON.parse(`{"draft": ${JSON.stringify(draft())}, "__proto__": {"polluted": true}}`) as unknown;
    const before = b.snapshot();
    const result = b.callRaw('customers.create', input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    else expect(b.count('customers')).toBe(before.customers! + 1);
  });

  it('an update with an invalid draft leaves the customer as it was', () => {
    const created = b.call('customers.create', { draft: draft() });
    expectRejected({ id: created.id, draft: draft({ adults: 31 }) }, () => {}, 'customers.update');
    expectRejected({ id: 0, draft: draft() }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['id']), 'customers.update');
    expectRejected({ id: '1', draft: draft() }, (issues) => expect(issues.map((i) => i.path)).toContainEqual(['id']), 'customers.update');
    expect(b.call('customers.get', { id: created.id })).toEqual(created);
  });

  it('unknown call names get UNKNOWN_CALL', () => {
    for (const name of ['customers.delete', '', 'toString', '__proto__', 'constructor', 'db.exec']) {
      const result = b.callRaw(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    const nonString = b.dispatch(42, {});
    expect(nonString).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });
});
