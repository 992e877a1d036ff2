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
// Accounts counted per (month, start, end) first (at most 25 groups a month), ranked after.
const COUNTS = Prisma.sql`
  SELECT to_char(e.m, 'YYYY-MM') AS month, e.stage::text AS stage, sum(e.n)::bigint AS accounts,
         COALESCE(sum(e.n) FILTER (WHERE re.n > rs.n), 0)::bigint AS rolled,
         COALESCE(sum(e.n) FILTER (WHERE rs.n > 0 AND e.end_stage = 'pre_due'), 0)::bigint AS cured
  FROM (SELECT m, stage, end_stage, count(*) AS n FROM at_end GROUP BY 1, 2, 3) e
  JOIN rank rs ON rs.stage = e.stage JOIN rank re ON re.stage = e.end_stage
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
  return Prisma.sql`WITH months AS (${months(fromMonth, toMonth)}), rank AS (${RANK}), ${livePassSql(user)} ${COUNTS}`;
}

/** The ordered pass as CTEs `spans` and `at_end` over the CTE `months` (m, next). */
function livePassSql(user: SessionUser, name = 'at_end'): Prisma.Sql {
  return Prisma.sql`spans AS (
      SELECT t.account_id, t.to_stage, t.at,
             lead(t.at) OVER (PARTITION BY t.account_id ORDER BY t.at, t.id) AS until
      FROM stage_transitions t
      WHERE t.at < (SELECT max(next) FROM months)
        AND ${user.role === 'admin' ? Prisma.sql`TRUE` : Prisma.sql`t.account_id IN (SELECT a.id FROM accounts a WHERE ${accountScopeSql(user)})`}
    ), ${Prisma.raw(name)} AS (
      SELECT mo.m, s.to_stage AS stage, e.to_stage AS end_stage
      FROM months mo
      JOIN spans s ON s.at < mo.m AND (s.until IS NULL OR s.until >= mo.m)
      JOIN spans e ON e.account_id = s.account_id AND e.at < mo.next AND (e.until IS NULL OR e.until >= mo.next)
    )`;
}

const monthDate = (month: string) => Prisma.sql`${`${month}-01`}::date`;
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};
/** The months from..to (YYYY-MM), in order. */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  for (let m = fromMonth; m <= toMonth; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * Each account's (start_stage, end_stage) of `month` (ADR 055), for every account with a stage at
 * the month's end: the start is the stage at the month's first instant (the previous month's
 * snapshot when `fromSnapshot`, else the last transition before it), the end the last transition
 * within the month, else the start. Ties at one instant: the greater id, as in the definition.
 */
export function monthStagesSql(month: string, fromSnapshot: boolean): Prisma.Sql {
  const m = monthDate(month);
  const next = monthDate(nextMonth(month));
  const base = fromSnapshot
    ? Prisma.sql`SELECT p.account_id, p.end_stage AS stage FROM stage_months p WHERE p.month = ${monthDate(previousMonth(month))}`
    : Prisma.sql`SELECT DISTINCT ON (t.account_id) t.account_id, t.to_stage AS stage FROM stage_transitions t
                 WHERE t.at < ${m} ORDER BY t.account_id, t.at DESC, t.id DESC`;
  return Prisma.sql`
    SELECT COALESCE(b.account_id, l.account_id) AS account_id, b.stage AS start_stage, COALESCE(l.stage, b.stage) AS end_stage
    FROM (${base}) b
    FULL JOIN (SELECT DISTINCT ON (t.account_id) t.account_id, t.to_stage AS stage FROM stage_transitions t
               WHERE t.at >= ${m} AND t.at < ${next} ORDER BY t.account_id, t.at DESC, t.id DESC) l
      ON l.account_id = b.account_id`;
}

/** How each month of a request is read (ADR 055). */
export interface RollRatesPlan {
  /** Ready: read from stage_months. */
  snapshot: string[];
  /** Not ready, the month before is: its end stages plus the month's own transitions. */
  chained: string[];
  /** Neither: the ordered pass over the history. */
  live: string[];
}

export function planRollRates(fromMonth: string, toMonth: string, ready: ReadonlySet<string>): RollRatesPlan {
  const plan: RollRatesPlan = { snapshot: [], chained: [], live: [] };
  for (const month of monthsBetween(fromMonth, toMonth)) {
    if (ready.has(month)) plan.snapshot.push(month);
    else if (ready.has(previousMonth(month))) plan.chained.push(month);
    else plan.live.push(month);
  }
  return plan;
}

/**
 * The counts for a plan in one statement: ready months from the snapshot, chained months from
 * the previous month's snapshot and their own transitions, the rest by the ordered pass. Each
 * part is limited to the viewer's accounts as they are now (the snapshot holds every account).
 */
export function rollRatesPlannedSql(user: SessionUser, plan: RollRatesPlan): Prisma.Sql {
  const scoped = (column: Prisma.Sql) =>
    user.role === 'admin'
      ? Prisma.sql`TRUE`
      : Prisma.sql`${column} IN (SELECT a.id FROM accounts a WHERE ${accountScopeSql(user)})`;
  const ctes: Prisma.Sql[] = [Prisma.sql`rank AS (${RANK})`];
  const parts: Prisma.Sql[] = [];
  if (plan.snapshot.length) {
    parts.push(Prisma.sql`
      SELECT sm.month AS m, sm.start_stage AS stage, sm.end_stage FROM stage_months sm
      WHERE sm.month IN (${Prisma.join(plan.snapshot.map(monthDate))}) AND sm.start_stage IS NOT NULL
        AND ${scoped(Prisma.sql`sm.account_id`)}`);
  }
  for (const month of plan.chained) {
    parts.push(Prisma.sql`
      SELECT ${monthDate(month)} AS m, c.start_stage AS stage, c.end_stage FROM (${monthStagesSql(month, true)}) c
      WHERE c.start_stage IS NOT NULL AND ${scoped(Prisma.sql`c.account_id`)}`);
  }
  if (plan.live.length) {
    ctes.push(Prisma.sql`months AS (
      SELECT m, (m + interval '1 month')::date AS next
      FROM unnest(ARRAY[${Prisma.join(plan.live.map(monthDate))}]) AS m)`);
    ctes.push(livePassSql(user, 'live'));
    parts.push(Prisma.sql`SELECT m, stage, end_stage FROM live`);
  }
  if (!parts.length)
    parts.push(Prisma.sql`SELECT NULL::date AS m, NULL::"Stage" AS stage, NULL::"Stage" AS end_stage WHERE FALSE`);
  return Prisma.sql`WITH ${Prisma.join(ctes)}, at_end AS (${Prisma.join(parts, ' UNION ALL ')}) ${COUNTS}`;
}

export function createRollRatesRepository(db: Pick<Db, '$queryRaw' | '$transaction'>) {
  return {
    /**
     * The counts (ADR 055): which months are ready, then one statement, in one snapshot
     * (repeatable read) so a month made not ready meanwhile is not read from stale rows.
     */
    counts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$transaction(
        async (tx) => {
          const ready = await tx.$queryRaw<{ month: string }[]>`
            SELECT to_char(month, 'YYYY-MM') AS month FROM stage_months_ready
            WHERE month BETWEEN ${monthDate(previousMonth(fromMonth))} AND ${monthDate(toMonth)}`;
          const plan = planRollRates(fromMonth, toMonth, new Set(ready.map((r) => r.month)));
          return tx.$queryRaw<RollRateRow[]>(rollRatesPlannedSql(user, plan));
        },
        // A period whose months are not ready yet reads the history: seconds at 1 M accounts, past
        // the interactive transaction's default 5 s.
        { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000 },
      );
    },
    /** The ordered pass alone (ADR 051), whatever the snapshot holds. */
    liveCounts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$queryRaw<RollRateRow[]>(rollRatesSql(user, fromMonth, toMonth));
    },
    /** The per-account probes (the definition the ordered pass must equal). */
    probeCounts(user: SessionUser, fromMonth: string, toMonth: string) {
      return db.$queryRaw<RollRateRow[]>(rollRatesProbeSql(user, fromMonth, toMonth));
    },
  };
}
