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
  currency: string;
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
  return Prisma.sql`
        WITH facts AS (
          SELECT ca.collector_id, u.team_id, ca.stage, ca.script_version_id, (ca.started_at AT TIME ZONE ${tz})::date AS day, a.currency,
                 1 AS attempts, (ca.party_reached <> 'nobody')::int AS contacts, (ca.party_reached = 'debtor')::int AS rpc,
                 0 AS made, 0::bigint AS made_amount, 0 AS due, 0 AS kept, 0 AS partly, 0 AS broken, 0 AS pending_due,
                 0::bigint AS kept_amount, 0::bigint AS partly_amount, 0::bigint AS broken_amount, 0::bigint AS resolved_amount, 0::bigint AS resolved_paid,
                 0::bigint AS collected
          FROM contact_attempts ca JOIN accounts a ON a.id = ca.account_id LEFT JOIN users u ON u.id = ca.collector_id
          WHERE ca.started_at >= ${w.start} AND ca.started_at < ${w.end}
          UNION ALL
          SELECT ca.collector_id, u.team_id, ca.stage, ca.script_version_id, (p.created_at AT TIME ZONE ${tz})::date, p.currency,
                 0, 0, 0, 1, p.amount_minor, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM promises p JOIN contact_attempts ca ON ca.id = p.contact_attempt_id LEFT JOIN users u ON u.id = ca.collector_id
          WHERE p.created_at >= ${w.start} AND p.created_at < ${w.end}
          UNION ALL
          SELECT ca.collector_id, u.team_id, ca.stage, ca.script_version_id, p.due_date, p.currency,
                 0, 0, 0, 0, 0, 1,
                 (p.status = 'kept')::int, (p.status = 'partly_kept')::int, (p.status = 'broken')::int, (p.status = 'pending')::int,
                 CASE WHEN p.status = 'kept' THEN p.amount_minor ELSE 0 END,
                 CASE WHEN p.status = 'partly_kept' THEN p.amount_minor ELSE 0 END,
                 CASE WHEN p.status = 'broken' THEN p.amount_minor ELSE 0 END,
                 CASE WHEN p.status IN ('kept', 'partly_kept', 'broken') THEN p.amount_minor ELSE 0 END,
                 CASE WHEN p.status IN ('kept', 'partly_kept', 'broken') THEN LEAST(p.paid_minor, p.amount_minor) ELSE 0 END,
                 0
          FROM promises p JOIN contact_attempts ca ON ca.id = p.contact_attempt_id LEFT JOIN users u ON u.id = ca.collector_id
          WHERE p.due_date BETWEEN ${w.from}::date AND ${w.to}::date AND p.status <> 'cancelled'
          UNION ALL
          SELECT lt.collector_id, u.team_id, lt.stage, lt.script_version_id, (pay.paid_at AT TIME ZONE ${tz})::date, pay.currency,
                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, pay.amount_minor
          FROM payments pay
          LEFT JOIN LATERAL (
            SELECT ca.collector_id, ca.stage, ca.script_version_id FROM contact_attempts ca
            WHERE ca.account_id = pay.account_id AND ca.started_at <= pay.paid_at
            ORDER BY ca.started_at DESC LIMIT 1
          ) lt ON TRUE
          LEFT JOIN users u ON u.id = lt.collector_id
          WHERE pay.paid_at >= ${w.start} AND pay.paid_at < ${w.end} AND pay.reversal_of_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = pay.id)
        )
        SELECT ${groupKey(groupBy)} AS key, currency,
               sum(attempts) AS attempts, sum(contacts) AS contacts, sum(rpc) AS rpc, sum(made) AS made, sum(made_amount) AS made_amount,
               sum(due) AS due, sum(kept) AS kept, sum(partly) AS partly, sum(broken) AS broken, sum(pending_due) AS pending_due,
               sum(kept_amount) AS kept_amount, sum(partly_amount) AS partly_amount, sum(broken_amount) AS broken_amount,
               sum(resolved_amount) AS resolved_amount, sum(resolved_paid) AS resolved_paid, sum(collected) AS collected
        FROM facts
        WHERE ${filters}
        GROUP BY 1, 2
        ORDER BY 1 NULLS LAST, 2`;
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
