/**
 * "A message to send" on the Today screen, the real app on a real backend: M (or the button) puts the
 * row's message on the clipboard (a stub of navigator.clipboard: jsdom has none) and logs it as a
 * contact of kind message, undoable; Settings edits the wording per product.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../backend/helpers.ts';
import { renderApp, type RenderedApp } from './renderApp.tsx';

type SeededApp = RenderedApp & { zhang: number; rice: number; clipboard: string[] };
let app: SeededApp | undefined;
afterEach(() => app?.backend.dispose());

/** The clipboard as the app sees it: what was written, or a refusal (as Chromium's "Write permission denied"). */
function stubClipboard(refuse = false): string[] {
  const written: string[] = [];
  const writeText = async (text: string) => {
    if (refuse) throw new DOMException('Write permission denied', 'NotAllowedError');
    written.push(text);
  };
  // user-event's setup() puts its own clipboard on navigator: this one replaces it.
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  return written;
}

/** 张三丰 (幸福小区) ran out of 10 kg of rice on 11-18: due on the pinned day 2026-11-22, selected first. */
async function seededApp(options: { language?: 'zh-CN' | 'en'; refuse?: boolean } = {}): Promise<SeededApp> {
  const a = await renderApp(options.language ? { language: options.language } : {});
  const rice = a.backend.call('products.list', {})[0]!.id;
  const zhang = a.backend.call('customers.create', { draft: draft() }).id;
  for (const date of ['2026-09-21', '2026-10-21']) a.backend.call('sales.record', { customerId: zhang, productId: rice, quantity: 10, paid: true, date });
  await a.store.getState().loadCallList();
  const clipboard = stubClipboard(options.refuse);
  await waitFor(() => expect(zhangRow()).toHaveClass('call-row-selected'));
  return { ...a, zhang, rice, clipboard };
}

function zhangRow(): HTMLElement | null {
  return screen.queryByText('张三丰', { selector: '.call-name' })?.closest('.call-row') ?? null;
}

describe('a message to send, from Today', () => {
  it('M copies the filled message, logs it as a message and takes the row off today; Ctrl+Z undoes it', async () => {
    app = await seededApp();
    await app.user.keyboard('m');
    expect(await screen.findByText('给“张三丰”的消息已复制，粘贴到微信或短信发出；没回音明天再提醒')).toBeInTheDocument();
    expect(app.clipboard).toEqual(['张三丰，您家的大米差不多该用完了，还是送 10 公斤吗？——测试小店']);
    expect(app.backend.call('customers.contacts', { customerId: app.zhang })[0]).toMatchObject({ kind: 'message', productId: app.rice, undoneAt: null });
    // Due again tomorrow if nothing comes of it: in the next days, marked.
    await waitFor(() => expect(zhangRow()).toHaveTextContent('发了消息'));

    await app.user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByText('已撤销：张三丰')).toBeInTheDocument();
    expect(app.backend.call('customers.contacts', { customerId: app.zhang })[0]!.undoneAt).not.toBeNull();
    await waitFor(() => expect(zhangRow()).not.toHaveTextContent('发了消息'));
  });

  it('the button does the same, in English with the English default', async () => {
    app = await seededApp({ language: 'en' });
    await app.user.click(screen.getByRole('button', { name: /M Copy message/ }));
    expect(await screen.findByText(/Message to 张三丰 copied/)).toBeInTheDocument();
    expect(app.clipboard).toEqual(['Hello 张三丰, your Rice should be running low about now. Shall we bring 10 kg again? — 测试小店']);
  });

  it('a clipboard that refuses: an error says so and nothing is logged', async () => {
    app = await seededApp({ refuse: true });
    await app.user.keyboard('m');
    expect(await screen.findByText('没能复制到剪贴板，请再试一次')).toBeInTheDocument();
    expect(app.backend.call('customers.contacts', { customerId: app.zhang })).toEqual([]);
    expect(zhangRow()).toHaveClass('call-row-selected');
  });

  it('a lapsed household has its own button', async () => {
    app = await seededApp();
    const gone = app.backend.call('customers.create', { draft: draft({ name: '钱七', phones: ['13600003333'] }) }).id;
    app.backend.call('sales.record', { customerId: gone, productId: app.rice, quantity: 5, paid: true, date: '2026-06-01' });
    await app.store.getState().loadCallList();
    await app.user.click(await screen.findByRole('button', { name: '看看是谁' }));
    const row = (await screen.findByText('钱七')).closest('tr') as HTMLElement;
    await app.user.click(within(row).getByRole('button', { name: '复制消息' }));
    expect(await screen.findByText(/给“钱七”的消息已复制/)).toBeInTheDocument();
    expect(app.clipboard).toEqual(['钱七，您家的大米差不多该用完了，还是送 5 公斤吗？——测试小店']);
    expect(app.backend.call('customers.contacts', { customerId: gone })[0]).toMatchObject({ kind: 'message' });
  });
});

