import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type RenderedApp } from './renderApp.tsx';

let app: RenderedApp | undefined;
afterEach(() => app?.backend.dispose());

describe('settings (real backend, real SQLite)', () => {
  it('the toast after switching to English is in English, and back in Chinese after switching back', async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /设置/ }));
    await app.user.click(screen.getByLabelText('语言'));
    await app.user.click(await screen.findByText('English'));
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect(screen.queryByText('设置已保存')).not.toBeInTheDocument();

    await app.user.click(screen.getByLabelText('Language'));
    await app.user.click(await screen.findByText('简体中文'));
    // Every message on screen follows the language, the one from the switch to English too.
    expect(await screen.findAllByText('设置已保存')).not.toHaveLength(0);
    expect(screen.queryByText('Settings saved')).not.toBeInTheDocument();
  });

  it("keeps the shop's phone, address and payment line for statements, each saved when left", async () => {
    app = await renderApp();
    await app.user.click(screen.getByRole('menuitem', { name: /设置/ }));
    await app.user.type(screen.getByLabelText('店里电话'), '0571-8888 6666{Enter}');
    await app.user.type(screen.getByLabelText('付款方式'), ' 微信/支付宝 138 0000 0000 ');
    await app.user.click(screen.getByLabelText('店铺地址'));
    await waitFor(() =>
      expect(app!.backend.call('shop.info', {}).settings).toMatchObject({
        shopPhone: '0571-8888 6666',
        shopAddress: '',
        paymentLine: '微信/支付宝 138 0000 0000',
      }),
    );
    expect(screen.getByLabelText('付款方式')).toHaveAttribute('maxLength', '100');
  });
});
