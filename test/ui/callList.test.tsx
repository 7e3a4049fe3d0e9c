import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draft, makeBackend } from '../backend/helpers.ts';
import { createI18n } from '../../renderer/src/i18n/i18n.ts';
import { cycleDays } from '../../shared/domain/callList.ts';
import { addDays, daysBetween } from '../../shared/domain/dates.ts';
import { CutShortNotes } from '../../renderer/src/features/print/PrintView.tsx';
import { CALL_LIST_ROWS } from '../../renderer/src/store/callListSlice.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

type SeededApp = RenderedApp & { ids: Record<'zhang' | 'wang' | 'li', number>; rice: number };
let app: SeededApp | undefined;
afterEach(() => app?.backend.dispose());

/**
 * Three households on the pinned day 2026-11-22: 张三丰 (幸福小区) ran out of rice on 11-18 and owes
 * ¥120; 王五 (东门街) ran out on 11-19; 李四 (东门街) runs out next week. 张三丰's one 30-day interval
 * (prior 0.4 kg a day, observed 10 / 30) gives 10 / (0.4 - 2/3 x 0.067) = 28 days of stock.
 */
async function seededApp(): Promise<SeededApp> {
  const a = await renderApp();
  const rice = a.backend.call('products.list', {})[0]!.id;
  const zhang = a.backend.call('customers.create', { draft: draft() }).id;
  const wang = a.backend.call('customers.create', { draft: draft({ name: '王五', phones: ['13700002222'], area: '东门街', address: '东门街 3 号' }) }).id;
  const li = a.backend.call('customers.create', { draft: draft({ name: '李四', phones: ['13900001111'], area: '东门街', address: '东门街 8 号' }) }).id;
  const sales: [number, string, boolean][] = [
    [zhang, '2026-09-21', false],
    [zhang, '2026-10-21', false],
    [wang, '2026-10-25', true],
    [li, '2026-11-05', true],
  ];
  for (const [customerId, date, paid] of sales) a.backend.call('sales.record', { customerId, productId: rice, quantity: 10, paid, date });
  await a.store.getState().loadCallList();
  return { ...a, ids: { zhang, wang, li }, rice };
}

function section(name: RegExp): HTMLElement {
  return screen.getByText(name, { selector: '.ant-card-head-title span' }).closest('.ant-card') as HTMLElement;
}
const due = () => section(/^今天要联系$/);
const upcoming = () => section(/^未来 7 天$/);

function rowOf(container: HTMLElement, name: string): HTMLElement {
  return within(container).getByText(name).closest('.call-row') as HTMLElement;
}

function messageWith(text: string | RegExp): HTMLElement {
  return screen.getByText(text).closest('.ant-message-notice') as HTMLElement;
}

/** The first due household (张三丰) selected, C pressed and 3 ("not needed yet") picked: the Called dialog. */
async function calledNotNeeded(app: SeededApp): Promise<HTMLElement> {
  await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
  await app.user.keyboard('c');
  const dialog = await screen.findByRole('dialog', { name: '打过电话：张三丰' });
  await app.user.keyboard('3');
  return dialog;
}

