import type { KpiGroupBy, SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { collectorScopeSql } from '../accounts/account-scope.repository.js';
import { userNames } from '../users/user-names.repository.js';

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

/** One (group, currency) row of measures, summed in SQL. Money sums are exact decimal strings (numeric). */
export interface KpiRow {
  key: string | null;
  /** Null on rows that carry only attempt counts. */
  currency: string | null;
  attempts: bigint;
  contacts: bigint;
  rpc: bigint;
  made: bigint;
  made_amount: string;
  due: bigint;
  kept: bigint;
  partly: bigint;
  broken: bigint;
  pending_due: bigint;
  kept_amount: string;
  partly_amount: string;
  broken_amount: string;
  resolved_amount: string;
  resolved_paid: string;
  collected: string;
}

/** Where a fact's dimensions live in one part of the report. */
interface Dims {
  collector: Prisma.Sql;
  stage: Prisma.Sql;
  script: Prisma.Sql;
  day: Prisma.Sql;
}

function groupKey(groupBy: KpiGroupBy, d: Dims): Prisma.Sql {
  switch (groupBy) {
    case 'collector':
      return Prisma.sql`${d.collector}::text`;
    case 'team':
      return Prisma.sql`u.team_id::text`;
    case 'stage':
      return Prisma.sql`${d.stage}::text`;
    case 'scriptVersion':
      return Prisma.sql`${d.script}::text`;
    case 'day':
      return Prisma.sql`(${d.day})::text`;
    case 'week':
      return Prisma.sql`date_trunc('week', ${d.day})::date::text`;
  }
}

/** The counts and the sums of money a KPI row carries (the service adds them up the same way). */
export const COUNT_KEYS = [
  'attempts',
  'contacts',
  'rpc',
  'made',
  'due',
  'kept',
  'partly',
  'broken',
  'pending_due',
] as const;
/** Sums of money: numeric in SQL (no bigint overflow) and text to the API (no 2^53 limit). */
export const MONEY_KEYS = [
  'made_amount',
  'kept_amount',
  'partly_amount',
  'broken_amount',
  'resolved_amount',
  'resolved_paid',
  'collected',
] as const;
/** The measures in report order; a part gives the ones it knows and zeros for the rest. */
const MEASURES = [...COUNT_KEYS, ...MONEY_KEYS] as const;
type Measure = (typeof MEASURES)[number];
const MONEY_MEASURES = new Set<Measure>(MONEY_KEYS);
const measureType = (m: Measure) => Prisma.raw(MONEY_MEASURES.has(m) ? 'numeric' : 'bigint');

/**
 * Every measure of the KPI report per group and currency, in one statement. Each kind of fact
 * (attempt, promise made, promise due, payment) is summed per group where it lives, with the
 * dimensions stored on it (an attempt's own; a promise's from the attempt that made it; a
 * payment's last touch), so no part joins another large table; the parts are then added up.
 * Exported so the benchmark can time the very same SQL without the API around it.
 */
export function kpiMeasuresSql(user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters): Prisma.Sql {
  const tz = w.timeZone;
  const part = (
    d: Dims,
    currency: Prisma.Sql,
    from: Prisma.Sql,
    where: Prisma.Sql,
    measures: Partial<Record<Measure, Prisma.Sql>>,
  ) => Prisma.sql`
    SELECT ${groupKey(groupBy, d)} AS key, ${currency} AS currency,
           ${Prisma.join(MEASURES.map((m) => Prisma.sql`(${measures[m] ?? Prisma.sql`0`})::${measureType(m)} AS ${Prisma.raw(m)}`))}
    FROM ${from} LEFT JOIN users u ON u.id = ${d.collector}
    WHERE ${where} AND ${collectorScopeSql(user, d.collector)}
      AND (${f.collectorId ?? null}::uuid IS NULL OR ${d.collector} = ${f.collectorId ?? null}::uuid)
      AND (${f.teamId ?? null}::uuid IS NULL OR u.team_id = ${f.teamId ?? null}::uuid)
    GROUP BY 1, 2`;
  const attemptDims = {
    collector: Prisma.sql`ca.collector_id`,
    stage: Prisma.sql`ca.stage`,
    script: Prisma.sql`ca.script_version_id`,
    day: Prisma.sql`(ca.started_at AT TIME ZONE ${tz})::date`,
  };
  const promiseDims = (day: Prisma.Sql) => ({
    collector: Prisma.sql`p.created_by_id`,
    stage: Prisma.sql`p.stage`,
    script: Prisma.sql`p.script_version_id`,
    day,
  });
  const judged = Prisma.sql`p.status IN ('kept', 'partly_kept', 'broken')`;
  const parts = [
    part(
      attemptDims,
      Prisma.sql`NULL::text`,
      Prisma.sql`contact_attempts ca`,
      Prisma.sql`ca.started_at >= ${w.start} AND ca.started_at < ${w.end}`,
      {
        attempts: Prisma.sql`count(*)`,
        contacts: Prisma.sql`count(*) FILTER (WHERE ca.party_reached <> 'nobody')`,
        rpc: Prisma.sql`count(*) FILTER (WHERE ca.party_reached = 'debtor')`,
      },
    ),
    part(
      promiseDims(Prisma.sql`(p.created_at AT TIME ZONE ${tz})::date`),
      Prisma.sql`p.currency::text`,
      Prisma.sql`promises p`,
      Prisma.sql`p.created_at >= ${w.start} AND p.created_at < ${w.end}`,
      {
        made: Prisma.sql`count(*)`,
        made_amount: Prisma.sql`sum(p.amount_minor)`,
      },
    ),
    part(
      promiseDims(Prisma.sql`p.due_date`),
      Prisma.sql`p.currency::text`,
      Prisma.sql`promises p`,
      Prisma.sql`p.due_date BETWEEN ${w.from}::date AND ${w.to}::date AND p.status <> 'cancelled'`,
      {
        due: Prisma.sql`count(*)`,
        kept: Prisma.sql`count(*) FILTER (WHERE p.status = 'kept')`,
        partly: Prisma.sql`count(*) FILTER (WHERE p.status = 'partly_kept')`,
        broken: Prisma.sql`count(*) FILTER (WHERE p.status = 'broken')`,
        pending_due: Prisma.sql`count(*) FILTER (WHERE p.status = 'pending')`,
        kept_amount: Prisma.sql`COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'kept'), 0)`,
        partly_amount: Prisma.sql`COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'partly_kept'), 0)`,
        broken_amount: Prisma.sql`COALESCE(sum(p.amount_minor) FILTER (WHERE p.status = 'broken'), 0)`,
        resolved_amount: Prisma.sql`COALESCE(sum(p.amount_minor) FILTER (WHERE ${judged}), 0)`,
        resolved_paid: Prisma.sql`COALESCE(sum(LEAST(p.paid_minor, p.amount_minor)) FILTER (WHERE ${judged}), 0)`,
      },
    ),
    part(
      {
        collector: Prisma.sql`pay.attributed_collector_id`,
        stage: Prisma.sql`pay.attributed_stage`,
        script: Prisma.sql`pay.attributed_script_version_id`,
        day: Prisma.sql`(pay.paid_at AT TIME ZONE ${tz})::date`,
      },
      Prisma.sql`pay.currency::text`,
      Prisma.sql`payments pay`,
      Prisma.sql`pay.paid_at >= ${w.start} AND pay.paid_at < ${w.end} AND pay.reversal_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = pay.id)`,
      { collected: Prisma.sql`sum(pay.amount_minor)` },
    ),
  ];
  return Prisma.sql`
    SELECT key, currency, ${Prisma.join(MEASURES.map((m) => Prisma.sql`sum(${Prisma.raw(m)})::${Prisma.raw(MONEY_MEASURES.has(m) ? 'text' : 'bigint')} AS ${Prisma.raw(m)}`))}
    FROM (${Prisma.join(parts, ' UNION ALL ')}) facts
    GROUP BY 1, 2
    ORDER BY 1 NULLS LAST, 2 NULLS FIRST`;
}

export type KpisRepository = ReturnType<typeof createKpisRepository>;

export function createKpisRepository(db: Pick<Db, '$queryRaw' | 'user' | 'team' | 'scriptVersion'>) {
  return {
    measures: (user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters) =>
      db.$queryRaw<KpiRow[]>(kpiMeasuresSql(user, w, groupBy, f)),

    /** Display names for the keys of a report. */
    async labels(groupBy: KpiGroupBy, keys: string[]): Promise<Map<string, string>> {
      if (!keys.length) return new Map();
      if (groupBy === 'collector') return userNames(db, keys);
      if (groupBy === 'team')
        return new Map(
          (await db.team.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((t) => [
            t.id,
            t.name,
          ]),
        );
      if (groupBy === 'scriptVersion') {
        const versions = await db.scriptVersion.findMany({
          where: { id: { in: keys } },
          select: { id: true, version: true, script: { select: { stage: true, locale: true } } },
        });
        return new Map(
          versions.map((v) => [
            v.id,
            `${v.script.stage} · ${v.script.locale === 'zh_CN' ? 'zh-CN' : 'en'} · v${v.version}`,
          ]),
        );
      }
      return new Map(keys.map((k) => [k, k]));
    },
  };
}
