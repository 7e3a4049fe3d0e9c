/**
 * The one window: locked-down web preferences, hidden until its first paint so the shopkeeper
 * never sees a white flash, and sized for an old 1366x768 counter PC.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Huitou 回头客';

export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string;
}

export function mainWindowOptions({ preloadPath, iconPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
  const options: BrowserWindowConstructorOptions = {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
    },
  };
  if (iconPath) options.icon = iconPath;
  return options;
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the window and shows it once it has something to show. */
export function createMainWindow(BrowserWindowCtor: BrowserWindowClass, input: WindowOptionsInput): BrowserWindow {
  const win = new BrowserWindowCtor(mainWindowOptions(input));
  win.once('ready-to-show', () => win.show());
  return win;
}
