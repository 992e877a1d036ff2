// Shared pieces of the benchmarks: the benchmark database, the built server in its own process, logins.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { openLocalDatabase } from '@crm/db/local-database';
import { migrateDeploy } from '@crm/db/migrate';
import { repoRoot } from '@crm/db/paths';
import { DEMO_PASSWORD, ensureReferenceData, seedDemo } from '@crm/db/seed';
import pg from 'pg';

/**
 * An embedded benchmark database (default .data/bench-postgres), seeded once with `accounts`
 * accounts; `historyScale` multiplies the contact history per account.
 */
export async function openBenchDatabase(
  accounts: number,
  /** `expectAccounts`: the count that means "already seeded" (a database inflated after its seed). */
  options: { dataDir?: string; historyScale?: number; expectAccounts?: number } = {},
) {
  const db = await openLocalDatabase({
    databaseUrl: process.env.DATABASE_URL,
    migrationDatabaseUrl: process.env.MIGRATION_DATABASE_URL,
    dataDir: path.join(repoRoot(), '.data', options.dataDir ?? 'bench-postgres'),
  });
  await migrateDeploy(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  // An idle connection the server drops (its shutdown at the end of a run) is not a failure of the run.
  pool.on('error', (err) => console.error(`benchmark pool: ${err.message}`));
  const { rows } = await pool.query<{ n: string; collectors: string }>(
    "SELECT (SELECT count(*) FROM accounts) AS n, (SELECT count(*) FROM users WHERE role = 'collector') AS collectors",
  );
  // Re-seed when the size differs or the seed's book size changed (about 1,000 accounts per collector).
  const n = Number(rows[0]!.n);
  if ((n !== accounts && n !== options.expectAccounts) || Number(rows[0]!.collectors) < accounts / 1_000) {
    console.log(`Seeding ${accounts.toLocaleString('en')} accounts (once; reused by later runs)...`);
    const { rows: tables } = await pool.query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    await pool.query(`TRUNCATE ${tables.map((r) => `"${r.t}"`).join(', ')} CASCADE`);
    const seeded = await seedDemo(db.url, {
      accounts,
      historyScale: options.historyScale ?? 1,
      log: (line) => console.log(line),
    });
    console.log(`  seeded in ${(seeded.ms / 1000).toFixed(0)} s`);
  }
  await ensureReferenceData(pool);
  return { url: db.url, appUrl: db.appUrl, pool, stop: db.stop };
}

/**
 * The built server (apps/api/dist) on 127.0.0.1:port, with background jobs off. It connects as
 * the app role (`db.appUrl`) like any deployment; the owner (`db.url`) runs its migrations.
 */
export async function startServer(
  db: { url: string; appUrl: string },
  port: number,
  /** Overrides, e.g. `{ JOBS: 'in-process' }` for a bench whose work runs as jobs. */
  env: Record<string, string> = {},
  /** Node options for the server, e.g. `--cpu-prof` (its HTTP workers inherit them). */
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...nodeArgs, path.join(repoRoot(), 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      SEED_DEMO: '0',
      JOBS: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error('server exited during start');
    if (
      await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy');
}

export async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('crm_csrf='))!.split('=')[1]!;
  const id = ((await res.json()) as { user: { id: string } }).user.id;
  return { id, cookie: cookies.join('; '), csrf };
}

/** Stops the server process and waits until it has exited (before its database is stopped). */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  await exited;
}

/**
 * What recording an outcome costs as plain SQL, for the benchmarks' ratios: in one transaction the
 * attempt (inbound, so no gate), the lease released, and the audit event.
 */
export async function recordOutcomeSql(
  pool: pg.Pool,
  p: { account_id: string; debtor_id: string; collector_id: string },
  channel: 'phone' | 'letter',
  notes: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: inserted } = await client.query<{ id: string }>(
      `INSERT INTO contact_attempts (id, account_id, debtor_id, collector_id, channel, direction, party_reached, disposition, notes, started_at, idempotency_key)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'inbound', 'debtor', 'right_party_contact', $5, now(), $6) RETURNING id`,
      [p.account_id, p.debtor_id, p.collector_id, channel, notes, randomUUID()],
    );
    await client.query(
      'UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE id = $1 AND leased_by_id = $2',
      [p.account_id, p.collector_id],
    );
    await client.query(
      "INSERT INTO audit_events (actor_id, action, entity_type, entity_id, data) VALUES ($1, 'contact_attempt.recorded', 'account', $2, $3)",
      [p.collector_id, p.account_id, JSON.stringify({ attemptId: inserted[0]!.id })],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
