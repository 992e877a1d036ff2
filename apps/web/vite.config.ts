import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Libraries every screen needs, in chunks of their own (ADR 044): they change less often than our
 * code, so a release usually leaves them cached. Only what the first load uses belongs here;
 * a screen's own libraries (charts, tables, forms) stay with the screen's lazily loaded code.
 */
const VENDOR_CHUNKS: Record<string, string[]> = {
  react: ['react', 'react-dom', 'scheduler', 'react-router'],
  lib: ['@tanstack/query-core', '@tanstack/react-query', 'i18next', 'react-i18next', 'zod'],
};

function vendorChunk(id: string) {
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];
  if (!pkg) return undefined;
  return Object.keys(VENDOR_CHUNKS).find((chunk) => VENDOR_CHUNKS[chunk]!.includes(pkg));
}

// `pnpm --filter @crm/web dev` serves the SPA with hot reload and forwards /api to a
// running API (pnpm start) on API_URL, default http://localhost:3000.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rollupOptions: {
      output: {
        manualChunks: vendorChunk,
        // Many screens share a few tiny modules (query keys, small helpers): merge chunks under
        // 8 kB into their importers instead of one request each.
        experimentalMinChunkSize: 8_000,
      },
    },
  },
});
