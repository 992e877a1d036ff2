import type { Core } from '../core.js';
import { createRollRatesRepository } from './roll-rates.repository.js';
import { createRollRatesService } from './roll-rates.service.js';
import { createStageHistoryRepository } from './stage-history.repository.js';

/** Delinquency stages over time (no routes of its own): the daily history a job keeps, and the roll rates read from it. */
export function createStagesModule({ db, readDb }: Pick<Core, 'db' | 'readDb'>) {
  return {
    stageHistory: createStageHistoryRepository(db),
    // A report (GET /reports/roll-rates): the read client (ADR 043).
    rollRates: createRollRatesService({ rollRates: createRollRatesRepository(readDb) }),
  };
}
