import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console builds to dist/console, which the service serves at / (src/console/console.module.ts).
 * No inline script or style, no data: URLs (assetsInlineLimit 0), so the CSP needs no nonce or hash.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: {
      // Only the verify worker reaches these (through src/ledger): decision 0105.
      'node:crypto': here('src/shims/node-crypto.ts'),
      'node:buffer': here('src/shims/node-buffer.ts'),
    },
  },
  // Every script and style sheet also as .br and .gz beside it, made once here at the highest levels,
  // so the service sends them compressed without compressing per request (decision 0159).
  plugins: [compression({ include: /\.(js|css)$/, algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  worker: { format: 'es' },
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
