import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedServer } from '@crm/db/embedded';
import { superviseEmbedded, type SupervisorEvents } from '@crm/db/supervisor';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killPostmaster, startDedicatedCluster } from './dedicated-cluster.js';

// The embedded PostgreSQL of `pnpm start` dies (kill -9, OOM killer, crash): the supervisor
// notices the postmaster's exit and restarts it with crash recovery, or gives up clearly.
describe('embedded PostgreSQL supervision', () => {
  let server: EmbeddedServer;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ server, remove } = await startDedicatedCluster());
  });
  afterAll(async () => remove?.());

  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  /** Supervision with short waits; each event resolves a promise the test can await. */
  function supervise(options: { maxAttempts: number }) {
    const events: string[] = [];
    let settle!: (outcome: { restarted: boolean; error?: Error; attempts: number }) => void;
    const outcome = new Promise<{ restarted: boolean; error?: Error; attempts: number }>((r) => (settle = r));
    const handlers: SupervisorEvents = {
      onDown: (exit) => events.push(`down ${exit.signal ?? exit.code}`),
      onAttemptFailed: ({ attempt }) => events.push(`attempt ${attempt} failed`),
      onRestarted: ({ attempt }) => {
        events.push(`restarted at attempt ${attempt}`);
        settle({ restarted: true, attempts: attempt });
      },
      onGaveUp: ({ attempts, error }) => {
        events.push(`gave up after ${attempts}`);
        settle({ restarted: false, error, attempts });
      },
    };
    const supervisor = superviseEmbedded(server, {
      ...handlers,
      maxAttempts: options.maxAttempts,
      initialDelayMs: 20,
      maxDelayMs: 200,
    });
    return { events, outcome, supervisor };
  }

  it('runs with fsync, synchronous_commit and full_page_writes on', async () => {
    const [row] = await query<Record<string, string>>(
      "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, current_setting('full_page_writes') AS fpw",
    );
    expect(row).toEqual({ fsync: 'on', sc: 'on', fpw: 'on' });
  });

  it('restarts a killed postmaster despite its stale postmaster.pid; committed rows survive and pools reconnect', async () => {
    await query('CREATE TABLE IF NOT EXISTS survivors (n int PRIMARY KEY)');
    await query('INSERT INTO survivors VALUES (1), (2), (3)');
    const pool = new pg.Pool({ connectionString: server.adminUrl, max: 2 });
    pool.on('error', () => {}); // idle connections die with the server
    await pool.query('SELECT 1');
    const { events, outcome, supervisor } = supervise({ maxAttempts: 5 });
    const killedPid = server.pid!;

    await killPostmaster(server);
    const result = await outcome;
    supervisor.stop();

    expect(result.restarted).toBe(true);
    expect(events[0]).toBe('down SIGKILL');
    expect(server.pid).toBeDefined();
    expect(server.pid).not.toBe(killedPid);
    const pidFile = await readFile(path.join(server.dataDir, 'postmaster.pid'), 'utf8');
    expect(Number(pidFile.split('\n')[0])).toBe(server.pid);
    expect(await query('SELECT n FROM survivors ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // The same pool serves again: dead connections are dropped, new ones opened.
    await pool.query('SELECT 1').catch(() => undefined); // may hit a connection that died with the server
    expect((await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    await pool.end();
  });

  it('starts over a postmaster.pid naming a live process that is not PostgreSQL (a reused pid)', async () => {
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const { outcome, supervisor } = supervise({ maxAttempts: 3 });
      const pidFile = path.join(server.dataDir, 'postmaster.pid');
      await killPostmaster(server);
      const lines = (await readFile(pidFile, 'utf8')).split('\n');
      lines[0] = String(stranger.pid);
      await writeFile(pidFile, lines.join('\n'));
      const result = await outcome;
      supervisor.stop();
      expect(result.restarted).toBe(true);
      expect(stranger.exitCode).toBeNull(); // not touched
      expect(await query('SELECT count(*)::int AS n FROM survivors')).toEqual([{ n: 3 }]);
    } finally {
      stranger.kill();
    }
  });

  it('gives up after the bounded attempts with the reason when the server cannot start again', async () => {
    const autoConf = path.join(server.dataDir, 'postgresql.auto.conf');
    const original = await readFile(autoConf, 'utf8');
    // Read only at start: the running server is unaffected, every restart fails.
    await appendFile(autoConf, "\nshared_buffers = 'not a size'\n");
    const { events, outcome, supervisor } = supervise({ maxAttempts: 3 });

    await killPostmaster(server);
    const result = await outcome;
    supervisor.stop();

    expect(result.restarted).toBe(false);
    expect(result.attempts).toBe(3);
    expect(events).toEqual(['down SIGKILL', 'attempt 1 failed', 'attempt 2 failed', 'gave up after 3']);
    expect(result.error?.message).toMatch(/PostgreSQL did not start/);
    expect(result.error?.message).toMatch(/shared_buffers/);
    expect(server.pid).toBeUndefined();

    // Once the cause is fixed, the same server starts again.
    await writeFile(autoConf, original);
    await server.restart();
    expect(await query('SELECT count(*)::int AS n FROM survivors')).toEqual([{ n: 3 }]);
  });

  it('gives up on a server that dies again right after every restart', async () => {
    const events: string[] = [];
    const gaveUp = new Promise<number>((resolve) => {
      const supervisor = superviseEmbedded(server, {
        maxAttempts: 2,
        initialDelayMs: 20,
        onDown: () => events.push('down'),
        // Within the stable period after a restart, the attempts add up instead of starting over.
        onRestarted: () => {
          events.push('restarted');
          process.kill(server.pid!, 'SIGKILL');
        },
        onGaveUp: ({ attempts }) => {
          events.push('gave up');
          supervisor.stop();
          resolve(attempts);
        },
      });
    });
    await killPostmaster(server);
    expect(await gaveUp).toBe(2);
    expect(events).toEqual(['down', 'restarted', 'down', 'restarted', 'down', 'gave up']);
    await server.restart();
  });

  it('stops cleanly after its postmaster died (no wait for an exit that already happened)', async () => {
    await killPostmaster(server);
    await server.stop();
    expect(server.pid).toBeUndefined();
  });
});
