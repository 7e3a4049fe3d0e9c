import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import { createMainWindow, mainWindowOptions, WINDOW_TITLE } from '../../electron/main/window.ts';
import type { BrowserWindowClass } from '../../electron/main/window.ts';
import { FakeBrowserWindow } from './fakes.ts';

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs' });

  it('isolates and sandboxes the page, with no Node in it', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist-electron/preload.cjs',
    });
  });

  it('is titled, sized for a counter PC, and hidden until painted', () => {
    expect(options.title).toBe('Huitou 回头客');
    expect(WINDOW_TITLE).toBe('Huitou 回头客');
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 680, show: false });
  });

  it('shows the window on ready-to-show, not before', () => {
    const win = createMainWindow(FakeBrowserWindow as unknown as BrowserWindowClass, { preloadPath: '/p.cjs' }) as unknown as FakeBrowserWindow;
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});
