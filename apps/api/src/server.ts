import type { App } from './app.js';

/** Listens and shuts down gracefully on SIGINT/SIGTERM, then runs `onClose` (DB, embedded PG). */
export async function startServer(app: App, opts: { host: string; port: number; onClose: () => Promise<void> }) {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await opts.onClose();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return app.listen({ host: opts.host, port: opts.port });
}
