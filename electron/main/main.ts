/**
 * Electron entry, bundled to dist-electron/main.cjs (CommonJS, so `__dirname` is the bundle's
 * folder: preload.cjs, backend.cjs and migrations/ are next to it, the renderer is at ../dist/renderer/).
 * Main holds no database: the backend runs in a utility process (backend.cjs).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess } from 'electron';
import { startApp } from './app.ts';

startApp({ app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess }, { mainDir: __dirname, argv: process.argv, env: process.env });
