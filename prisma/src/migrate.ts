import { spawn } from 'node:child_process';
import path from 'node:path';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { APP_ROLE } from './app-role.js';
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

/**
 * Applies pending migrations with `prisma migrate deploy` (the production path), then the job
 * engine's own schema (graphile-worker, ADR 040), both as the schema owner.
 */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
  const out = await runPrisma(['migrate', 'deploy'], databaseUrl);
  await migrateJobEngine(databaseUrl);
  return out;
}

/**
 * graphile-worker's schema (`graphile_worker`), installed and upgraded by its own migrations,
 * then opened to the app role: it adds, takes and completes jobs (ADR 011: it owns nothing).
 * The job engine's tables are its own business; our migrations never touch them.
 */
export async function migrateJobEngine(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await runMigrations({ pgPool: pool, logger: quietLogger });
    await pool.query(`
      GRANT USAGE ON SCHEMA graphile_worker TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${APP_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${APP_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${APP_ROLE};`);
    // Its tables have row-level security on with no policy (only their owner may use them): the
    // app role gets one policy per table that lets it do what the grants above allow.
    await pool.query(`
      DO $$
      DECLARE t record;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity LOOP
          EXECUTE format('DROP POLICY IF EXISTS ${APP_ROLE}_jobs ON graphile_worker.%I', t.relname);
          EXECUTE format('CREATE POLICY ${APP_ROLE}_jobs ON graphile_worker.%I TO ${APP_ROLE} USING (true) WITH CHECK (true)', t.relname);
        END LOOP;
      END $$`);
  } finally {
    await pool.end();
  }
}

/** The job engine's migration messages below warnings stay out of `pnpm start`'s output. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.warn(`graphile-worker: ${message}`);
});