describe('Today screen (real backend, real SQLite)', () => {
  it('opens on the call list: due and next-7-days rows with people, last purchase, run-out, phone, area and debt', async () => {
    app = await seededApp();
    expect(await screen.findByRole('heading', { name: '今日' })).toBeInTheDocument();
    expect(screen.getByText('2026年11月22日 星期日')).toBeInTheDocument();
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());

    const zhang = rowOf(due(), '张三丰');
    expect(zhang).toHaveTextContent('大人 2 · 小孩 1');
    expect(zhang).toHaveTextContent('上次 10 公斤，10月21日（32 天前）');
    expect(zhang).toHaveTextContent('11月18日');
    expect(zhang).toHaveTextContent('已用完 4 天');
    expect(zhang).toHaveTextContent('138 1234 5678');
    expect(zhang).toHaveTextContent('幸福小区');
    expect(zhang).toHaveTextContent('¥120.00');
    expect(within(due()).getByText('王五')).toBeInTheDocument();
    expect(within(due()).getByText('2 条')).toBeInTheDocument();
    expect(rowOf(upcoming(), '李四')).toHaveTextContent('11月25日 提醒');
    // The first due row is selected, and the keys are on screen.
    expect(zhang).toHaveClass('call-row-selected');
    expect(screen.getByRole('button', { name: /C 打过电话/ })).toBeInTheDocument();
  });

  it('C then an outcome logs the call and the household leaves the list; Undo puts it back', async () => {
    app = await seededApp();
    const dialog = await calledNotNeeded(app);
    expect(within(dialog).getByLabelText('推迟到')).toHaveValue('2026-11-25');
    await app.user.keyboard('{Enter}');
    expect(await screen.findByText('已记录：张三丰，暂不需要')).toBeInTheDocument();
    await waitFor(() => expect(within(due()).queryByText('张三丰')).not.toBeInTheDocument());
    expect(rowOf(due(), '王五')).toHaveClass('call-row-selected');
    const [call] = app.backend.call('customers.contacts', { customerId: app.ids.zhang });
    expect(call).toMatchObject({ kind: 'call', outcome: 'not_needed', followUp: '2026-11-25', undoneAt: null });

    await app.user.click(within(messageWith('已记录：张三丰，暂不需要')).getByRole('button', { name: /撤销/ }));
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected');
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang })[0]!.undoneAt).not.toBeNull();
  });

  it('what was done today stays in the done part with its outcome, and its Undo there puts the row back', async () => {
    app = await seededApp();
    const done = () => section(/^今天做过的$/);
    expect(within(done()).getByText('今天还没有联系过谁')).toBeInTheDocument();
    await calledNotNeeded(app);
    await app.user.keyboard('{Enter}');
    await waitFor(() => expect(within(due()).queryByText('张三丰')).not.toBeInTheDocument());
    const entry = within(done()).getByText('张三丰').closest('li') as HTMLElement;
    expect(entry).toHaveTextContent('大米');
    expect(entry).toHaveTextContent('暂不需要 到 11月25日');
    expect(within(done()).getByText('1 条')).toBeInTheDocument();

    await app.user.click(within(entry).getByRole('button', { name: /撤\s?销/ }));
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    expect(within(done()).queryByText('张三丰')).not.toBeInTheDocument();
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang })[0]!.undoneAt).not.toBeNull();
  });

  it('a refresh keeps the row objects that did not change, so their rows are not drawn again', async () => {
    app = await seededApp();
    const wangOf = () => app!.store.getState().callList!.due.find((r) => r.customerId === app!.ids.wang)!;
    const zhangOf = () => app!.store.getState().callList!.due.find((r) => r.customerId === app!.ids.zhang)!;
    const [wang, zhang, upcomingRows] = [wangOf(), zhangOf(), app.store.getState().callList!.upcoming];
    await app.store.getState().loadCallList();
    expect(wangOf()).toBe(wang);
    expect(zhangOf()).toBe(zhang);
    expect(app.store.getState().callList!.upcoming).toBe(upcomingRows);
    // a payment changes 张三丰's row only
    app.backend.call('credit.recordPayment', { customerId: app.ids.zhang, amountFen: 1000, method: 'cash' });
    await app.store.getState().loadCallList();
    expect(zhangOf()).not.toBe(zhang);
    expect(zhangOf().owedFen).toBe(zhang.owedFen - 1000);
    expect(wangOf()).toBe(wang);
  });

  it('"not needed yet" with what is left: the date empties and the stock says when to call again; clearing the stock brings the date back', async () => {
    app = await seededApp();
    const dialog = await calledNotNeeded(app);
    const stock = within(dialog).getByLabelText('家里还剩');
    await app.user.type(stock, '1');
    await waitFor(() => expect(within(dialog).getByLabelText('推迟到')).toHaveValue(''));
    expect(within(dialog).getByPlaceholderText('按家里剩的算')).toBeInTheDocument();
    expect(within(dialog).getByText('不选日期：按家里剩的量算，快用完时再提醒')).toBeInTheDocument();
    await app.user.clear(stock);
    await waitFor(() => expect(within(dialog).getByLabelText('推迟到')).toHaveValue('2026-11-25'));
    await app.user.type(stock, '1');
    await waitFor(() => expect(within(dialog).getByLabelText('推迟到')).toHaveValue(''));
    await app.user.click(within(dialog).getByRole('button', { name: /记\s?录/ }));
    expect(await screen.findByText('已记录：张三丰，暂不需要')).toBeInTheDocument();
    await waitFor(() => expect(within(due()).queryByText('张三丰')).not.toBeInTheDocument());
    // One kilogram lasts less than the lead days: called back the day it should run out, not tomorrow.
    const [forecast] = app.backend.call('forecasts.forCustomer', { customerId: app.ids.zhang });
    expect(forecast!.runOutDate > '2026-11-23').toBe(true);
    const [call] = app.backend.call('customers.contacts', { customerId: app.ids.zhang });
    expect(call).toMatchObject({ kind: 'call', outcome: 'not_needed', stockLeft: 1, followUp: forecast!.runOutDate });
  });

  it('deliver on a date, no answer, skip and snooze: each logged, Ctrl+Z undoes the last', async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    // 2 = deliver: today by default, so it stays on today's list, marked.
    await app.user.keyboard('c');
    await screen.findByRole('dialog', { name: '打过电话：张三丰' });
    await app.user.keyboard('2');
    await app.user.keyboard('{Enter}');
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveTextContent('约好送货 11月22日'));

    // K on 王五 (selection moved on): skipped this cycle.
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    await app.user.keyboard('k');
    expect(await screen.findByText('“王五”本轮跳过')).toBeInTheDocument();
    await waitFor(() => expect(within(due()).queryByText('王五')).not.toBeInTheDocument());
    await app.user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(within(due()).getByText('王五')).toBeInTheDocument());
    expect(app.backend.call('customers.contacts', { customerId: app.ids.wang })[0]).toMatchObject({ kind: 'skip' });
    expect(app.backend.call('customers.contacts', { customerId: app.ids.wang })[0]!.undoneAt).not.toBeNull();

    // S: snooze until a date (3 days by default).
    await app.user.click(rowOf(due(), '王五'));
    await app.user.keyboard('s');
    const snooze = await screen.findByRole('dialog', { name: '推迟提醒：王五' });
    expect(within(snooze).getByLabelText('推迟到')).toHaveValue('2026-11-25');
    await app.user.click(within(snooze).getByRole('button', { name: /推\s?迟/ }));
    await waitFor(() => expect(within(upcoming()).getByText('王五')).toBeInTheDocument());
    expect(rowOf(upcoming(), '王五')).toHaveTextContent('已推迟 到 11月25日');

    // 4 = no answer: try again tomorrow, with what is left at home.
    await app.user.click(rowOf(due(), '张三丰'));
    await app.user.keyboard('c');
    const called = await screen.findByRole('dialog', { name: '打过电话：张三丰' });
    await app.user.keyboard('4');
    expect(within(called).getByText('明天再打一次')).toBeInTheDocument();
    await app.user.type(within(called).getByLabelText('家里还剩'), '1{Enter}');
    await waitFor(() => expect(within(due()).queryByText('张三丰')).not.toBeInTheDocument());
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang })[0]).toMatchObject({
      outcome: 'no_answer',
      followUp: '2026-11-23',
      stockLeft: 1,
    });
  });

  it('O opens the sale dialog on that product; recording the sale takes the household off the list', async () => {
    app = await seededApp();
    await waitFor(() => expect(within(due()).getByText('王五')).toBeInTheDocument());
    await app.user.keyboard('{ArrowDown}');
    expect(rowOf(due(), '王五')).toHaveClass('call-row-selected');
    await app.user.keyboard('o');
    const dialog = await screen.findByRole('dialog', { name: '记一笔：王五' });
    expect(within(dialog).getByText('大米（¥6.00/公斤）')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('数量')).toHaveValue('10');
    await app.user.type(within(dialog).getByLabelText('家里还剩'), '2');
    await app.user.click(within(dialog).getByRole('button', { name: /记\s?账/ }));
    expect(await screen.findByText(/已记账：大米 10 公斤/)).toBeInTheDocument();
    await waitFor(() => expect(within(due()).queryByText('王五')).not.toBeInTheDocument());
    expect(app.backend.call('sales.listForCustomer', { customerId: app.ids.wang })[0]).toMatchObject({ quantity: 10, stockLeft: 2, date: '2026-11-22' });
    // The selection goes on down the list, as after any other action, not back to the top.
    expect(rowOf(upcoming(), '李四')).toHaveClass('call-row-selected');

    // A slip is undone from the message: the sale is voided (kept, marked) and the household is back on the list.
    const recorded = (await screen.findByText(/已记账：大米 10 公斤/)).closest('.ant-message-notice') as HTMLElement;
    await app.user.click(within(recorded).getByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByText(/已撤销：大米 10 公斤/)).toBeInTheDocument();
    expect(app.backend.call('sales.listForCustomer', { customerId: app.ids.wang })[0]).toMatchObject({ quantity: 10, voidReason: '录入后立即撤销' });
    expect(app.backend.call('sales.listForCustomer', { customerId: app.ids.wang })[0]!.voidedAt).not.toBeNull();
    await waitFor(() => expect(within(due()).getByText('王五')).toBeInTheDocument());
    // Undone from its message, the sale is off the Ctrl+Z stack too.
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText('没有可以撤销的操作')).toBeInTheDocument();
  });

  it('Ctrl+Z after an order placed (O, then the sale) undoes that sale, then the call logged before it', async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('k');
    expect(await screen.findByText('“张三丰”本轮跳过')).toBeInTheDocument();
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    await app.user.keyboard('o');
    const dialog = await screen.findByRole('dialog', { name: '记一笔：王五' });
    await app.user.click(within(dialog).getByRole('button', { name: /记\s?账/ }));
    await waitFor(() => expect(within(due()).queryByText('王五')).not.toBeInTheDocument());

    // The newest action on the list is the sale: voided, as its message's Undo does, and 王五 is back.
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText(/已撤销：大米 10 公斤/)).toBeInTheDocument();
    await waitFor(() => expect(within(due()).getByText('王五')).toBeInTheDocument());
    expect(app.backend.call('sales.listForCustomer', { customerId: app.ids.wang })[0]).toMatchObject({ voidReason: '录入后立即撤销' });
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang })[0]!.undoneAt).toBeNull();

    // Then the skip before it.
    await app.user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang })[0]!.undoneAt).not.toBeNull();
  });

  it('undoing an action after the household bought again says the reminder follows that purchase', async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('k');
    expect(await screen.findByText('“张三丰”本轮跳过')).toBeInTheDocument();
    // Bought meanwhile (at the counter, from the customer's page): a new cycle.
    app.backend.call('sales.record', { customerId: app.ids.zhang, productId: app.rice, quantity: 10, paid: true });
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText('已撤销：张三丰（之后又买过，提醒按那次购买算，不再变回）')).toBeInTheDocument();
  });

  it('K pressed twice quickly, or held down, skips one household, not the ones below it', async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    // Two presses before the first skip is back, then a held key: one skip in all.
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK' });
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK' });
    expect(await screen.findByText('“张三丰”本轮跳过')).toBeInTheDocument();
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', repeat: true });
    fireEvent.keyDown(window, { key: 'z', code: 'KeyZ', ctrlKey: true, repeat: true });
    // Ctrl+Shift+Z is Redo, never an undo.
    fireEvent.keyDown(window, { key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const skips = (customerId: number) => app!.backend.call('customers.contacts', { customerId }).filter((c) => c.kind === 'skip');
    expect(skips(app.ids.zhang)).toHaveLength(1);
    expect(skips(app.ids.zhang)[0]!.undoneAt).toBeNull();
    expect(skips(app.ids.wang)).toHaveLength(0);
    expect(within(due()).getByText('王五')).toBeInTheDocument();
  });

  it('an action that a later one (from another window) superseded is dropped from Ctrl+Z after saying so once', async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('k');
    expect(await screen.findByText('“张三丰”本轮跳过')).toBeInTheDocument();
    // The same row acted on in the other window (the browser shell beside the desktop app).
    app.backend.call('callList.act', { customerId: app.ids.zhang, productId: app.rice, action: 'snooze', date: '2026-11-30' });
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText('之后还有一条更新的记录，请先撤销那一条。')).toBeInTheDocument();
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText('没有可以撤销的操作')).toBeInTheDocument();
    expect(app.backend.call('customers.contacts', { customerId: app.ids.zhang }).map((c) => [c.kind, c.undoneAt])).toEqual([
      ['snooze', null],
      ['skip', null],
    ]);
  });

  it('households not heard from (overdue by more than their own interval) are counted under the list, and shown on request', async () => {
    app = await seededApp();
    const gone = app.backend.call('customers.create', { draft: draft({ name: '钱七', phones: ['13600003333'], area: '西区' }) }).id;
    app.backend.call('sales.record', { customerId: gone, productId: app.rice, quantity: 10, paid: true, date: '2026-06-01' });
    await app.store.getState().loadCallList();
    expect(await screen.findByText('1 户用完后超过平时的间隔还没来，也没人联系过。')).toBeInTheDocument();
    expect(screen.queryByText('钱七')).not.toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: '看看是谁' }));
    const table = (await screen.findByText('钱七')).closest('table') as HTMLElement;
    expect(table).toHaveTextContent('136 0000 3333');
    expect(table).toHaveTextContent('西区');
    // The row says what the header says: ran out so long ago, against its own interval.
    const [forecast] = app.backend.call('forecasts.forCustomer', { customerId: gone });
    const interval = cycleDays(forecast!.lastQuantity, forecast!.dailyUse);
    expect(table).toHaveTextContent(`已用完 ${daysBetween(forecast!.runOutDate, '2026-11-22')} 天 · 平时 ${interval} 天买一次`);
    await app.user.click(screen.getByRole('button', { name: /收\s?起/ }));
    expect(screen.queryByText('钱七')).not.toBeInTheDocument();
  });

  it('a lapsed household can be skipped (off the count, undoable) or called back onto the list', async () => {
    app = await seededApp();
    const gone = app.backend.call('customers.create', { draft: draft({ name: '钱七', phones: ['13600003333'], area: '西区' }) }).id;
    app.backend.call('sales.record', { customerId: gone, productId: app.rice, quantity: 10, paid: true, date: '2026-06-01' });
    await app.store.getState().loadCallList();
    const counted = '1 户用完后超过平时的间隔还没来，也没人联系过。';
    const lapsedRow = async () => (await screen.findByText('钱七')).closest('tr') as HTMLElement;
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('{ArrowDown}');
    await app.user.click(await screen.findByRole('button', { name: '看看是谁' }));

    await app.user.click(within(await lapsedRow()).getByRole('button', { name: '跳过本轮' }));
    expect(await screen.findByText('“钱七”本轮跳过')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(counted)).not.toBeInTheDocument());
    // The main list keeps its place.
    expect(rowOf(due(), '王五')).toHaveClass('call-row-selected');
    expect(app.backend.call('customers.contacts', { customerId: gone })[0]).toMatchObject({ kind: 'skip', undoneAt: null });
    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText(counted)).toBeInTheDocument();

    // A win-back call that found nobody home: on tomorrow's list, off the lapsed ones.
    await app.user.click(screen.getByRole('button', { name: '看看是谁' }));
    await app.user.click(within(await lapsedRow()).getByRole('button', { name: '打过电话' }));
    await screen.findByRole('dialog', { name: '打过电话：钱七' });
    await app.user.keyboard('4');
    await app.user.keyboard('{Enter}');
    await waitFor(() => expect(within(upcoming()).getByText('钱七')).toBeInTheDocument());
    expect(screen.queryByText(counted)).not.toBeInTheDocument();
  });

  it('filters by area for a delivery round', async () => {
    app = await seededApp();
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    await app.user.click(screen.getByText('东门街', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(within(due()).queryByText('张三丰')).not.toBeInTheDocument());
    expect(within(due()).getByText('王五')).toBeInTheDocument();
    expect(within(upcoming()).getByText('李四')).toBeInTheDocument();
    await app.user.click(screen.getByText('幸福小区', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(within(due()).queryByText('王五')).not.toBeInTheDocument());
    expect(within(due()).getByText('张三丰')).toBeInTheDocument();
    expect(screen.getByText('未来 7 天没有提醒')).toBeInTheDocument();
    // The keys still work with the focus left on the filter.
    await app.user.keyboard('k');
    expect(await screen.findByText('“张三丰”本轮跳过')).toBeInTheDocument();
  });

  it('after an area is clicked, ↓ and ↑ move the selected row, not the area filter', async () => {
    app = await seededApp();
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    await app.user.click(screen.getByText('东门街', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    await app.user.keyboard('{ArrowDown}');
    await waitFor(() => expect(rowOf(upcoming(), '李四')).toHaveClass('call-row-selected'));
    await app.user.keyboard('{ArrowUp}');
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    expect(app.store.getState().callArea).toBe('东门街');
    expect(screen.getByText('东门街', { selector: '.ant-segmented-item-selected .ant-segmented-item-label' })).toBeInTheDocument();
  });

  it("Enter or a double click opens the household's record; Esc or Back returns to Today on the same row", async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('{ArrowDown}');
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));
    await app.user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: /王五/ })).toBeInTheDocument();
    expect(app.store.getState()).toMatchObject({ view: 'customers', selectedId: app.ids.wang });
    await app.user.keyboard('{Escape}');
    expect(await screen.findByRole('heading', { name: '今日' })).toBeInTheDocument();
    await waitFor(() => expect(rowOf(due(), '王五')).toHaveClass('call-row-selected'));

    await app.user.dblClick(within(upcoming()).getByText('李四'));
    expect(await screen.findByRole('heading', { name: /李四/ })).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: /返回今日/ }));
    await waitFor(() => expect(rowOf(upcoming(), '李四')).toHaveClass('call-row-selected'));
  });

  it('a due row not yet acted on says how long it has been due, the order of the list', async () => {
    app = await seededApp();
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    const [zhang, wang] = app.store.getState().callList!.due;
    expect([zhang!.dueDate, wang!.dueDate]).toEqual(['2026-11-13', '2026-11-14']);
    expect(rowOf(due(), '张三丰')).toHaveTextContent('该联系 9 天了');
    expect(rowOf(due(), '王五')).toHaveTextContent('该联系 8 天了');
  });

  it('messages sit at the foot of the window and go when their time is up, even under the mouse', async () => {
    app = await seededApp();
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
    await app.user.keyboard('{Control>}z{/Control}');
    const notice = (await screen.findByText('没有可以撤销的操作')).closest('.ant-message-notice') as HTMLElement;
    const list = notice.closest('.ant-message') as HTMLElement;
    expect(list.style.top).toBe('auto');
    expect(list.style.bottom).toBe('24px');
    // antd's list is as tall as the window unless told otherwise: its notices would still show at the top.
    expect(list.style.height).toBe('auto');
    await app.user.hover(notice);
    // Leaving (jsdom plays no animation to its end): its 3 seconds are up although the mouse is on it.
    await waitFor(() => expect(notice).toHaveClass('ant-message-fade-leave'), { timeout: 6000 });
  });

  it('speaks English too', async () => {
    app = await seededApp();
    app.backend.call('shop.updateSettings', { language: 'en' });
    await app.store.getState().load();
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeInTheDocument();
    expect(screen.getByText('Sunday, 22 November 2026')).toBeInTheDocument();
    const zhang = (await screen.findByText('张三丰')).closest('.call-row') as HTMLElement;
    expect(zhang).toHaveTextContent('2 adults · 1 child');
    expect(zhang).toHaveTextContent('Last 10 kg, Oct 21 (32 days ago)');
    expect(zhang).toHaveTextContent('ran out 4 days ago');
    expect(screen.getByText('Call today', { selector: '.ant-card-head-title span' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /C Called/ })).toBeInTheDocument();
  });

  it('follows a change of language made in Settings, without asking for the list again', async () => {
    app = await seededApp();
    const zhang = () => screen.getByText('张三丰').closest('.call-row') as HTMLElement;
    await waitFor(() => expect(zhang()).toHaveTextContent('大人 2 · 小孩 1'));
    const list = app.store.getState().callList;
    await app.store.getState().updateSettings({ language: 'en' });
    expect(app.store.getState().callList).toBe(list); // the same rows: only the language changed
    await waitFor(() => expect(zhang()).toHaveTextContent('2 adults · 1 child'));
    expect(zhang()).toHaveTextContent('ran out 4 days ago');
  });

  it("shows a household's forecast and contact history, undone entries struck through", async () => {
    app = await seededApp();
    await waitFor(() => expect(rowOf(due(), '张三丰')).toHaveClass('call-row-selected'));
    await app.user.keyboard('k');
    await screen.findByText('“张三丰”本轮跳过');
    await app.user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());

    await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await app.user.click(await screen.findByRole('option', { name: /张三丰/ }));
    const forecast = (await screen.findByText('预计用量')).closest('.ant-card') as HTMLElement;
    await waitFor(() => expect(within(forecast).getByText('大米')).toBeInTheDocument());
    expect(forecast).toHaveTextContent('11月18日');
    expect(forecast).toHaveTextContent('10 公斤10月21日'); // the quantity over the date
    const history = screen.getByText('联系记录').closest('.ant-card') as HTMLElement;
    expect(within(history).getByText('已撤销')).toBeInTheDocument();
    expect(
      within(history)
        .getByText(/跳过本轮 · 大米/)
        .closest('del'),
    ).not.toBeNull();
  });
});

