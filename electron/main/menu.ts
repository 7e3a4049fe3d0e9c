/**
 * The application menu: File (print, save as PDF, quit), Edit (so copy/paste shortcuts work
 * everywhere), View (reload, zoom; developer tools only in an unpackaged build), Help (open the
 * data folder, about). Labels follow the OS language: Chinese for zh*, English otherwise.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuLabels {
  file: string;
  print: string;
  saveAsPdf: string;
  quit: string;
  edit: string;
  view: string;
  reload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  help: string;
  openDataFolder: string;
  about: string;
}

const zh: MenuLabels = {
  file: '文件(&F)',
  print: '打印…',
  saveAsPdf: '另存为 PDF…',
  quit: '退出',
  edit: '编辑(&E)',
  view: '视图(&V)',
  reload: '重新加载',
  toggleDevTools: '开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '全屏',
  help: '帮助(&H)',
  openDataFolder: '打开数据文件夹',
  about: '关于回头客',
};

const en: MenuLabels = {
  file: '&File',
  print: 'Print…',
  saveAsPdf: 'Save as PDF…',
  quit: 'Quit',
  edit: '&Edit',
  view: '&View',
  reload: 'Reload',
  toggleDevTools: 'Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  fullScreen: 'Full Screen',
  help: '&Help',
  openDataFolder: 'Open Data Folder',
  about: 'About Huitou',
};

export function menuLabels(locale: string): MenuLabels {
  return locale.toLowerCase().startsWith('zh') ? zh : en;
}

export interface MenuActions {
  print(): void;
  saveAsPdf(): void;
  openDataFolder(): void;
  about(): void;
}

export interface MenuInput {
  isPackaged: boolean;
  locale: string;
  actions: MenuActions;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate({ isPackaged, locale, actions, platform }: MenuInput): MenuItemConstructorOptions[] {
  const t = menuLabels(locale);
  // On Windows and Linux a registered menu accelerator takes its keys before the page sees them: Ctrl+Z
  // would never undo the call list's last action, and Ctrl+P would print the Today screen instead of the
  // call list's print view. There the menu only shows these keys and the page handles them (Chromium
  // itself undoes typing in a field). On macOS the page sees key equivalents first, and fields rely on
  // the menu's Undo, so they stay registered.
  const registerAccelerator = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [{ role: 'reload', label: t.reload }];
  if (!isPackaged) view.push({ role: 'toggleDevTools', label: t.toggleDevTools });
  view.push(
    { type: 'separator' },
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  );
  return [
    {
      label: t.file,
      submenu: [
        { id: 'print', label: t.print, accelerator: 'CmdOrCtrl+P', registerAccelerator, click: () => actions.print() },
        { id: 'saveAsPdf', label: t.saveAsPdf, accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAsPdf() },
        { type: 'separator' },
        { role: 'quit', label: t.quit },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', registerAccelerator },
        { role: 'redo', registerAccelerator },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.help,
      submenu: [
        { id: 'openDataFolder', label: t.openDataFolder, click: () => actions.openDataFolder() },
        { type: 'separator' },
        { id: 'about', label: t.about, click: () => actions.about() },
      ],
    },
  ];
}
