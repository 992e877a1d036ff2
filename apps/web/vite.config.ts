import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt)$/;

/**
 * Brotli (best) and gzip (level 9) copies of every built text file of 1 kB or more, beside it
 * (x.js.br, x.js.gz), for @fastify/static's `preCompressed` (ADR 044): compressed once here, never
 * per request. Source maps are left alone (only devtools fetch them).
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'crm:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(dir, file);
          const data = await readFile(full);
          if (data.length < 1024) return;
          const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length };
          await writeFile(`${full}.br`, await br(data, { params }));
          await writeFile(`${full}.gz`, await gz(data, { level: 9 }));
        }),
      );
    },
  };
}

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
  plugins: [react(), precompress()],
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
