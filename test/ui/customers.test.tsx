import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

const save = /保\s?存/;

async function createCustomer(a: RenderedApp, fields: { name: string; phone?: string; adults?: string; children?: string }) {
  await a.user.keyboard('{F2}');
  const dialog = await screen.findByRole('dialog', { name: '新建客户' });
  await a.user.type(within(dialog).getByLabelText('姓名 / 户名'), fields.name);
  if (fields.phone) await a.user.type(within(dialog).getByLabelText('电话 1'), fields.phone);
  if (fields.adults !== undefined) {
    const adults = within(dialog).getByLabelText('大人');
    await a.user.clear(adults);
    await a.user.type(adults, fields.adults);
  }
  if (fields.children !== undefined) {
    const children = within(dialog).getByLabelText('小孩');
    await a.user.clear(children);
    await a.user.type(children, fields.children);
  }
  await a.user.click(within(dialog).getByRole('button', { name: save }));
  return dialog;
}

describe('customer book (real backend, real SQLite)', () => {
  it('offers a demo shop or an empty start on first run, and the demo fills the book', async () => {
    app = await renderApp({ onboard: 'none' });
    expect(await screen.findByRole('heading', { name: '欢迎使用回头客' })).toBeInTheDocument();
    await app.user.type(screen.getByLabelText('店名'), '老王粮油店');
    await app.user.click(screen.getByRole('button', { name: /打开示范店铺/ }));
    expect(await screen.findByText('老王粮油店', {}, { timeout: 30_000 })).toBeInTheDocument();
    // The app opens on today's call list; the book is one click away.
    expect(await screen.findByRole('heading', { name: '今日' })).toBeInTheDocument();
    await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    expect(await screen.findByText('150 户')).toBeInTheDocument();
    expect(app.backend.call('shop.info', {}).customerCount).toBe(150);
  }, 45_000);

  it('an empty book says how to start, F2 or an import from Excel; all archived is not an empty book', async () => {
    app = await renderApp();
    const a = app;
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    const empty = (await screen.findByText('还没有客户，按 F2 新建')).closest('.book-empty') as HTMLElement;
    expect(empty).toHaveTextContent('已经有 Excel 或 WPS 表格的客户名单？可以一次导入。');
    await a.user.click(within(empty).getByRole('button', { name: /从表格导入客户/ }));
    expect(await screen.findByRole('heading', { name: '数据' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('表格文件')).toHaveFocus());

    // A search that finds nothing, or a book whose households are all archived, is not an empty shop.
    const id = a.backend.call('customers.create', { draft: { name: '孙七', phones: ['13600002222'], adults: 2, children: 0, seniors: 0 } }).id;
    a.backend.call('customers.archive', { id });
    await a.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    expect(await screen.findByText('没有在用的客户。已归档的，勾选“显示已归档”可以看到。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /从表格导入客户/ })).not.toBeInTheDocument();
    await a.user.type(screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）'), 'zz');
    expect(await screen.findByText('没有找到“zz”')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /从表格导入客户/ })).not.toBeInTheDocument();
  });

  it('creates a household with F2, normalises the phone, and finds it by pinyin initials and last four digits', async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    expect(await screen.findByText('还没有客户，按 F2 新建')).toBeInTheDocument();
    await createCustomer(app, { name: '张三丰', phone: '１３８-1234 5678', adults: '2', children: '1' });
    expect(await screen.findByText('已新建客户“张三丰”')).toBeInTheDocument();
    const detailTitle = await screen.findByRole('heading', { name: '张三丰' });
    expect(detailTitle).toBeInTheDocument();
    expect(screen.getByText('138 1234 5678', { selector: '.ant-descriptions-item-content .nowrap' })).toBeInTheDocument();
    expect(app.backend.call('customers.search', { query: '' }).items[0]).toMatchObject({ name: '张三丰', phone: '13812345678', people: 3 });

    await createCustomer(app, { name: '李四', phone: '13999990000' });
    const search = screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）');
    await app.user.clear(search);
    await app.user.type(search, 'zsf');
    const list = screen.getByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    expect(within(list).getByRole('option')).toHaveTextContent('张三丰');

    await app.user.clear(search);
    await app.user.type(search, '0000');
    await waitFor(() => expect(within(screen.getByRole('listbox')).getByRole('option')).toHaveTextContent('李四'));

    await app.user.clear(search);
    await app.user.type(search, '没有这个人');
    expect(await screen.findByText('没有找到“没有这个人”')).toBeInTheDocument();

    // "/" out of habit in an emptied search box: like F3, not typed; after some text, a slash
    await app.user.clear(search);
    await app.user.keyboard('/');
    await app.user.keyboard('zsf');
    await waitFor(() => expect(within(screen.getByRole('listbox')).getByRole('option')).toHaveTextContent('张三丰'));
    expect(screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）')).toHaveValue('zsf');
    await app.user.keyboard('/');
    expect(screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）')).toHaveValue('zsf/');
  });

  it('shows translated field errors from the backend and writes nothing', async () => {
    app = await renderApp();
    const dialog = await createCustomer(app, { name: '王五', phone: '12ab', adults: '0' });
    expect(await within(dialog).findByText('家庭至少要有 1 个人')).toBeInTheDocument();
    expect(within(dialog).getByText('电话号码格式不对（手机 11 位，座机、服务号 5 到 15 位数字）')).toBeInTheDocument();
    expect(app.backend.call('shop.info', {}).customerCount).toBe(0);
  });

  it('says 31 adults is too many instead of silently saving 30', async () => {
    app = await renderApp();
    const dialog = await createCustomer(app, { name: '周八', adults: '31' });
    expect(await within(dialog).findByText('不能超过 30')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('大人')).toHaveValue('31');
    expect(app.backend.call('shop.info', {}).customerCount).toBe(0);
  });

  it('takes the phone error away once the number is fixed', async () => {
    app = await renderApp();
    const dialog = await createCustomer(app, { name: '吴九', phone: '12ab' });
    const phoneError = '电话号码格式不对（手机 11 位，座机、服务号 5 到 15 位数字）';
    expect(await within(dialog).findByText(phoneError)).toBeInTheDocument();
    const phone = within(dialog).getByLabelText('电话 1');
    await app.user.clear(phone);
    await app.user.type(phone, '138－1234－5678');
    await waitFor(() => expect(within(dialog).queryByText(phoneError)).not.toBeInTheDocument());
    await app.user.click(within(dialog).getByRole('button', { name: save }));
    expect(await screen.findByRole('heading', { name: '吴九' })).toBeInTheDocument();
    expect(app.backend.call('customers.search', { query: '' }).items[0]).toMatchObject({ name: '吴九', phone: '13812345678' });
  });

  it('shows the household just created with F2: selected, in the list, its record from the top', async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await createCustomer(app, { name: '郑十', phone: '13500003333' });
    await screen.findByRole('heading', { name: '郑十' });
    const search = screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）');
    await app.user.type(search, '李');
    expect(await screen.findByText('没有找到“李”')).toBeInTheDocument();
    // jsdom lays nothing out: the pane remembers where it was scrolled, as a browser would.
    const pane = document.querySelector('.book-detail-pane') as HTMLElement;
    Object.defineProperty(pane, 'scrollTop', { value: 400, writable: true, configurable: true });

    await createCustomer(app, { name: '王芳', phone: '13600004444' });
    expect(await screen.findByRole('heading', { name: '王芳' })).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('listbox')).getByRole('option', { selected: true })).toHaveTextContent('王芳'));
    expect(pane.scrollTop).toBe(0);
  });

  it('a new answer starts at its first row, not at the household open further down the list', async () => {
    app = await renderApp();
    for (let i = 0; i < 25; i++)
      app.backend.call('customers.create', { draft: draft({ name: `张家${String(i).padStart(2, '0')}`, phones: [`1350000${String(i).padStart(4, '0')}`] }) });
    await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
    await app.store.getState().refreshResults();
    const deep = app.store.getState().results[20]!;
    await app.store.getState().select(deep.id);
    const list = screen.getByRole('listbox');
    const scrolledTo: number[] = [];
    // jsdom lays nothing out: where the list is asked to scroll is what a browser would show.
    list.scrollTo = ((options: ScrollToOptions) => void scrolledTo.push(options.top ?? 0)) as typeof list.scrollTo;
    // Scrolled down to the household, as a browser would have it.
    Object.defineProperty(list, 'scrollTop', { value: 64 * 15, writable: true, configurable: true });
    fireEvent.scroll(list);
    await app.user.type(screen.getByLabelText('姓名 / 电话 / 拼音首字母（/ 或 F3）'), '张家');
    await waitFor(() => expect(app!.store.getState().query).toBe('张家'));
    await waitFor(() => expect(scrolledTo.length).toBeGreaterThan(0));
    expect(app.store.getState().selectedId).toBe(deep.id);
    expect(scrolledTo.filter((top) => top !== 0)).toEqual([]);
  });

  it('flags a second customer with the same phone instead of silently creating it', async () => {
    app = await renderApp();
    await createCustomer(app, { name: '赵六', phone: '13700001111' });
    await screen.findByRole('heading', { name: '赵六' });
    await createCustomer(app, { name: '赵六家', phone: '137 0000 1111' });
    const confirm = await screen.findByText('电话已属于“赵六”。可能是同一户客户。仍然保存吗？');
    expect(confirm).toBeInTheDocument();
    await app.user.click(within(confirm.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /取\s?消/ }));
    expect(app.backend.call('shop.info', {}).customerCount).toBe(1);
  });

  it('records a sale, lists it, and archives the customer with undo', async () => {
    app = await renderApp();
    await createCustomer(app, { name: '孙七', phone: '13600002222' });
    await screen.findByRole('heading', { name: '孙七' });
    await app.user.click(screen.getByRole('button', { name: '记一笔' }));
    const dialog = await screen.findByRole('dialog', { name: '记一笔：孙七' });
    const quantity = within(dialog).getByLabelText('数量');
    await app.user.clear(quantity);
    await app.user.type(quantity, '10{Enter}');
    expect(await screen.findByText(/已记账：大米 10 公斤，¥60\.00/)).toBeInTheDocument();
    const purchases = screen.getByText('购买记录').closest('.ant-card') as HTMLElement;
    expect(await within(purchases).findByText('¥60.00')).toBeInTheDocument();
    const customerId = app.store.getState().selectedId!;
    expect(app.backend.call('sales.listForCustomer', { customerId })).toMatchObject([{ quantity: 10, amountFen: 6000, paid: true, date: '2026-11-22' }]);

    await app.user.click(screen.getByRole('button', { name: /归\s?档/ }));
    const confirmOk = await screen.findByText('归档“孙七”？归档后可以随时恢复，记录不会删除。');
    await app.user.click(within(confirmOk.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /归\s?档/ }));
    expect(await screen.findByText('已归档“孙七”')).toBeInTheDocument();
    expect(app.backend.call('customers.search', { query: '' }).items).toHaveLength(0);
    await app.user.click(within(screen.getByText('已归档“孙七”').closest('.ant-message-notice') as HTMLElement).getByRole('button', { name: /撤\s?销/ }));
    await waitFor(() => expect(app!.backend.call('customers.search', { query: '' }).items).toHaveLength(1));
  });

  it('switches to English in settings, every label follows', async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /设置/ }));
    await app.user.click(screen.getByLabelText('语言'));
    await app.user.click(await screen.findByText('English'));
    expect(await screen.findByRole('menuitem', { name: /Customers/ })).toBeInTheDocument();
    expect(screen.getByText('Keyboard shortcuts')).toBeInTheDocument();
    expect(app.backend.call('shop.info', {}).settings.language).toBe('en');
  });
});
