import type { KpiGroupBy, SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { collectorScopeSql } from '../accounts/account-scope.js';

export interface KpiWindow {
  /** Calendar dates (inclusive) and the instants they span in the viewer's zone. */
  from: string;
  to: string;
  start: Date;
  end: Date;
  timeZone: string;
}

export interface KpiFilters {
  collectorId?: string | undefined;
  teamId?: string | undefined;
}

/** One (group, currency) row of measures, summed in SQL. */
export interface KpiRow {
  key: string | null;
  /** Null on rows that carry only attempt counts. */
  currency: string | null;
  attempts: bigint;
  contacts: bigint;
  rpc: bigint;
  made: bigint;
  made_amount: bigint;
  due: bigint;
  kept: bigint;
  partly: bigint;
  broken: bigint;
  pending_due: bigint;
  kept_amount: bigint;
  partly_amount: bigint;
  broken_amount: bigint;
  resolved_amount: bigint;
  resolved_paid: bigint;
  collected: bigint;
}

function groupKey(groupBy: KpiGroupBy): Prisma.Sql {
  switch (groupBy) {
    case 'collector':
      return Prisma.sql`collector_id::text`;
    case 'team':
      return Prisma.sql`team_id::text`;
    case 'stage':
      return Prisma.sql`stage::text`;
    case 'scriptVersion':
      return Prisma.sql`script_version_id::text`;
    case 'day':
      return Prisma.sql`day::text`;
    case 'week':
      return Prisma.sql`date_trunc('week', day)::date::text`;
  }
}

/**
 * Every measure of the KPI report per group and currency, in one statement. Each kind of fact
 * (attempt, promise made, promise due, payment) becomes rows of one shape, tagged with the
 * attempt that caused it, then everything is summed per group. Exported so the benchmark can
 * time the very same SQL without the API around it.
 */
export function kpiMeasuresSql(user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters): Prisma.Sql {
  const tz = w.timeZone;
  const filters = Prisma.sql`${collectorScopeSql(user, Prisma.sql`collector_id`)}
    AND (${f.collectorId ?? null}::uuid IS NULL OR collector_id = ${f.collectorId ?? null}::uuid)
    AND (${f.teamId ?? null}::uuid IS NULL OR team_id = ${f.teamId ?? null}::uuid)`;
  // Each kind of fact is summed per (collector, stage, script version, day, currency) where it
  // lives, using the dimensions stored with it (an attempt's own; a promise's from the attempt
  // that made it; a payment's last touch), so no part joins another large table. The parts are
  // stacked and summed per group; team comes from the collector.
  return Prisma.sql`
    WITH facts AS (
      SELECT ca.collector_id, ca.stage, ca.script_version_id, (ca.started_at AT TIME ZONE ${tz})::date AS day, NULL::text AS currency,
             count(*) AS attempts, count(*) FILTER (WHERE ca.party_reached <> 'nobody') AS contacts, count(*) FILTER (WHERE ca.party_reached = 'debtor') AS rpc,
             0 AS made, 0 AS made_amount, 0 AS due, 0 AS kept, 0 AS partly, 0 AS broken, 0 AS pending_due,
             0 AS kept_amount, 0 AS partly_amount, 0 AS broken_amount, 0 AS resolved_amount, 0 AS resolved_paid, 0 AS collected
      FROM contact_attempts ca
      WHERE ca.started_at >= ${w.start} AND ca.started_at < ${w.end}
      GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT p.created_by_id, p.stage, p.script_version_id, (p.created_at AT TIME ZONE ${tz})::date, p.currency,
             0, 0, 0, count(*), sum(p.amount_minor), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM promises p
      WHERE p.created_at >= ${w.start} AND p.created_at < ${w.end}
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT p.created_by_id, p.stage, p.script_version_id, p.due_date, p.currency,
             0, 0, 0, 0, 0, count(*),
             count(*) FILTER (WHERE p.status = 'kept'), count(*) FILTER (WHERE p.status = 'partly_kept'),
             count(*) FILTER (WHERE p.status = 'broken'), count(*) FILTER (WHERE p.status = 'pending'),
             COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'kept'), 0),
             COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'partly_kept'), 0),
             COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'broken'), 0),
             COALESCE(sum(p.amount_minor) FILTER (WHERE p.status IN ('kept', 'partly_kept', 'broken')), 0),
             COALESCE(sum(LEAST(p.paid_minor, p.amount_minor)) FILTER (WHERE p.status IN ('kept', 'partly_kept', 'broken')), 0),
             0
      FROM promises p
      WHERE p.due_date BETWEEN ${w.from}::date AND ${w.to}::date AND p.status <> 'cancelled'
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT pay.attributed_collector_id, pay.attributed_stage, pay.attributed_script_version_id, (pay.paid_at AT TIME ZONE ${tz})::date, pay.currency,
             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(pay.amount_minor)
      FROM payments pay
      WHERE pay.paid_at >= ${w.start} AND pay.paid_at < ${w.end} AND pay.reversal_of_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = pay.id)
      GROUP BY 1, 2, 3, 4, 5
    ), scoped AS (
      SELECT f.*, u.team_id FROM facts f LEFT JOIN users u ON u.id = f.collector_id
    )
    SELECT ${groupKey(groupBy)} AS key, currency,
           sum(attempts)::bigint AS attempts, sum(contacts)::bigint AS contacts, sum(rpc)::bigint AS rpc, sum(made)::bigint AS made,
           sum(made_amount)::bigint AS made_amount, sum(due)::bigint AS due, sum(kept)::bigint AS kept, sum(partly)::bigint AS partly,
           sum(broken)::bigint AS broken, sum(pending_due)::bigint AS pending_due, sum(kept_amount)::bigint AS kept_amount,
           sum(partly_amount)::bigint AS partly_amount, sum(broken_amount)::bigint AS broken_amount, sum(resolved_amount)::bigint AS resolved_amount,
           sum(resolved_paid)::bigint AS resolved_paid, sum(collected)::bigint AS collected
    FROM scoped
    WHERE ${filters}
    GROUP BY 1, 2
    ORDER BY 1 NULLS LAST, 2 NULLS FIRST`;
}

export type KpisRepository = ReturnType<typeof createKpisRepository>;

export function createKpisRepository(db: Pick<Db, '$queryRaw' | 'user' | 'team' | 'scriptVersion'>) {
  return {
    measures: (user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters) => db.$queryRaw<KpiRow[]>(kpiMeasuresSql(user, w, groupBy, f)),


    /** Display names for the keys of a report. */
    async labels(groupBy: KpiGroupBy, keys: string[]): Promise<Map<string, string>> {
      if (!keys.length) return new Map();
      if (groupBy === 'collector') return new Map((await db.user.findMany({ where: { id: { in: keys } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
      if (groupBy === 'team') return new Map((await db.team.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]));
      if (groupBy === 'scriptVersion') {
        const versions = await db.scriptVersion.findMany({ where: { id: { in: keys } }, select: { id: true, version: true, script: { select: { stage: true, locale: true } } } });
        return new Map(versions.map((v) => [v.id, `${v.script.stage} · ${v.script.locale === 'zh_CN' ? 'zh-CN' : 'en'} · v${v.version}`]));
      }
      return new Map(keys.map((k) => [k, k]));
    },
  };
}
