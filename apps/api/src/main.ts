// Entry point of `pnpm start`: database (embedded or DATABASE_URL) -> migrations ->
// default policies -> demo data when wanted -> HTTP server for the API and the SPA.
import { createPrismaClient } from '@crm/db';
import { openLocalDatabase } from '@crm/db/local-database';
import { migrateDeploy } from '@crm/db/migrate';
import { DEMO_PASSWORD, DEMO_USERS, ensureReferenceData, isDatabaseEmpty, seedDemo } from '@crm/db/seed';
import pg from 'pg';
import pino from 'pino';
import pretty from 'pino-pretty';
import { buildApp } from './app.js';
import { loadEnv } from './config/env.js';
import { startServer } from './server.js';

const env = loadEnv();
// JSON logs for machines; readable lines when a person watches the terminal.
const log = pino(
  {
    level: env.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  },
  process.stdout.isTTY ? pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }) : undefined,
);

const database = await openLocalDatabase({
  databaseUrl: env.DATABASE_URL,
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
  await pool.end();
  const seedDemoData = empty && (database.embedded || env.SEED_DEMO === '1');
  if (seedDemoData) {
    log.info({ accounts: env.DEMO_ACCOUNTS }, 'empty database: loading the demo portfolio');
    const result = await seedDemo(database.url, { accounts: env.DEMO_ACCOUNTS });
    log.info({ ms: result.ms }, 'demo portfolio loaded');
  }

  const db = createPrismaClient(database.url);
  const app = await buildApp({ env, db, logger: log });
  const address = await startServer(app, {
    host: env.HOST,
    port: env.PORT,
    onClose: async () => {
      await db.$disconnect();
      await database.stop();
    },
  });
  const url = address.replace('127.0.0.1', 'localhost');
  const hasDemoUsers = await db.user.count({ where: { username: { in: DEMO_USERS.map((u) => u.username) } } }) > 0;
  const noUsers = !hasDemoUsers && (await db.user.count()) === 0;
  process.stdout.write(
    `\n  Collector workstation is running at ${url}\n  API docs: ${url}/api/docs\n` +
      (hasDemoUsers
        ? `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}\n`
        : noUsers
          ? '  This database has no users yet: create the first admin with `pnpm db:create-admin --username NAME`.\n'
          : '') +
      (database.embedded ? '  Ctrl-C stops the server and the database; data is kept.\n\n' : '  Ctrl-C stops the server.\n\n'),
  );
} catch (err) {
  log.error({ err }, 'failed to start');
  await database.stop();
  process.exit(1);
}
