/**
 * One Vite build, two apps: index.html (public report form, tracking, the
 * office screens) and crew.html (the crew tablet PWA). The crew app adds its
 * own plugins (service worker, manifest) through src/crew/vite-plugins.ts so
 * it can evolve without editing this file.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { crewPlugins } from './src/crew/vite-plugins.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact(), ...crewPlugins()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: { index: here('index.html'), crew: here('crew.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
