import type { App } from './app.js';

export interface RunningServer {
  address: string;
  /** Closes the server, runs `onClose`, and exits the process with `exitCode`. */
  shutdown(reason: string, exitCode?: number): Promise<void>;
}

/** Listens and shuts down gracefully on SIGINT/SIGTERM, then runs `onClose` (DB, embedded PG). */
export async function startServer(
  app: App,
  opts: { host: string; port: number; onClose: () => Promise<void> },
): Promise<RunningServer> {
  let closing = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    app.log.info({ reason }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await opts.onClose();
    } finally {
      clearTimeout(force);
      process.exit(exitCode);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ host: opts.host, port: opts.port });
  return { address, shutdown };
}
