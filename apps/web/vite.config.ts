import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { firstLoadBudget } from './build/first-load-budget';
import { localeParts } from './build/locale-parts';

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
  lib: ['@tanstack/query-core', '@tanstack/react-query', 'i18next', 'react-i18next'],
  // Not in the first load (ADR 054): zod and the contracts' schemas (below), loaded by the first
  // screen that parses with them.
  schemas: ['zod'],
};

/**
 * The contracts' modules: those that build schemas go with zod; the zod-free ones
 * (`@crm/contracts/plain`: code lists, constants), which the first load uses, into a chunk of their
 * own (else rollup would pull them into `schemas` with the modules that import them).
 */
const CONTRACTS_MODULE = /\/packages\/contracts\/src\/([^/]+)\.ts$/;
const PLAIN_CONTRACTS = ['code-lists', 'constants', 'plain'];

function vendorChunk(id: string) {
  // Each language's texts, each part a chunk of its own: never merged into the entry (ADR 054).
  const texts = /\/locales\/([\w-]+)\.json\?texts=(first|rest)$/.exec(id);
  if (texts) return `${texts[1]}-${texts[2]}`;
  const contracts = CONTRACTS_MODULE.exec(id)?.[1];
  if (contracts) return PLAIN_CONTRACTS.includes(contracts) ? 'contracts' : 'schemas';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];
  if (!pkg) return undefined;
  return Object.keys(VENDOR_CHUNKS).find((chunk) => VENDOR_CHUNKS[chunk]!.includes(pkg));
}

// `pnpm --filter @crm/web dev` serves the SPA with hot reload and forwards /api to a
// running API (pnpm start) on API_URL, default http://localhost:3000.
/**
 * What the collector's first load may weigh (issue 16: the workstation <= 150 KiB gzipped), in each
 * language, and what it must not carry: checked by every build (build/first-load-budget.ts, ADR 054).
 */
const NOT_IN_FIRST_LOAD = ['zod', 'date-fns', 'recharts', '@tanstack/react-table', 'react-hook-form', 'diff'];
const FIRST_LOAD = (['en', 'zh-CN'] as const).flatMap((lang) => [
  {
    name: `/login (${lang})`,
    modules: [`src/locales/${lang}.json?texts=first`],
    budgetKiB: 150,
    forbid: NOT_IN_FIRST_LOAD,
  },
  {
    name: `/work (${lang})`,
    modules: ['src/app/routes/workstation.tsx', `src/locales/${lang}.json?texts=first`],
    budgetKiB: 150,
    forbid: NOT_IN_FIRST_LOAD,
  },
]);

export default defineConfig(({ command }) => ({
  plugins: [react(), localeParts(), precompress(), firstLoadBudget(FIRST_LOAD)],
  resolve: {
    // React Router 7's package exports point at its development build (remix-run/react-router#12532,
    // #14102); the production build is the same code without the dev-only warnings.
    alias:
      command === 'build'
        ? [
            {
              find: /^react-router$/,
              replacement: path.resolve(import.meta.dirname, 'node_modules/react-router/dist/production/index.mjs'),
            },
          ]
        : [],
  },
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
}));
