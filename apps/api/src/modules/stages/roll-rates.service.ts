import { STAGES, type RollRates, type SessionUser, type Stage } from '@crm/contracts';
import { BadRequestError } from '../../lib/errors.js';
import type { RollRatesRepository } from './roll-rates.repository.js';

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
