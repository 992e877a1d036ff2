import type { ImportProgressState } from '@crm/contracts';
import type { Clock } from '../../lib/clock.js';

export interface ImportProgress {
  update(patch: Partial<Omit<ImportProgressState, 'updatedAt'>>): void;
}

const KEEP_MS = 15 * 60_000;
const noop: ImportProgress = { update: () => {} };

/**
 * Where each running import is (phase and row counts), so the admin's screen can show the
 * server's progress while the request is still open. Kept in this process's memory, keyed by an
 * id the client chose, visible only to the user who started the import; finished entries are
 * dropped after 15 minutes.
 */
export function createImportProgressRegistry(clock: Clock) {
  const runs = new Map<string, { userId: string; state: ImportProgressState }>();
  const prune = () => {
    const cutoff = clock.now().getTime() - KEEP_MS;
    for (const [id, run] of runs) if (new Date(run.state.updatedAt).getTime() < cutoff) runs.delete(id);
  };
  return {
    start(importId: string | undefined, userId: string): ImportProgress {
      prune();
      if (!importId) return noop;
      const run = {
        userId,
        state: {
          phase: 'reading',
          rowsRead: 0,
          rowsToWrite: 0,
          rowsWritten: 0,
          updatedAt: clock.now().toISOString(),
        } as ImportProgressState,
      };
      runs.set(importId, run);
      return {
        update(patch) {
          run.state = { ...run.state, ...patch, updatedAt: clock.now().toISOString() };
        },
      };
    },
    get(importId: string, userId: string): ImportProgressState | null {
      const run = runs.get(importId);
      return run && run.userId === userId ? run.state : null;
    },
  };
}
export type ImportProgressRegistry = ReturnType<typeof createImportProgressRegistry>;
