import type { Core } from '../core.js';
import { createRollRatesRepository } from './roll-rates.repository.js';
import { createRollRatesService, createStageMonthsService } from './roll-rates.service.js';
import { createStageMonthsRepository } from './stage-months.repository.js';
import { createStageHistoryRepository } from './stage-history.repository.js';

/** Delinquency stages over time (no routes of its own): the daily history a job keeps, and the roll rates read from it. */
export function createStagesModule({ db, readDb, clock }: Pick<Core, 'db' | 'readDb' | 'clock'>) {
  return {
    stageHistory: createStageHistoryRepository(db),
    // A report (GET /reports/roll-rates): the read client (ADR 043).
    rollRates: createRollRatesService({ rollRates: createRollRatesRepository(readDb) }),
    // Its monthly snapshot (ADR 055), written on the primary by a job and by the rebuild.
    stageMonths: createStageMonthsService({ stageMonths: createStageMonthsRepository(db), clock }),
  };
}
