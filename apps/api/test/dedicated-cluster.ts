import { chmod, mkdtemp, rm } from 'node:fs/promises';
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

/** kill -9 of the postmaster; resolves once the server saw it exit. */
export async function killPostmaster(server: EmbeddedServer): Promise<PostmasterExit> {
  const pid = server.pid;
  if (pid === undefined) throw new Error('the postmaster is not running');
  const exited = new Promise<PostmasterExit>((resolve) => {
    const off = server.onUnexpectedExit((exit) => {
      off();
      resolve(exit);
    });
  });
  process.kill(pid, 'SIGKILL');
  return exited;
}
