import path from 'node:path';
import { ensureLocalAppLogin } from './app-role.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import { repoRoot } from './paths.js';

export interface LocalDatabase {
  /** The owner's connection: migrations, reference data, the demo seed, admin commands. */
  url: string;
  /**
   * The API's connection, with the privileges of the `crm_app` role only (ADR 011): embedded, a
   * local login made for it; otherwise DATABASE_URL (the owner being MIGRATION_DATABASE_URL).
   */
  appUrl: string;
  embedded: boolean;
  /** The embedded server, to watch and restart (undefined with DATABASE_URL). */
  server?: EmbeddedServer;
  stop(): Promise<void>;
}

export const APP_DATABASE = 'collector';

/**
 * The database the app and its commands use: DATABASE_URL when set (any PostgreSQL >= 14),
 * otherwise an embedded PostgreSQL whose data lives in .data/postgres (kept between runs).
 * With DATABASE_URL, MIGRATION_DATABASE_URL (when set) is the owner's connection for migrations
 * and commands, and DATABASE_URL the API's own.
 */
export async function openLocalDatabase(options: {
  databaseUrl?: string | undefined;
  migrationDatabaseUrl?: string | undefined;
  embeddedPort?: number | undefined;
  dataDir?: string | undefined;
  log?: (line: string) => void;
}): Promise<LocalDatabase> {
  if (options.databaseUrl) {
    return {
      url: options.migrationDatabaseUrl ?? options.databaseUrl,
      appUrl: options.databaseUrl,
      embedded: false,
      stop: async () => {},
    };
  }
  const dataDir = options.dataDir ?? path.join(repoRoot(), '.data', 'postgres');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: options.embeddedPort,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    if (!(await server.databaseExists(APP_DATABASE))) await server.createDatabase(APP_DATABASE);
    const url = server.urlFor(APP_DATABASE);
    return { url, appUrl: await ensureLocalAppLogin(url), embedded: true, server, stop: () => server.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