describe('Ctrl+P in the desktop app (its menu leaves the key to the page)', () => {
  it('prints the screen where nothing else takes the key, and leaves Today to its call list', async () => {
    const print = vi.fn(async () => ({ ok: true as const, data: { printed: true, failureReason: null } }));
    (window as Window & { huitou?: unknown }).huitou = { print, printToPDF: vi.fn() };
    try {
      app = await seededApp();
      await waitFor(() => expect(within(due()).getByText('张三丰')).toBeInTheDocument());
      await app.user.keyboard('{Control>}p{/Control}');
      expect(window.location.hash).toMatch(/^#print\/calls/);
      // Printed once: by the call list's print view, not the Today screen as well.
      await waitFor(() => expect(print).toHaveBeenCalledOnce());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(print).toHaveBeenCalledOnce();
      window.location.hash = '';
      await app.user.click(await screen.findByRole('menuitem', { name: /客户/ }));
      print.mockClear();
      await app.user.keyboard('{Control>}p{/Control}');
      await waitFor(() => expect(print).toHaveBeenCalledOnce());
      expect(window.location.hash).toBe('');
    } finally {
      delete (window as Window & { huitou?: unknown }).huitou;
    }
  });
});

describe('a long day', () => {
  /** 205 households all due today (the same day's purchase): more than a day's work, more than one call returns. */
  async function longDay(): Promise<SeededApp> {
    const a = (app = { ...(await renderApp()), ids: { zhang: 0, wang: 0, li: 0 }, rice: 0 });
    const rice = a.backend.call('products.list', {})[0]!.id;
    for (let i = 0; i < CALL_LIST_ROWS + 5; i++) {
      const id = a.backend.call('customers.create', { draft: draft({ name: `客户${i}`, phones: [`1370000${String(i).padStart(4, '0')}`] }) }).id;
      a.backend.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: true, date: '2026-10-22' });
    }
    await a.store.getState().loadCallList();
    return a;
  }
  const drawnRows = () =>
    within(due())
      .getAllByRole('row')
      .filter((r) => r.classList.contains('call-row') && !r.classList.contains('call-head'));

  it("lists the day's work (the shop's daily calls), says how many more there are, and shows them on request", { timeout: 60_000 }, async () => {
    const a = await longDay();
    const first = () => a.store.getState().callList!.due[0]!.name;
    await waitFor(() => expect(within(due()).getByText(first())).toBeInTheDocument());
    expect(within(due()).getByText(`${CALL_LIST_ROWS + 5} 条`)).toBeInTheDocument();
    // The day's work is 30 rows; the rest waits behind "more".
    expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', '30');
    expect(within(due()).getByText(`还有 ${CALL_LIST_ROWS + 5 - 30} 条，先做完上面的`)).toBeInTheDocument();
    // Only the rows on screen are drawn (about 600 px of them, and a few around).
    expect(drawnRows().length).toBeGreaterThan(7);
    expect(drawnRows().length).toBeLessThan(30);

    await a.user.click(within(due()).getByRole('button', { name: '显示全部' }));
    // One call returned the first 200: the rest is read when the list is scrolled near its end.
    expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', String(CALL_LIST_ROWS));
    expect(drawnRows().length).toBeLessThan(40);
    const scroller = due().querySelector<HTMLElement>('.call-scroll')!;
    Object.defineProperty(scroller, 'scrollTop', { value: 46 * (CALL_LIST_ROWS - 10), writable: true, configurable: true });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', String(CALL_LIST_ROWS + 5)));
    expect(within(due()).getByText('客户204')).toBeInTheDocument();
    expect(drawnRows().length).toBeLessThan(40);
    await a.user.click(within(due()).getByRole('button', { name: '只看今天的' }));
    expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', '30');
  });

  it('the shop sets its daily calls in Settings, and Today follows', { timeout: 60_000 }, async () => {
    const a = await longDay();
    await waitFor(() => expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', '30'));
    await a.store.getState().updateSettings({ dailyCalls: 12 });
    await waitFor(() => expect(within(due()).getByRole('table')).toHaveAttribute('aria-rowcount', '12'));
    expect(within(due()).getByText(`还有 ${CALL_LIST_ROWS + 5 - 12} 条，先做完上面的`)).toBeInTheDocument();
    expect(a.backend.call('shop.info', {}).settings.dailyCalls).toBe(12);
  });
});

