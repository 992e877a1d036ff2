// Entry point of `pnpm worker`: a job worker without HTTP (ADR 040), for deployments that run jobs
// apart from the API (start the API with JOBS=off, or keep both). Any number may run on one
// database; each job is taken by one of them. It needs DATABASE_URL (the app role) of a database
// that `pnpm start` or `pnpm db:migrate` has migrated: it changes no schema.
import { createPrismaClient } from '@crm/db';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadEnv } from './config/env.js';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL });
if (!env.DATABASE_URL) {
  process.stderr.write(
    '\n  `pnpm worker` needs DATABASE_URL: the database the API uses (its app role), already migrated.\n' +
      '  With the embedded PostgreSQL: start the API with a fixed port (EMBEDDED_PG_PORT=5499 pnpm start), then\n' +
      '  DATABASE_URL=postgresql://crm_app_login:crm_app_login@127.0.0.1:5499/collector pnpm worker\n\n',
  );
  process.exit(1);
}

const db = createPrismaClient(env.DATABASE_URL);
// The same composition as the API (one set of services), with the job runner on and no listener.
const app = await buildApp({ env: { ...env, JOBS: 'in-process' }, db, logger: log, jobsDatabaseUrl: env.DATABASE_URL });
let closing = false;
const shutdown = async (reason: string) => {
  if (closing) return;
  closing = true;
  log.info({ reason }, 'worker stopping: running jobs finish first');
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  await app.close();
  await db.$disconnect();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
await app.ready();
log.info({ concurrency: env.JOB_CONCURRENCY }, 'job worker running');
