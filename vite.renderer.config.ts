import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer, built once and loaded by both shells (Electron's file:// and the browser shell). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});
