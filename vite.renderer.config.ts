import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/shellConstants.ts';

/** The same policy as the shells' headers, also in the page itself: file:// pages get no headers in some Electron versions. */
function contentSecurityPolicyMeta(): Plugin {
  // Browsers ignore (and warn about) frame-ancestors in a meta tag; the headers carry it.
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'huitou-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${metaPolicy}" />`),
  };
}

/** The renderer, built once and loaded by both shells (Electron's file:// and the browser shell). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});
