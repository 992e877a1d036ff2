import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureLocalAppLogin } from '@crm/db/app-role';
import { startEmbeddedPostgres, type EmbeddedServer } from '@crm/db/embedded';
import { migrateDeploy } from '@crm/db/migrate';
import { ensureReferenceData } from '@crm/db/seed';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const TEMPLATE_DB = 'crm_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgPort: number;
  }
}

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

/** One throwaway PostgreSQL cluster per test run, with a template migrated by `prisma migrate deploy`. */
export async function setup(project: TestProject) {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'crm-test-pg-'));
  // As root, PostgreSQL runs as a separate `postgres` user that must reach the data folder.
  await chmod(dataDir, 0o755);
  server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data') });
  await server.createDatabase(TEMPLATE_DB);
  // The app under test connects as the least-privileged app role, like `pnpm start` (ADR 011).
  await ensureLocalAppLogin(server.urlFor(TEMPLATE_DB));
  await migrateDeploy(server.urlFor(TEMPLATE_DB));
  // Like `pnpm start` on any database: default policies and the script library.
  const pool = new pg.Pool({ connectionString: server.urlFor(TEMPLATE_DB), max: 1 });
  await ensureReferenceData(pool);
  await pool.end();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgPort', server.port);
}

export async function teardown() {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
