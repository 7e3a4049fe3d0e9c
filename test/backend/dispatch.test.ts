import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../electron/backend/backend.ts';
import { createDispatch, type Handlers } from '../../electron/backend/dispatch.ts';
import { callNames, contract } from '../../shared/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { draft, makeBackend, type TestBackend } from './helpers.ts';

let b: TestBackend;
beforeEach(() => {
  b = makeBackend();
});
afterEach(() => b.dispose());

function handlersWith(overrides: Partial<Handlers>): Handlers {
  return { ...createHandlers(b.services), ...overrides } as Handlers;
}

describe('dispatch', () => {
  it('has a handler for every call in the contract', () => {
    expect(Object.keys(createHandlers(b.services)).sort()).toEqual([...callNames].sort());
  });

  it('turns an exception inside a handler into INTERNAL, without throwing', () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatch(
      handlersWith({
        'shop.info': () => {
          throw new Error('disk on fire');
        },
      }),
      { onInternalError },
    );
    let result: ReturnType<typeof dispatch> | undefined;
    expect(() => {
      result = dispatch('shop.info', {});
    }).not.toThrow();
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(onInternalError).toHaveBeenCalledTimes(1);
    expect(onInternalError.mock.calls[0]![0]).toBe('shop.info');
    expect((onInternalError.mock.calls[0]![1] as Error).message).toBe('disk on fire');
  });

  it('turns a thrown non-Error into INTERNAL too', () => {
    const dispatch = createDispatch(
      handlersWith({
        'shop.info': () => {
          throw 'just a string';
        },
      }),
    );
    expect(dispatch('shop.info', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'just a string' } });
  });

  it('passes an AppError through with its code, issues and details (not reported as internal)', () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatch(
      handlersWith({
        'customers.get': () => {
          throw new AppError('NOT_FOUND', 'gone', { details: { id: 1 } });
        },
      }),
      { onInternalError },
    );
    expect(dispatch('customers.get', { id: 1 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone', details: { id: 1 } } });
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('with validateOutput, an output that drifts from the contract is INTERNAL', () => {
    const drifting = handlersWith({ 'shop.info': () => ({ version: 1 }) as never });
    expect(createDispatch(drifting, { validateOutput: true })('shop.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(createDispatch(drifting)('shop.info', {})).toEqual({ ok: true, data: { version: 1 } });
  });

  it('a real failure below the service (the database closed) is INTERNAL and does not throw', () => {
    b.close();
    let result: unknown;
    expect(() => {
      result = b.dispatch('customers.create', { draft: draft() });
    }).not.toThrow();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('the handler receives the parsed input (defaults filled, text trimmed, phones normalised)', () => {
    const seen: unknown[] = [];
    const dispatch = createDispatch(
      handlersWith({
        'customers.create': (input) => {
          seen.push(input);
          return b.services.customers.create(input.draft, input.allowDuplicatePhone);
        },
      }),
    );
    dispatch('customers.create', { draft: { name: ' 王五 ', phones: ['138-1234-5678'], adults: 1, children: 0, seniors: 0 } });
    expect(seen).toEqual([
      {
        draft: {
          name: '王五',
          phones: ['13812345678'],
          address: '',
          area: '',
          adults: 1,
          children: 0,
          seniors: 0,
          payday: null,
          tags: [],
          notes: '',
          creditLimitFen: null,
        },
        allowDuplicatePhone: false,
      },
    ]);
  });

  it('does not run the handler when the input is invalid', () => {
    const handler = vi.fn();
    const dispatch = createDispatch(handlersWith({ 'customers.get': handler }));
    expect(dispatch('customers.get', { id: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['id'], issue: 'too_small', limit: 0 }] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('never throws, even for an input whose properties throw when read', () => {
    const hostile = {
      get id(): number {
        throw new Error('getter boom');
      },
    };
    let result: unknown;
    expect(() => {
      result = b.dispatch('customers.get', hostile);
    }).not.toThrow();
    expect(result).toMatchObject({ ok: false });
  });

  it('never throws for a call name that is not a string, even one whose toString throws', () => {
    const hostileName = {
      toString(): string {
        throw new Error('toString boom');
      },
    };
    for (const name of [hostileName, Symbol('x'), 42, null, undefined]) {
      let result: unknown;
      expect(() => {
        result = b.dispatch(name, {});
      }).not.toThrow();
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('treats a missing input as {} for calls that take no fields', () => {
    expect(b.dispatch('shop.info', undefined)).toMatchObject({ ok: true });
    expect(b.dispatch('products.list', null)).toMatchObject({ ok: true, data: [] });
  });

  it('every call refuses an input with an unknown key', () => {
    for (const name of callNames) {
      const result = b.dispatch(name, { __unknown__: 1 });
      expect(result, name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(Object.hasOwn(contract, name)).toBe(true);
    }
  });
});
