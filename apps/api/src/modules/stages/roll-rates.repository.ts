import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { accountScopeSql } from '../accounts/account-scope.repository.js';

export type RollRatesRepository = ReturnType<typeof createRollRatesRepository>;

/** Roll and cure counts from stage_transitions, per month (UTC months) and starting stage, in SQL. */
export function createRollRatesRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    counts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$queryRaw<
        { month: string; stage: string; accounts: bigint; rolled: bigint; cured: bigint }[]
      >(Prisma.sql`
        WITH months AS (
          SELECT m::date AS m, (m + interval '1 month')::date AS next
          FROM generate_series(${`${fromMonth}-01`}::date, ${`${toMonth}-01`}::date, interval '1 month') AS m
        ), rank AS (
          SELECT * FROM (VALUES ('pre_due'::"Stage", 0), ('m1', 1), ('m2', 2), ('m3', 3), ('m4_plus', 4)) AS r(stage, n)
        ), scoped AS (
          SELECT a.id FROM accounts a WHERE ${accountScopeSql(user)}
        ), at_start AS (
          SELECT mo.m, mo.next, s.id AS account_id,
                 (SELECT t.to_stage FROM stage_transitions t WHERE t.account_id = s.id AND t.at < mo.m ORDER BY t.at DESC LIMIT 1) AS stage
          FROM months mo CROSS JOIN scoped s
        ), at_end AS (
          SELECT st.m, st.stage,
                 (SELECT t.to_stage FROM stage_transitions t WHERE t.account_id = st.account_id AND t.at < st.next ORDER BY t.at DESC LIMIT 1) AS end_stage
          FROM at_start st WHERE st.stage IS NOT NULL
        )
        SELECT to_char(e.m, 'YYYY-MM') AS month, e.stage::text AS stage, count(*) AS accounts,
               count(*) FILTER (WHERE re.n > rs.n) AS rolled,
               count(*) FILTER (WHERE rs.n > 0 AND e.end_stage = 'pre_due') AS cured
        FROM at_end e JOIN rank rs ON rs.stage = e.stage JOIN rank re ON re.stage = e.end_stage
        GROUP BY 1, 2 ORDER BY 1, 2`);
    },
  };
}
