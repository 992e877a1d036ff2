import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { StageThresholds } from '@crm/domain';
import { dpdSql, stageSql } from '../stages/stage-sql.repository.js';
import { accountScopeSql } from '../accounts/account-scope.repository.js';

export type ReportsRepository = ReturnType<typeof createReportsRepository>;

export function createReportsRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /**
     * Open accounts per stage and currency, aggregated in SQL. Days past due are counted in
     * each customer's own calendar, as packages/domain `daysPastDue` + `stageFor` do.
     */
    async portfolioByStage(user: SessionUser, t: StageThresholds, now: Date) {
      return db.$queryRaw<{ stage: string; currency: string; accounts: bigint; overdue: string }[]>(Prisma.sql`
        WITH scoped AS (
          SELECT a.currency, a.overdue_minor, ${dpdSql(now)} AS dpd
          FROM accounts a JOIN debtors d ON d.id = a.debtor_id
          WHERE a.status = 'open' AND ${accountScopeSql(user)}
        )
        SELECT ${stageSql(Prisma.sql`dpd`, t)} AS stage,
               currency, count(*) AS accounts, sum(overdue_minor)::text AS overdue
        FROM scoped GROUP BY 1, 2 ORDER BY 1, 2`);
    },
  };
}