describe('a payment reminder, from Collections', () => {
  it('the copy button copies what is owed in the shop voice and logs a message, undoable', async () => {
    app = await seededApp();
    const owes = app.backend.call('customers.create', { draft: draft({ name: '周八', phones: ['13500005555'], payday: 15 }) }).id;
    app.backend.call('sales.record', { customerId: owes, productId: app.rice, quantity: 20, paid: false, date: '2026-11-01' });
    await app.user.click(screen.getByRole('menuitem', { name: /收账/ }));
    const row = (await screen.findByText('周八')).closest('tr') as HTMLElement;
    await app.user.click(within(row).getByRole('button', { name: '复制欠款提醒，粘贴到微信或短信发给客户' }));
    const notice = (await screen.findByText('给“周八”的欠款提醒已复制，粘贴到微信或短信发出')).closest('.ant-message-notice') as HTMLElement;
    expect(app.clipboard).toEqual(['周八，您好！您在本店还有 ¥120.00 未结，方便时结一下，谢谢！——测试小店']);
    expect(app.backend.call('customers.contacts', { customerId: owes })[0]).toMatchObject({ kind: 'message', productId: null, undoneAt: null });
    await waitFor(() => expect(screen.queryByText('周八')).not.toBeInTheDocument());

    await app.user.click(within(notice).getByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByText('周八')).toBeInTheDocument();
    expect(app.backend.call('customers.contacts', { customerId: owes })[0]!.undoneAt).not.toBeNull();
  });
});

describe('message templates in Settings', () => {
  it("a product's own wording is saved and used; an unknown placeholder is named and cannot be saved", async () => {
    app = await seededApp();
    await app.user.click(screen.getByRole('menuitem', { name: /设置/ }));
    const box = await screen.findByRole('textbox', { name: '大米的消息' });
    expect(box).toHaveAttribute('placeholder', '{称呼}，您家的{商品}差不多该用完了，还是送 {数量} {单位}吗？——{店名}');
    const save = screen.getByRole('button', { name: '保存消息' });
    expect(save).toBeDisabled();

    await app.user.type(box, '{{名字}，米还够吗');
    expect(await screen.findByText(/有不认识的占位符.*\(\{名字\}\)/)).toBeInTheDocument();
    expect(save).toBeDisabled();

    await app.user.clear(box);
    // user-event reads "{{" as one "{".
    await app.user.type(box, '{{称呼}}，米还够吗');
    expect(await screen.findByText(/有不认识的占位符.*\(\}\)/)).toBeInTheDocument();
    await app.user.clear(box);
    await app.user.type(box, '{{称呼}，米还够吗？要的话还是 {{数量}{{单位}。');
    await app.user.click(save);
    expect(await screen.findByText('设置已保存')).toBeInTheDocument();
    expect(app.backend.call('shop.info', {}).settings.messageTemplates).toEqual({ [String(app.rice)]: '{称呼}，米还够吗？要的话还是 {数量}{单位}。' });

    await app.user.click(screen.getByRole('menuitem', { name: /今日/ }));
    await waitFor(() => expect(zhangRow()).toHaveClass('call-row-selected'));
    await app.user.keyboard('m');
    await screen.findByText(/给“张三丰”的消息已复制/);
    expect(app.clipboard).toEqual(['张三丰，米还够吗？要的话还是 10公斤。']);
  });
});
