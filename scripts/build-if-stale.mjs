// Builds the SPA and the server bundle when they are missing or older than their sources.
// Used by `pnpm start` and before the end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = (...p) => path.join(root, ...p);

function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') visit(path.join(p, name));
    } else if (s.mtimeMs > newest) newest = s.mtimeMs;
  };
  entries.forEach(visit);
  return newest;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const shared = [r('packages/contracts/src'), r('packages/domain/src'), r('pnpm-lock.yaml')];

const targets = [
  {
    name: 'web (SPA)',
    output: r('apps/web/dist/index.html'),
    inputs: [r('apps/web/src'), r('apps/web/index.html'), r('apps/web/vite.config.ts'), ...shared],
    command: ['pnpm', ['--filter', '@crm/web', 'run', 'build']],
  },
  {
    name: 'api (server)',
    output: r('apps/api/dist/worker.js'),
    inputs: [
      r('apps/api/src'),
      r('apps/api/build.mjs'),
      r('packages/zones/src'),
      r('prisma/src'),
      r('prisma/seed'),
      r('prisma/schema.prisma'),
      ...shared,
    ],
    command: ['pnpm', ['--filter', '@crm/api', 'run', 'build']],
  },
];

/** `only`: the names of the targets to check ('api (server)' for the server alone); default all. */
export function buildIfStale({ quiet = false, only = undefined } = {}) {
  if (
    !existsSync(r('prisma/generated/client/client.ts')) ||
    mtime(r('prisma/schema.prisma')) > mtime(r('prisma/generated/client/client.ts'))
  ) {
    run('Prisma client', ['pnpm', ['--filter', '@crm/db', 'run', 'generate']]);
  }
  for (const target of targets) {
    if (only && !only.includes(target.name)) continue;
    if (mtime(target.output) >= newestMtime(target.inputs)) {
      if (!quiet) console.log(`✓ ${target.name} is up to date`);
      continue;
    }
    run(target.name, target.command);
  }
}

function run(name, [cmd, args]) {
  console.log(`… building ${name}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ building ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

// `--api-only`: the server bundle alone (tests that start API processes do not need the SPA).
if (import.meta.url === `file://${process.argv[1]}`)
  buildIfStale({ only: process.argv.includes('--api-only') ? ['api (server)'] : undefined });
