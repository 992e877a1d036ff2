import { STAGES, type RollRates, type SessionUser, type Stage } from '@crm/contracts';
import { BadRequestError } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { RollRatesRepository } from './roll-rates.repository.js';
import type { StageMonthsRepository } from './stage-months.repository.js';

const MAX_MONTHS = 12;

export type RollRatesService = ReturnType<typeof createRollRatesService>;

export function createRollRatesService({ rollRates }: { rollRates: RollRatesRepository }) {
  return {
    async report(user: SessionUser, from: string, to: string): Promise<RollRates> {
      const months =
        (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
      if (months > MAX_MONTHS)
        throw new BadRequestError(`At most ${MAX_MONTHS} months at a time.`, [
          { field: 'to', message: `must be at most ${MAX_MONTHS} months after from` },
        ]);
      const rows = await rollRates.counts(user, from, to);
      const list = [...new Set(rows.map((r) => r.month))];
      return {
        months: list.map((month) => ({
          month,
          stages: STAGES.map((stage) => {
            const r = rows.find((x) => x.month === month && x.stage === stage);
            const accounts = Number(r?.accounts ?? 0);
            const rolled = Number(r?.rolled ?? 0);
            const cured = Number(r?.cured ?? 0);
            return {
              stage: stage as Stage,
              accounts,
              rolled,
              rollRate: accounts && stage !== 'm4_plus' ? rolled / accounts : null,
              cured,
              cureRate: accounts && stage !== 'pre_due' ? cured / accounts : null,
            };
          }),
        })),
      };
    },
  };
}

export type StageMonthsService = ReturnType<typeof createStageMonthsService>;

/**
 * Roll rates' monthly snapshot (ADR 055): the job fills finished months that are not ready (a few
 * per run, oldest first, each from the one before); the rebuild fills every month again.
 */
export function createStageMonthsService({ stageMonths, clock }: { stageMonths: StageMonthsRepository; clock: Clock }) {
  return {
    async fillFinished(maxMonths = 3): Promise<{ filled: string[] }> {
      const filled: string[] = [];
      for (const month of await stageMonths.pending(clock.now(), maxMonths)) {
        await stageMonths.fill(month);
        filled.push(month);
      }
      return { filled };
    },
    /** Every finished month computed again from the stage history, oldest first (exact). */
    async rebuild(): Promise<{ months: string[]; rows: number }> {
      await stageMonths.clearReady();
      const months = await stageMonths.pending(clock.now(), 100_000);
      let rows = 0;
      for (const month of months) rows += await stageMonths.fill(month);
      return { months, rows };
    },
  };
}
