import { type Db } from '@crm/db';
import {
  MONTHLY_PAIRS,
  kpiCollectorRollupSql,
  kpiMonthApplySql,
  kpiMonthPruneSql,
  kpiMonthRecomputeSql,
  kpiSummaryInsertSql,
  type KpiRange,
} from './kpis.repository.js';

/** One zone's instants of the day being recomputed. */
export interface ZoneDay extends KpiRange {
  zone: string;
}

export type KpiSummaryRepository = ReturnType<typeof createKpiSummaryRepository>;

/**
 * The KPI report's daily summary (ADR 045): `kpi_daily` rows per (zone, day, collector, stage,
 * script version, currency) and their roll-up per collector `kpi_daily_collector`, `kpi_days` saying which (zone, day) it holds, and `kpi_dirty_days`,
 * the days that changed since (appended by triggers on the base tables).
 */
export function createKpiSummaryRepository(db: Pick<Db, '$queryRaw' | '$executeRaw' | '$transaction'>) {
  return {
    /** Every zone a user works in (the report is read in the viewer's zone). */
    async zones(): Promise<string[]> {
      return (await db.$queryRaw<{ zone: string }[]>`SELECT DISTINCT time_zone AS zone FROM users`).map((r) => r.zone);
    },

    /** Days that changed since their summary was computed, oldest first. */
    async dirtyDays(limit: number): Promise<string[]> {
      return (
        await db.$queryRaw<{ day: string }[]>`
          SELECT day::text AS day FROM kpi_dirty_days GROUP BY day ORDER BY day LIMIT ${limit}`
      ).map((r) => r.day);
    },

    /** The first and last day any fact of the report falls on (null when there is none). */
    async factSpan(): Promise<{ first: string | null; last: string | null }> {
      const [row] = await db.$queryRaw<{ first: string | null; last: string | null }[]>`
        SELECT (min(x.lo) - 1)::text AS first, (max(x.hi) + 1)::text AS last FROM (
          SELECT (min(started_at) AT TIME ZONE 'UTC')::date AS lo, (max(started_at) AT TIME ZONE 'UTC')::date AS hi FROM contact_attempts
          UNION ALL SELECT (min(created_at) AT TIME ZONE 'UTC')::date, (max(created_at) AT TIME ZONE 'UTC')::date FROM promises
          UNION ALL SELECT min(due_date), max(due_date) FROM promises
          UNION ALL SELECT (min(paid_at) AT TIME ZONE 'UTC')::date, (max(paid_at) AT TIME ZONE 'UTC')::date FROM payments) x`;
      return row ?? { first: null, last: null };
    },

    /**
     * Recomputes one day exactly for the given zones, from the base tables. Serialised per day (an
     * advisory lock), so two workers never interleave their rows. The day's change marks are
     * deleted FIRST: a change committed after that statement keeps its mark (it was not visible to
     * it), so the day stays read live until the next refresh; one committed before it is seen by
     * the recompute that follows. The summary is never trusted for a change it did not see.
     */
    refreshDay(day: string, zones: ZoneDay[]): Promise<void> {
      const month = `${day.slice(0, 7)}-01`;
      return db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('kpi_daily'), hashtext(${day}))::text`;
          // One writer per month for the monthly roll-up (ADR 051); always taken after the day's lock.
          await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('kpi_monthly'), hashtext(${month}))::text`;
          await tx.$executeRaw`DELETE FROM kpi_dirty_days WHERE day = ${day}::date`;
          // The day's old rows out of its month's roll-up, before they are replaced...
          for (const pair of MONTHLY_PAIRS) await tx.$executeRaw(kpiMonthApplySql(pair, day, -1));
          await tx.$executeRaw`DELETE FROM kpi_days WHERE day = ${day}::date`;
          await tx.$executeRaw`DELETE FROM kpi_daily WHERE day = ${day}::date`;
          await tx.$executeRaw`DELETE FROM kpi_daily_collector WHERE day = ${day}::date`;
          for (const z of zones) await tx.$executeRaw(kpiSummaryInsertSql(z.zone, z));
          await tx.$executeRaw(kpiCollectorRollupSql(day));
          // ...and the new ones in: the roll-up stays the sum of the month's daily rows. The day's rows
          // were written in this transaction, so the statistics say the day has none and the planner
          // joins them to the month's rows by nested loops: quadratic, 35-80 s a day at 1,000
          // collectors (ADR 055). Hash or merge joins only for these set-to-set statements.
          await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
          for (const pair of MONTHLY_PAIRS) {
            await tx.$executeRaw(kpiMonthApplySql(pair, day, 1));
            await tx.$executeRaw(kpiMonthPruneSql(pair, month));
          }
          await tx.$executeRaw`SET LOCAL enable_nestloop = on`;
          await tx.$executeRaw`
            INSERT INTO kpi_days (zone, day) SELECT unnest(${zones.map((z) => z.zone)}::text[]), ${day}::date`;
        },
        { timeout: 10 * 60_000, maxWait: 60_000 },
      );
    },

    /**
     * Recomputes a month's roll-ups (ADR 051) from its daily rows, whatever they held: what
     * `pnpm kpi:rebuild` does after the days. Under the month's lock, as the refresh.
     */
    refreshMonth(month: string): Promise<void> {
      return db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('kpi_monthly'), hashtext(${month}))::text`;
          for (const pair of MONTHLY_PAIRS) for (const q of kpiMonthRecomputeSql(pair, month)) await tx.$executeRaw(q);
        },
        { timeout: 10 * 60_000, maxWait: 60_000 },
      );
    },
  };
}
