import type { EmbeddedServer, PostmasterExit } from './embedded.js';

export interface SupervisorEvents {
  /** The postmaster exited on its own (killed, crashed). */
  onDown?(exit: PostmasterExit): void;
  /** A restart attempt failed; the next one follows after `nextDelayMs`. */
  onAttemptFailed?(info: { attempt: number; error: Error; nextDelayMs: number }): void;
  /** The server accepts connections again. */
  onRestarted?(info: { attempt: number; downMs: number }): void;
  /** Every attempt failed: the caller must stop serving (the database will not come back). */
  onGaveUp(info: { attempts: number; error: Error; exit: PostmasterExit }): void;
}

export interface SupervisorOptions extends SupervisorEvents {
  /** Restart attempts after one death before giving up (default 5). */
  maxAttempts?: number;
  /** Wait before the first attempt; doubles after each failure (default 500 ms). */
  initialDelayMs?: number;
  /** Upper bound of the wait between attempts (default 10 s). */
  maxDelayMs?: number;
  /**
   * A server that dies again within this long of a restart continues the same count of attempts,
   * so a server that crashes right after every start is given up on too (default 60 s).
   */
  stableAfterMs?: number;
}

export interface Supervisor {
  /** Stops watching (call before stopping the server on purpose). */
  stop(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Watches an embedded PostgreSQL and restarts it when its postmaster dies: a bounded number of
 * attempts with exponential backoff, then `onGaveUp`. Restart is safe after kill -9 because
 * PostgreSQL replays its WAL before accepting connections; fsync and synchronous_commit are on,
 * so every commit that was acknowledged is still there (ADR 013).
 */
export function superviseEmbedded(
  server: Pick<EmbeddedServer, 'onUnexpectedExit' | 'restart'>,
  options: SupervisorOptions,
): Supervisor {
  const maxAttempts = options.maxAttempts ?? 5;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let stopped = false;
  let attemptsUsed = 0;
  let upSince = Date.now();

  const recover = async (exit: PostmasterExit) => {
    const downAt = Date.now();
    if (downAt - upSince >= stableAfterMs) attemptsUsed = 0;
    options.onDown?.(exit);
    let delay = initialDelayMs * 2 ** attemptsUsed;
    let lastError: Error = new Error(`PostgreSQL exited (${exit.signal ?? `code ${exit.code}`})`);
    while (attemptsUsed < maxAttempts) {
      await sleep(Math.min(delay, maxDelayMs));
      if (stopped) return;
      attemptsUsed += 1;
      try {
        await server.restart();
        upSince = Date.now();
        options.onRestarted?.({ attempt: attemptsUsed, downMs: upSince - downAt });
        return;
      } catch (err) {
        if (stopped) return;
        lastError = err instanceof Error ? err : new Error(String(err));
        delay *= 2;
        if (attemptsUsed < maxAttempts)
          options.onAttemptFailed?.({
            attempt: attemptsUsed,
            error: lastError,
            nextDelayMs: Math.min(delay, maxDelayMs),
          });
      }
    }
    if (!stopped) options.onGaveUp({ attempts: attemptsUsed, error: lastError, exit });
  };

  const remove = server.onUnexpectedExit((exit) => {
    if (!stopped) void recover(exit);
  });
  return {
    stop() {
      stopped = true;
      remove();
    },
  };
}
