/**
 * Switching screens: the list screens stay as they were (their rows, selection and scroll), and ask the
 * backend for their list again only when the book changed meanwhile, here or in another window.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

/** Two households due a call on the pinned day, one of them owing; `calls` counts every call sent from now on. */
async function shop() {
  const a = (app = await renderApp());
  const rice = a.backend.call('products.list', {})[0]!.id;
  const zhang = a.backend.call('customers.create', { draft: draft({ payday: 20 }) }).id;
  const wang = a.backend.call('customers.create', { draft: draft({ name: '王五', phones: ['13700002222'] }) }).id;
  a.backend.call('sales.record', { customerId: zhang, productId: rice, quantity: 10, paid: false, date: '2026-10-21' });
  a.backend.call('sales.record', { customerId: wang, productId: rice, quantity: 10, paid: true, date: '2026-10-25' });
  // As on coming back to Today after these were recorded in another window.
  await a.store.getState().refreshCallList();
  const calls: string[] = [];
  const dispatch = a.backend.dispatch;
  a.backend.dispatch = (name, input) => {
    calls.push(String(name));
    return dispatch(name, input);
  };
  const count = (name: string) => calls.filter((c) => c === name).length;
  return { ...a, rice, zhang, wang, count };
}

const menu = (name: RegExp) => screen.getByRole('menuitem', { name });
const todayPage = () => document.querySelector('.page.today') as HTMLElement;

describe('screens kept across switches (real backend, real SQLite)', () => {
  it('Today → Customers → Today keeps its rows, selection and scroll without asking again; a write elsewhere is shown', async () => {
    const a = await shop();
    const page = todayPage();
    const row = within(page).getAllByText('王五')[0]!;
    a.store.getState().selectCallRow(`${a.wang}:${a.rice}`);
    page.scrollTop = 120;
    const list = a.store.getState().callList;

    await a.user.click(menu(/客户/));
    await waitFor(() => expect(screen.getByRole('listbox')).toBeInTheDocument());
    expect(page).not.toBeVisible();
    await a.user.click(menu(/今日/));
    await waitFor(() => expect(a.count('shop.changes')).toBeGreaterThanOrEqual(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.count('callList.list')).toBe(0);
    expect(todayPage()).toBe(page); // the same page, not drawn again
    expect(page).toBeVisible();
    expect(row.isConnected).toBe(true);
    expect(page.scrollTop).toBe(120);
    expect(a.store.getState()).toMatchObject({ callList: list, callSelectedKey: `${a.wang}:${a.rice}` });

    // Another window records a sale for 王五: his row leaves the list when Today is shown again.
    a.backend.call('sales.record', { customerId: a.wang, productId: a.rice, quantity: 10, paid: true, date: '2026-11-22' });
    await a.user.click(menu(/客户/));
    await a.user.click(menu(/今日/));
    await waitFor(() => expect(a.count('callList.list')).toBe(1));
    await waitFor(() => expect(within(todayPage()).queryByText('王五')).not.toBeInTheDocument());
    expect(within(todayPage()).getAllByText('张三丰').length).toBeGreaterThan(0);
  });

  it('Collections is fetched once, kept across switches, and fetched again after a payment made elsewhere', async () => {
    const a = await shop();
    await a.user.click(menu(/收账/));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getByText('张三丰')).toBeInTheDocument());
    expect(a.count('credit.collections')).toBe(1);

    await a.user.click(menu(/今日/));
    await a.user.click(menu(/收账/));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.count('credit.collections')).toBe(1);
    expect(screen.getByRole('table')).toBe(table);

    a.backend.call('credit.recordPayment', { customerId: a.zhang, amountFen: 6000, method: 'cash' });
    await a.user.click(menu(/今日/));
    await a.user.click(menu(/收账/));
    expect(await screen.findByText('今天没有要收的账')).toBeInTheDocument();
    expect(a.count('credit.collections')).toBe(2);
  });
});
