import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm --filter @crm/web dev` serves the SPA with hot reload and forwards /api to a
// running API (pnpm start) on API_URL, default http://localhost:3000.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1000 },
});
