import type { ImportPhase } from '@crm/contracts';

/** Where a running import is: its phase and row counts (ADR 042: written to its row, throttled). */
export interface ImportProgress {
  update(patch: { phase?: ImportPhase; rowsRead?: number; rowsToWrite?: number; rowsWritten?: number }): void;
}

export const noProgress: ImportProgress = { update: () => {} };
