// Bundles the server and the job worker (with the workspace packages they use) into dist/main.js
// and dist/worker.js. Packages from
// node_modules stay external and are loaded at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts', 'src/worker.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalize-node-modules',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@crm/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
