/**
 * Typing in the customer book: the box answers the key, the list follows the answer, and the record
 * beside it is not drawn again; an input method's composition is not searched until it commits.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { bookShown, renderApp, type RenderedApp } from './renderApp.tsx';

// The record's commits, counted by a Profiler around the real CustomerDetail (nothing else is replaced).
const detail = vi.hoisted(() => ({ commits: 0 }));
vi.mock('../../renderer/src/features/customers/CustomerDetail.tsx', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../renderer/src/features/customers/CustomerDetail.tsx')>();
  const { Profiler, createElement } = await import('react');
  const onRender = () => void detail.commits++;
  return { CustomerDetail: () => createElement(Profiler, { id: 'detail', onRender }, createElement(real.CustomerDetail)) };
});

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

const searchBox = () => screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）');
const names = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map((o) => o.querySelector('.customer-row-name')?.textContent);

/** 王芳, 王五 and 张三丰 in the book, the book open; `searches` lists every query sent from now on. */
async function bookOfThree() {
  const a = await bookShown([
    ['王芳', '13700001111'],
    ['王五', '13700002222'],
    ['张三丰', '13800003333'],
  ]);
  app = a;
  await waitFor(() => expect(names()).toHaveLength(3));
  return a;
}

describe('typing in the customer book (real backend, real SQLite)', () => {
  it('searches nothing while an input method composes, keeps the list, and searches once on commit', async () => {
    const a = await bookOfThree();
    const box = searchBox();
    fireEvent.compositionStart(box);
    for (const typed of ['w', 'wa', 'wan', 'wang']) fireEvent.change(box, { target: { value: typed } });
    expect(box).toHaveValue('wang');
    // Chromium's last input event (the committed characters) comes before compositionend.
    fireEvent.change(box, { target: { value: '王' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.searches).toEqual([]);
    expect(names()).toHaveLength(3); // not "没有找到“wang”"
    expect(screen.getByText('3 户')).toBeInTheDocument();

    fireEvent.compositionEnd(box, { data: '王' });
    await waitFor(() => expect(names()).toEqual(['王芳', '王五']));
    expect(a.searches).toEqual(['王']);
    // The next letter typed after the commit is searched as typing is.
    fireEvent.change(box, { target: { value: '王芳' } });
    await waitFor(() => expect(names()).toEqual(['王芳']));
    expect(a.searches).toEqual(['王', '王芳']);
  });

  it('does not draw the open record again for a keystroke or its answer', async () => {
    const a = await bookOfThree();
    await a.user.click(screen.getByRole('option', { name: /王芳/ }));
    expect(await screen.findByRole('heading', { name: '王芳' })).toBeInTheDocument();
    // Let the record's purchases, forecasts and ledger arrive first.
    await waitFor(() => expect(a.store.getState().ledger?.customerId).toBe(a.store.getState().selectedId));
    await new Promise((resolve) => setTimeout(resolve, 100));
    detail.commits = 0;

    await a.user.type(searchBox(), 'zsf');
    await waitFor(() => expect(names()).toEqual(['张三丰']));
    expect(a.searches).toEqual(['z', 'zs', 'zsf']);
    expect(detail.commits).toBe(0);
    expect(screen.getByRole('heading', { name: '王芳' })).toBeInTheDocument();
  });

  it('draws the answer with the keystroke from the small book’s own copy, and still asks the backend', async () => {
    const a = await bookOfThree();
    // No await between the keystroke and the look: an answer from the backend cannot have come yet.
    fireEvent.change(searchBox(), { target: { value: 'zsf' } });
    expect(names()).toEqual(['张三丰']);
    fireEvent.change(searchBox(), { target: { value: '王' } });
    expect(names()).toEqual(['王芳', '王五']);
    await waitFor(() => expect(a.searches).toEqual(['zsf', '王']));
    expect(a.copies.made).toBe(1);
  });

  it('shows the backend’s answer when the copy is behind (a household added elsewhere), then copies again', async () => {
    const a = await bookOfThree();
    // Added from another window or the phone: this window's copy does not know it yet.
    a.backend.call('customers.create', { draft: draft({ name: '赵六', phones: ['13900004444'] }) });
    fireEvent.change(searchBox(), { target: { value: '赵' } });
    await waitFor(() => expect(names()).toEqual(['赵六']));
    await waitFor(() => expect(a.copies.made).toBe(2));
    fireEvent.change(searchBox(), { target: { value: '4444' } });
    expect(names()).toEqual(['赵六']);
  });

  it('copies the book again after its own edit, so the next keystroke finds the new name', async () => {
    const a = await bookOfThree();
    const wang = a.store.getState().results.find((c) => c.name === '王五')!;
    await a.store.getState().saveCustomer(wang.id, { ...draft({ name: '王武' }), phones: ['13700002222'] }, false);
    expect(a.copies.made).toBe(2);
    fireEvent.change(searchBox(), { target: { value: '王武' } });
    expect(names()).toEqual(['王武']);
  });

  it('makes no copy at start: Today’s first calls do not wait for it; opening the book makes it', async () => {
    const a = (app = await renderApp());
    a.backend.call('customers.create', { draft: draft({ name: '王芳', phones: ['13700001111'] }) });
    await screen.findByRole('menuitem', { name: /今日/ });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.calls).toContain('callList.list');
    expect(a.calls).not.toContain('customers.searchIndex');
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await waitFor(() => expect(a.calls.filter((c) => c === 'customers.searchIndex')).toHaveLength(1));
    fireEvent.change(searchBox(), { target: { value: 'wf' } });
    expect(names()).toEqual(['王芳']);
  });

  it('saves and searches as before when the copy cannot be made (the backend restarting)', async () => {
    const a = await bookOfThree();
    const dispatch = a.backend.dispatch;
    a.backend.dispatch = (name, input) =>
      name === 'customers.searchIndex' ? { ok: false, error: { code: 'BACKEND_RESTARTED', message: 'restarted' } } : dispatch(name, input);
    const wang = a.store.getState().results.find((c) => c.name === '王五')!;
    await expect(a.store.getState().saveCustomer(wang.id, { ...draft({ name: '王武' }), phones: ['13700002222'] }, false)).resolves.toMatchObject({
      name: '王武',
    });
    fireEvent.change(searchBox(), { target: { value: '王武' } });
    await waitFor(() => expect(names()).toEqual(['王武']));
  });
});
