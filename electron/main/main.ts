/**
 * Electron entry, bundled to dist-electron/main.cjs (CommonJS, so `__dirname` is the bundle's
 * folder: preload.cjs and migrations/ are next to it, the renderer is at ../dist/renderer/).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { openBackend } from '../backend/backend.ts';
import { startApp } from './app.ts';

startApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, session, shell },
  { mainDir: __dirname, argv: process.argv, env: process.env, openBackend },
);
