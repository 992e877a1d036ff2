import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { accountScopeSql } from '../accounts/account-scope.repository.js';

export type RollRatesRepository = ReturnType<typeof createRollRatesRepository>;

/** Roll and cure counts per month (UTC) and starting stage. */
export interface RollRateRow {
  month: string;
  stage: string;
  accounts: bigint;
  rolled: bigint;
  cured: bigint;
}

const months = (fromMonth: string, toMonth: string) => Prisma.sql`
  SELECT m::date AS m, (m + interval '1 month')::date AS next
  FROM generate_series(${`${fromMonth}-01`}::date, ${`${toMonth}-01`}::date, interval '1 month') AS m`;
const RANK = Prisma.sql`SELECT * FROM (VALUES ('pre_due'::"Stage", 0), ('m1', 1), ('m2', 2), ('m3', 3), ('m4_plus', 4)) AS r(stage, n)`;
const COUNTS = Prisma.sql`
  SELECT to_char(e.m, 'YYYY-MM') AS month, e.stage::text AS stage, count(*) AS accounts,
         count(*) FILTER (WHERE re.n > rs.n) AS rolled,
         count(*) FILTER (WHERE rs.n > 0 AND e.end_stage = 'pre_due') AS cured
  FROM at_end e JOIN rank rs ON rs.stage = e.stage JOIN rank re ON re.stage = e.end_stage
  GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * The definition (ADR 051 keeps it for the equality test): each scoped account's stage at the start
 * and at the end of each month, two index probes per account and month (10 s at 200,000 accounts).
 * Among transitions at the same instant the one with the greatest id counts.
 */
export function rollRatesProbeSql(user: SessionUser, fromMonth: string, toMonth: string): Prisma.Sql {
  return Prisma.sql`
    WITH months AS (${months(fromMonth, toMonth)}), rank AS (${RANK}), scoped AS (
      SELECT a.id FROM accounts a WHERE ${accountScopeSql(user)}
    ), at_start AS (
      SELECT mo.m, mo.next, s.id AS account_id,
             (SELECT t.to_stage FROM stage_transitions t WHERE t.account_id = s.id AND t.at < mo.m ORDER BY t.at DESC, t.id DESC LIMIT 1) AS stage
      FROM months mo CROSS JOIN scoped s
    ), at_end AS (
      SELECT st.m, st.stage,
             (SELECT t.to_stage FROM stage_transitions t WHERE t.account_id = st.account_id AND t.at < st.next ORDER BY t.at DESC, t.id DESC LIMIT 1) AS end_stage
      FROM at_start st WHERE st.stage IS NOT NULL
    )
    ${COUNTS}`;
}

/**
 * The same counts in one ordered pass over the stage history (ADR 051): each transition holds
 * from its instant until the account's next one (`lead`), so the stage at an instant X is the
 * transition with at < X <= until. The history before the last month's end is read once, in the
 * order of the (account_id, at) index; the months are joined to it by range, the month's start and
 * end stages by account.
 */
export function rollRatesSql(user: SessionUser, fromMonth: string, toMonth: string): Prisma.Sql {
  return Prisma.sql`
    WITH months AS (${months(fromMonth, toMonth)}), rank AS (${RANK}), spans AS (
      SELECT t.account_id, t.to_stage, t.at,
             lead(t.at) OVER (PARTITION BY t.account_id ORDER BY t.at, t.id) AS until
      FROM stage_transitions t
      WHERE t.at < (SELECT max(next) FROM months)
        AND ${user.role === 'admin' ? Prisma.sql`TRUE` : Prisma.sql`t.account_id IN (SELECT a.id FROM accounts a WHERE ${accountScopeSql(user)})`}
    ), at_end AS (
      SELECT mo.m, s.to_stage AS stage, e.to_stage AS end_stage
      FROM months mo
      JOIN spans s ON s.at < mo.m AND (s.until IS NULL OR s.until >= mo.m)
      JOIN spans e ON e.account_id = s.account_id AND e.at < mo.next AND (e.until IS NULL OR e.until >= mo.next)
    )
    ${COUNTS}`;
}

export function createRollRatesRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    counts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$queryRaw<RollRateRow[]>(rollRatesSql(user, fromMonth, toMonth));
    },
    /** The per-account probes (the definition the ordered pass must equal). */
    probeCounts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$queryRaw<RollRateRow[]>(rollRatesProbeSql(user, fromMonth, toMonth));
    },
  };
}
