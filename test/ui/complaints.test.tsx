// antd spaces out a two-character Chinese button label (保 存): names are matched with an optional space.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

describe('complaints (real backend, real SQLite)', () => {
  it('records a complaint for a household found by pinyin initials, handles it, closes it and follows up', async () => {
    app = await renderApp();
    const { backend, user } = app;
    backend.call('customers.create', { draft: draft({ name: '王芳' }) });
    await user.click(screen.getByRole('menuitem', { name: /投诉/ }));
    expect(await screen.findByText('没有投诉')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /记投诉/ }));
    const dialog = await screen.findByRole('dialog', { name: '记一条投诉' });
    await user.type(within(dialog).getByLabelText('客户'), 'wf');
    await user.click(await screen.findByText(/王芳 13812345678/));
    await user.click(within(dialog).getByText('送晚了'));
    await user.type(within(dialog).getByLabelText('客户说了什么'), '水送晚了两个小时');
    await user.click(within(dialog).getByRole('button', { name: /保\s?存/ }));
    expect(await screen.findByText('已记下 王芳 的投诉')).toBeInTheDocument();
    const row = await screen.findByRole('listitem', { name: '王芳 送晚了' });
    expect(within(row).getByText('水送晚了两个小时')).toBeInTheDocument();
    expect(within(row).getByText('待处理')).toBeInTheDocument();
    expect(backend.call('complaints.list', {}).items[0]).toMatchObject({ kind: 'late', said: '水送晚了两个小时', status: 'open' });

    await user.click(within(row).getByRole('button', { name: '已处理' }));
    const step = await screen.findByRole('dialog', { name: '已处理：王芳' });
    await user.type(within(step).getByLabelText('处理人'), '老王');
    await user.type(within(step).getByLabelText('怎么处理的'), '道歉，补送一桶{Enter}');
    // Handled: it leaves the "to handle" filter.
    await waitFor(() => expect(screen.queryByRole('listitem', { name: '王芳 送晚了' })).not.toBeInTheDocument());
    await user.click(screen.getByText('全部'));
    const handled = await screen.findByRole('listitem', { name: '王芳 送晚了' });
    expect(within(handled).getByText(/已处理 · 老王 · 道歉，补送一桶/)).toBeInTheDocument();

    await user.click(within(handled).getByRole('button', { name: /^结\s?束$/ }));
    await user.click(within(await screen.findByRole('dialog', { name: '结束：王芳' })).getByRole('button', { name: /^结\s?束$/ }));
    await user.click(await within(screen.getByRole('listitem', { name: '王芳 送晚了' })).findByRole('button', { name: /^回\s?访$/ }));
    const followUp = await screen.findByRole('dialog', { name: '回访：王芳' });
    await user.click(within(followUp).getByText('满意'));
    await user.click(within(followUp).getByRole('button', { name: /^回\s?访$/ }));
    expect(await screen.findByText('回访：满意')).toBeInTheDocument();
    expect(backend.call('complaints.list', {}).items[0]).toMatchObject({ status: 'closed', satisfied: true });

    // A mistaken step comes back off.
    await user.click(screen.getByRole('button', { name: '撤销上一步' }));
    await waitFor(() => expect(backend.call('complaints.list', {}).items[0]!.satisfied).toBeNull());
  });

  it('marks a complaint nobody handled for a day, in English', async () => {
    app = await renderApp({ language: 'en' });
    const { backend, user } = app;
    const id = backend.call('customers.create', { draft: draft({ name: 'Li Lei' }) }).id;
    backend.call('complaints.record', { customerId: id, kind: 'quality', said: 'Bugs in the rice', date: '2026-11-20' });
    // The pinned clock runs on: recorded "now", so make it older through the database itself.
    backend.context.db.prepare("UPDATE complaints SET created_at = '2026-11-20T08:00:00.000Z'").run();
    await user.click(screen.getByRole('menuitem', { name: /Complaints/ }));
    const row = await screen.findByRole('listitem', { name: 'Li Lei Quality' });
    expect(within(row).getByText('Waiting over a day')).toBeInTheDocument();
    expect(screen.getByText('1 waiting over a day')).toBeInTheDocument();
  });

  it('Today says how many complaints wait over a day, and takes the shopkeeper to them', async () => {
    app = await renderApp();
    const { backend, user } = app;
    const id = backend.call('customers.create', { draft: draft({ name: '王芳' }) }).id;
    backend.call('complaints.record', { customerId: id, kind: 'late', said: '水送晚了' });
    backend.context.db.prepare("UPDATE complaints SET created_at = '2026-11-20T08:00:00.000Z'").run();
    // Today is shown again (it stays mounted): the count is asked anew.
    await user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await user.click(screen.getByRole('menuitem', { name: /今日/ }));
    expect(await screen.findByText('1 条投诉超过一天没处理')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '去处理' }));
    expect(await screen.findByRole('listitem', { name: '王芳 送晚了' })).toBeInTheDocument();
  });
});
