import { spawn } from 'node:child_process';
import path from 'node:path';
import { prismaDir } from './paths.js';

/** Runs a Prisma CLI command in the prisma/ package against `databaseUrl`. */
export function runPrisma(args: string[], databaseUrl: string): Promise<string> {
  const dir = prismaDir();
  const cli = path.join(dir, 'node_modules', 'prisma', 'build', 'index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`prisma ${args.join(' ')} failed (${code}):\n${out}`)),
    );
  });
}

/** Applies pending migrations with `prisma migrate deploy` (the production path). */
export function migrateDeploy(databaseUrl: string): Promise<string> {
  return runPrisma(['migrate', 'deploy'], databaseUrl);
}
