import { screen } from '@testing-library/react';
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
});
