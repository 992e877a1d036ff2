import { Prisma, type Db } from '@crm/db';
import { monthStagesSql } from './roll-rates.repository.js';

export type StageMonthsRepository = ReturnType<typeof createStageMonthsRepository>;

const FILL_TIMEOUT_MS = 10 * 60_000; // one month of a 1 M-account book: seconds; generous under load

/** Roll rates' monthly stage snapshot (ADR 055): filling a month and finding the months to fill. */
export function createStageMonthsRepository(db: Pick<Db, '$queryRaw' | '$executeRaw' | '$transaction'>) {
  return {
    /**
     * Finished months (before the month of `now`) from the first month of the stage history that
     * are not ready, oldest first, at most `limit`.
     */
    async pending(now: Date, limit: number): Promise<string[]> {
      const rows = await db.$queryRaw<{ month: string }[]>`
        SELECT to_char(m, 'YYYY-MM') AS month
        FROM generate_series(date_trunc('month', (SELECT min(at) FROM stage_transitions)),
                             date_trunc('month', ${now}::timestamptz) - interval '1 month', interval '1 month') AS m
        WHERE NOT EXISTS (SELECT 1 FROM stage_months_ready r WHERE r.month = m::date)
        ORDER BY m LIMIT ${limit}`;
      return rows.map((r) => r.month);
    },

    /**
     * Computes `month` (YYYY-MM) again and marks it ready, in one transaction that first takes the
     * stage history in SHARE mode: writers in flight finish first, new ones wait until the month
     * is committed, and their trigger then makes it not ready again. From the previous month's
     * rows when that month is ready (the month's own transitions only), else from the history.
     */
    fill(month: string): Promise<number> {
      const m = Prisma.sql`${`${month}-01`}::date`;
      return db.$transaction(
        async (tx) => {
          await tx.$executeRaw`LOCK TABLE stage_transitions IN SHARE MODE`;
          const [prev] = await tx.$queryRaw<{ ready: boolean }[]>`
            SELECT EXISTS (SELECT 1 FROM stage_months_ready WHERE month = (${m} - interval '1 month')::date) AS ready`;
          await tx.$executeRaw`DELETE FROM stage_months WHERE month = ${m}`;
          const rows = await tx.$executeRaw`
            INSERT INTO stage_months (month, account_id, start_stage, end_stage)
            SELECT ${m}, s.account_id, s.start_stage, s.end_stage FROM (${monthStagesSql(month, prev!.ready)}) s`;
          await tx.$executeRaw`
            INSERT INTO stage_months_ready (month) VALUES (${m})
            ON CONFLICT (month) DO UPDATE SET filled_at = CURRENT_TIMESTAMP`;
          return rows;
        },
        { timeout: FILL_TIMEOUT_MS, maxWait: FILL_TIMEOUT_MS },
      );
    },

    /** No month ready (the rebuild fills them all again). */
    async clearReady(): Promise<void> {
      await db.$executeRaw`DELETE FROM stage_months_ready`;
    },
  };
}