describe('a printed call list cut short', () => {
  it.each([
    ['zh-CN', '今天的名单之外还有 2 条到期的，未列出。'],
    ['en', "2 more due beyond today's list, not listed."],
  ] as const)("says how many due ones today's list leaves out (%s)", (language, note) => {
    // The printout asks for as many as one call returns (5000): a real answer cut at 1 stands for a longer book.
    const backend = makeBackend();
    try {
      backend.call('shop.startEmpty', { language });
      const rice = backend.call('products.list', {})[0]!.id;
      // 10 kg lasts this household about 25 days: bought 27 days ago, due (not lapsed) today.
      const date = addDays(backend.context.today(), -27);
      for (let i = 0; i < 3; i++) {
        const id = backend.call('customers.create', { draft: draft({ name: `户${i}`, phones: [`1360000000${i}`] }) }).id;
        backend.call('sales.record', { customerId: id, productId: rice, quantity: 10, paid: true, date });
      }
      const list = backend.call('callList.list', { days: 7, limit: 1 });
      expect([list.due.length, list.dueTotal, list.upcomingTotal]).toEqual([1, 3, 0]);
      render(
        <I18nextProvider i18n={createI18n(language)}>
          <CutShortNotes list={list} week={false} />
        </I18nextProvider>,
      );
      expect(screen.getByText(note)).toBeInTheDocument();
      expect(document.querySelectorAll('.print-footnote')).toHaveLength(1);
    } finally {
      backend.dispose();
    }
  });
});
