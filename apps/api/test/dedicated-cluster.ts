import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer, type PostmasterExit } from '@crm/db/embedded';

/**
 * A PostgreSQL cluster of its own, for tests that kill, break or stop the server (the shared
 * cluster of global-setup.ts must stay up for every other file).
 */
export async function startDedicatedCluster(): Promise<{ server: EmbeddedServer; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-dedicated-pg-'));
  // As root, PostgreSQL runs as a separate `postgres` user that must reach the data folder.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data') });
  return {
    server,
    async remove() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Pids of the processes whose parent is `pid` (the postmaster's backends and helpers), from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ...": the command may contain spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
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
 * kill -9 of the postmaster; resolves once the server saw it exit and its backends are gone too.
 * A backend notices its postmaster's death on its own schedule (milliseconds, longer on a busy
 * machine) and could answer one more query on a pooled connection meanwhile; waiting for them
 * makes "the database is down" true when this returns.
 */
export async function killPostmaster(server: EmbeddedServer): Promise<PostmasterExit> {
  const pid = server.pid;
  if (pid === undefined) throw new Error('the postmaster is not running');
  const backends = await childrenOf(pid);
  const exited = new Promise<PostmasterExit>((resolve) => {
    const off = server.onUnexpectedExit((exit) => {
      off();
      resolve(exit);
    });
  });
  process.kill(pid, 'SIGKILL');
  const exit = await exited;
  for (let i = 0; i < 200 && backends.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
  return exit;
}
