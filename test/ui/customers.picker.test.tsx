/**
 * The household picker (the slip's household, the journal's filter, the register's forms, complaints):
 * a small book answers from the renderer's copy with the keystroke, and the backend's answer wins.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { bookShown, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

/** The households the open picker offers, as labelled. */
const offered = () => [...document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')].map((o) => o.getAttribute('title'));

/** 王芳 and 张三丰 in a small book, its copy made (the book visited). */
async function smallBook() {
  const a = await bookShown([
    ['王芳', '13700001111'],
    ['张三丰', '13800003333'],
  ]);
  app = a;
  return a;
}

/** A walk-in slip (F4) and its household picker, opened. */
async function slipHousehold(a: RenderedApp) {
  await a.user.keyboard('{F4}');
  const dialog = await screen.findByRole('dialog', { name: '开单：散客' });
  const household = within(dialog).getByLabelText('客户');
  await a.user.click(household);
  return household;
}

describe('the household picker (real backend, real SQLite)', () => {
  it('offers a household found by pinyin initials with the keystroke, from the small book’s copy, and still asks the backend', async () => {
    const a = await smallBook();
    // Opened before anything is typed: the book's first households.
    const household = await slipHousehold(a);
    expect(offered().sort()).toEqual(['张三丰 13800003333', '王芳 13700001111'].sort());
    // No await between the keystroke and the look: an answer from the backend cannot have come yet.
    fireEvent.change(household, { target: { value: 'zsf' } });
    expect(offered()).toEqual(['张三丰 13800003333']);
    fireEvent.change(household, { target: { value: 'wf' } });
    expect(offered()).toEqual(['王芳 13700001111']);
    await waitFor(() => expect(a.searches).toEqual(['', 'zsf', 'wf']));

    await a.user.click(screen.getByTitle('王芳 13700001111'));
    expect(await screen.findByRole('dialog', { name: '开单：王芳' })).toBeInTheDocument();
  });

  it('offers the backend’s answer when the copy is behind (a household added elsewhere)', async () => {
    const a = await smallBook();
    // Added from another window or the phone: this window's copy does not know it yet.
    const zhao = a.backend.call('customers.create', { draft: draft({ name: '赵六', phones: ['13900004444'] }) });
    await a.user.click(screen.getByRole('menuitem', { name: /投诉/ }));
    await a.user.click(await screen.findByRole('button', { name: /记投诉/ }));
    const dialog = await screen.findByRole('dialog', { name: '记一条投诉' });
    const household = within(dialog).getByLabelText('客户');
    // Opened, the picker asks for the book's first households: the copy does not know 赵六, the backend does.
    await a.user.click(household);
    await waitFor(() => expect(offered()).toContain('赵六 13900004444'));
    // The copy was behind: it is made again, and the next keystroke finds 赵六 at once.
    await waitFor(() => expect(a.copies.made).toBe(2));
    fireEvent.change(household, { target: { value: 'zl' } });
    expect(offered()).toEqual(['赵六 13900004444']);

    await a.user.click(screen.getByTitle('赵六 13900004444'));
    await a.user.type(within(dialog).getByLabelText('客户说了什么'), '水有怪味');
    await a.user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('已记下 赵六 的投诉')).toBeInTheDocument();
    expect(a.backend.call('complaints.list', {}).items[0]).toMatchObject({ customerId: zhao.id, said: '水有怪味' });
  });
  it('names the household the journal is filtered by when the journal is shown again', async () => {
    const a = await smallBook();
    const wang = a.backend.call('customers.search', { query: '王芳' }).items[0]!;
    const water = a.backend.call('products.list', {}).find((p) => p.name.startsWith('桶装水'))!;
    a.backend.call('slips.create', {
      customerId: wang.id,
      lines: [{ productId: water.id, quantity: 1 }],
      payments: [{ method: 'cash', amountFen: water.priceFen }],
    });
    await a.user.click(screen.getByRole('menuitem', { name: /流水/ }));
    await a.user.type(await screen.findByRole('combobox', { name: '客户' }), 'wf');
    await a.user.click(await screen.findByTitle('王芳 13700001111'));
    await waitFor(() => expect(a.store.getState().journalFilter.customerId).toBe(wang.id));

    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await a.user.click(screen.getByRole('menuitem', { name: /流水/ }));
    const filter = (await screen.findByRole('combobox', { name: '客户' })).closest('.ant-select')!;
    expect(await within(filter as HTMLElement).findByText('王芳')).toBeInTheDocument();
    expect(filter).not.toHaveTextContent(String(wang.id));
  });

  it('searches nothing while an input method composes, and the characters chosen once', async () => {
    const a = await smallBook();
    const household = await slipHousehold(a);
    await waitFor(() => expect(a.searches).toEqual(['']));
    fireEvent.compositionStart(household);
    for (const typed of ['w', 'wa', 'wan', 'wang']) fireEvent.change(household, { target: { value: typed } });
    // Chromium's last input event (the committed characters) comes before compositionend.
    fireEvent.change(household, { target: { value: '王' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.searches).toEqual(['']);
    fireEvent.compositionEnd(household, { data: '王' });
    expect(offered()).toEqual(['王芳 13700001111']);
    await waitFor(() => expect(a.searches).toEqual(['', '王']));
  });
});
