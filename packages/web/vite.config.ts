import { defineConfig } from 'vite';

// Static files for the Koa server (and later the compose stack's own container). `npm run dev -w @glimpse/web`
// proxies the API to a server started with `npx glimpse serve`.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 100 },
  server: { proxy: { '/api': 'http://127.0.0.1:7788' } },
});
