import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import { repoRoot } from './paths.js';

export interface LocalDatabase {
  url: string;
  embedded: boolean;
  /** The embedded server, to watch and restart (undefined with DATABASE_URL). */
  server?: EmbeddedServer;
  stop(): Promise<void>;
}

export const APP_DATABASE = 'collector';

/**
 * The database the app and its commands use: DATABASE_URL when set (any PostgreSQL >= 14),
 * otherwise an embedded PostgreSQL whose data lives in .data/postgres (kept between runs).
 */
export async function openLocalDatabase(options: {
  databaseUrl?: string | undefined;
  embeddedPort?: number | undefined;
  dataDir?: string | undefined;
  log?: (line: string) => void;
}): Promise<LocalDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  const dataDir = options.dataDir ?? path.join(repoRoot(), '.data', 'postgres');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: options.embeddedPort,
    ...(options.log ? { log: options.log } : {}),
  });
  if (!(await server.databaseExists(APP_DATABASE))) await server.createDatabase(APP_DATABASE);
  return { url: server.urlFor(APP_DATABASE), embedded: true, server, stop: () => server.stop() };
}
