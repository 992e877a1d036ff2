import { Prisma, type Db } from '@crm/db';
import type { StageThresholds } from '@crm/domain';
import { dpdSql, stageSql } from './stage-sql.repository.js';

export type StageHistoryRepository = ReturnType<typeof createStageHistoryRepository>;

/**
 * Stage history for roll and cure rates. Stages follow from dates, so nothing "happens" when an
 * account rolls from M1 to M2: a job compares each open account's stage now with the stage last
 * recorded and writes a transition where they differ, in one set-based statement. It looks at
 * state, not at missed ticks, so it catches up after downtime (the transition is then stamped
 * with the time it was noticed).
 */
export function createStageHistoryRepository(db: Pick<Db, '$executeRaw'>) {
  return {
    async recordTransitions(thresholds: StageThresholds, now: Date): Promise<number> {
      return db.$executeRaw(Prisma.sql`
        WITH current AS (
          SELECT a.id, a.recorded_stage, (${stageSql(dpdSql(now), thresholds)})::"Stage" AS stage
          FROM accounts a JOIN debtors d ON d.id = a.debtor_id
          WHERE a.status = 'open'
        ), changed AS (
          SELECT id, recorded_stage, stage FROM current WHERE recorded_stage IS DISTINCT FROM stage
        ), history AS (
          INSERT INTO stage_transitions (id, account_id, from_stage, to_stage, at)
          SELECT gen_random_uuid(), id, recorded_stage, stage, ${now}::timestamptz FROM changed
        )
        UPDATE accounts a SET recorded_stage = c.stage FROM changed c WHERE a.id = c.id`);
    },
  };
}
