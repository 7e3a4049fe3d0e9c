import { vi } from 'vitest';
vi.mock('electron', () => ({}));

import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, menuLabels } from '../../electron/main/menu.ts';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menu(isPackaged: boolean, locale = 'en-US', platform: NodeJS.Platform = 'win32') {
  const actions = { print: vi.fn(), saveAsPdf: vi.fn(), openDataFolder: vi.fn(), about: vi.fn() };
  return { actions, items: flatten(buildMenuTemplate({ isPackaged, locale, actions, platform })) };
}

describe('application menu', () => {
  it('has File, Edit, View, Help', () => {
    const template = buildMenuTemplate({
      isPackaged: true,
      locale: 'en',
      platform: 'win32',
      actions: { print() {}, saveAsPdf() {}, openDataFolder() {}, about() {} },
    });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('wires Print, Save as PDF, Open Data Folder and About to their actions, and Quit to the quit role', () => {
    const { actions, items } = menu(true);
    const byId = (id: string) => items.find((item) => item.id === id)!;
    (byId('print').click as () => void)();
    (byId('saveAsPdf').click as () => void)();
    (byId('openDataFolder').click as () => void)();
    (byId('about').click as () => void)();
    expect(actions.print).toHaveBeenCalledOnce();
    expect(actions.saveAsPdf).toHaveBeenCalledOnce();
    expect(actions.openDataFolder).toHaveBeenCalledOnce();
    expect(actions.about).toHaveBeenCalledOnce();
    expect(byId('print').accelerator).toBe('CmdOrCtrl+P');
    expect(items.some((item) => item.role === 'quit')).toBe(true);
  });

  it('leaves Ctrl+P and Ctrl+Z to the page on Windows and Linux, showing them in the menu; registers them on macOS', () => {
    const keys = (platform: NodeJS.Platform) =>
      menu(true, 'zh-CN', platform)
        .items.filter((item) => item.id === 'print' || item.role === 'undo' || item.role === 'redo')
        .map((item) => [item.id ?? item.role, item.registerAccelerator]);
    expect(keys('win32')).toEqual([
      ['print', false],
      ['undo', false],
      ['redo', false],
    ]);
    expect(keys('linux')).toEqual([
      ['print', false],
      ['undo', false],
      ['redo', false],
    ]);
    expect(keys('darwin')).toEqual([
      ['print', true],
      ['undo', true],
      ['redo', true],
    ]);
    expect(menu(true, 'zh-CN', 'win32').items.find((item) => item.id === 'print')!.accelerator).toBe('CmdOrCtrl+P');
  });

  it('offers developer tools only when not packaged; zoom and reload always', () => {
    const roles = (isPackaged: boolean) =>
      menu(isPackaged)
        .items.map((item) => item.role)
        .filter(Boolean);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('speaks Chinese on a Chinese system and English otherwise', () => {
    expect(menuLabels('zh-CN').print).toBe('打印…');
    expect(menuLabels('zh-TW').saveAsPdf).toBe('另存为 PDF…');
    expect(menuLabels('en-GB').print).toBe('Print…');
    expect(menu(true, 'zh-CN').items.find((item) => item.id === 'openDataFolder')!.label).toBe('打开数据文件夹');
  });
});
