import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = import.meta.dirname;

/**
 * The web app (web/) builds into dist/web, which the Fastify server serves. dkfds does not
 * export its CSS, fonts and icons, so `dkfds/...` points straight into its dist folder.
 */
export default defineConfig({
  root: path.join(repoRoot, 'web'),
  publicDir: path.join(repoRoot, 'web', 'public'),
  plugins: [react()],
  resolve: {
    alias: [{ find: /^dkfds\//, replacement: `${path.join(repoRoot, 'node_modules', 'dkfds', 'dist')}/` }],
  },
  build: {
    outDir: path.join(repoRoot, 'dist', 'web'),
    emptyOutDir: true,
    // The strict CSP allows no inline script; keep the module preload polyfill out of index.html.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
