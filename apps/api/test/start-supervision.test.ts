import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@crm/db/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm start` on the embedded PostgreSQL, as a real process: kill -9 of the postmaster is
// noticed and the database restarted; when it cannot come back, the server stops with a clear
// message and exit code 1 instead of serving a dead database.
describe('pnpm start when its embedded PostgreSQL dies', () => {
  let dir = '';
  let child: ChildProcess;
  let output = '';
  let base = '';
  const dataDir = () => path.join(dir, 'data');
  const postmasterPid = async () =>
    Number((await readFile(path.join(dataDir(), 'postmaster.pid'), 'utf8')).split('\n')[0]);
  /** Resolves when the server's output (JSON log lines and plain text) matches. */
  const waitForOutput = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) {
          child.stdout!.off('data', check);
          child.off('exit', onExit);
          resolve(match[0]);
        }
      };
      const onExit = () =>
        pattern.exec(output) ? check() : reject(new Error(`server exited before ${pattern}:\n${output}`));
      child.stdout!.on('data', check);
      child.on('exit', onExit);
      check();
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'crm-start-'));
    await chmod(dir, 0o755);
    const { DATABASE_URL: _external, ...inherited } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: repoRoot(),
      env: {
        ...inherited,
        EMBEDDED_PG_DATA_DIR: dataDir(),
        EMBEDDED_PG_RESTART_ATTEMPTS: '2',
        DEMO_ACCOUNTS: '20',
        PORT: '0',
        JOBS: 'off',
        WEB_DIST: '/nonexistent',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    base = (await waitForOutput(/running at (http:\/\/\S+)/))
      .replace('running at ', '')
      .replace('localhost', '127.0.0.1');
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  const health = async () => (await fetch(`${base}/api/health`)).status;

  it('restarts PostgreSQL after kill -9 of the postmaster and serves again', async () => {
    expect(await health()).toBe(200);
    const killed = await postmasterPid();
    process.kill(killed, 'SIGKILL');
    await waitForOutput(/embedded PostgreSQL restarted/);
    expect(await postmasterPid()).not.toBe(killed);
    expect(await health()).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin1', password: 'demo-password' }),
    });
    expect(login.status).toBe(200);
    expect(output).toMatch(/embedded PostgreSQL exited unexpectedly/);
  }, 60_000);

  it('stops with exit code 1 and the reason when PostgreSQL cannot be restarted', async () => {
    // Read at start only: the running server is unaffected, every restart fails.
    await appendFile(path.join(dataDir(), 'postgresql.auto.conf'), "\nshared_buffers = 'not a size'\n");
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    process.kill(await postmasterPid(), 'SIGKILL');
    expect(await exited).toBe(1);
    expect(output).toMatch(/could not be restarted after 2 attempts:/);
    expect(output).toMatch(/shared_buffers/);
    expect(output).toMatch(/Stopping the server/);
    expect(output).toMatch(/"reason":"database lost"/);
  }, 60_000);
});
