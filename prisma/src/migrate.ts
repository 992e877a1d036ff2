import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
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
 *
 * Several processes starting at once on one database (N API instances, workers; ADR 043) take
 * turns: the whole step runs under one advisory lock, which a starting process waits for as long
 * as another holds it. Prisma's own lock gives up after 10 s (P1002), and its CLI alone can take
 * longer than that on a busy machine; the job engine's grants and policies would race too.
 */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Nothing pending (every start of an instance but the first after a release): no CLI run.
    const pending = await pendingMigrations(client);
    const out =
      pending?.length === 0
        ? 'All migrations have been applied; nothing to do.\n'
        : await runPrisma(['migrate', 'deploy'], databaseUrl);
    await migrateJobEngine(databaseUrl);
    return out;
  } finally {
    // Ending the session releases the lock, also when a step failed.
    await client.end();
  }
}
/**
 * The migration folders not yet applied, or null when the history has a failed migration (the
 * CLI then says what to do). Read from Prisma's own table, as `migrate deploy` reads it.
 */
async function pendingMigrations(client: pg.Client): Promise<string[] | null> {
  const folders = (await readdir(path.join(prismaDir(), 'migrations'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const { rows: table } = await client.query<{ t: string | null }>(
    "SELECT to_regclass('_prisma_migrations')::text AS t",
  );
  if (!table[0]?.t) return folders;
  const { rows } = await client.query<{
    migration_name: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations');
  if (rows.some((r) => !r.finished_at && !r.rolled_back_at)) return null;
  const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  return folders.filter((f) => !applied.has(f));
}

/** The advisory lock key that serialises start-up migrations ('crm.migrate'; not Prisma's 72707369). */
const MIGRATION_LOCK = 0x63726d6d;

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
