import type { KpiGroupBy, SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { addDaysIso, startOfLocalDay } from '@crm/domain';
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

/** Whole local days [from, to] of one time zone and the instants they span. */
export interface KpiRange {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** One kind of fact, summed where it lives with the dimensions stored on it. */
interface FactPart {
  dims: Dims;
  currency: Prisma.Sql;
  from: Prisma.Sql;
  where: Prisma.Sql;
  measures: Partial<Record<Measure, Prisma.Sql>>;
}

const measureList = (measures: Partial<Record<Measure, Prisma.Sql>>) =>
  Prisma.join(
    MEASURES.map((m) => Prisma.sql`(${measures[m] ?? Prisma.sql`0`})::${measureType(m)} AS ${Prisma.raw(m)}`),
  );

/** `cond(range)` for any of the ranges (an index range scan per range, OR-ed by the planner). */
const anyRange = <R>(ranges: R[], cond: (r: R) => Prisma.Sql) =>
  Prisma.sql`(${Prisma.join(
    ranges.map((r) => Prisma.sql`(${cond(r)})`),
    ' OR ',
  )})`;

/**
 * The facts of the KPI report on the days of `ranges` in zone `tz`: attempts, promises made,
 * promises due, payments. The one definition both the live report and the daily summary use
 * (ADR 045), so the two cannot drift apart.
 */
function factParts(ranges: KpiRange[], tz: string): FactPart[] {
  const promiseDims = (day: Prisma.Sql) => ({
    collector: Prisma.sql`p.created_by_id`,
    stage: Prisma.sql`p.stage`,
    script: Prisma.sql`p.script_version_id`,
    day,
  });
  const judged = Prisma.sql`p.status IN ('kept', 'partly_kept', 'broken')`;
  return [
    {
      dims: {
        collector: Prisma.sql`ca.collector_id`,
        stage: Prisma.sql`ca.stage`,
        script: Prisma.sql`ca.script_version_id`,
        day: Prisma.sql`(ca.started_at AT TIME ZONE ${tz})::date`,
      },
      currency: Prisma.sql`NULL::text`,
      from: Prisma.sql`contact_attempts ca`,
      where: anyRange(ranges, (r) => Prisma.sql`ca.started_at >= ${r.start} AND ca.started_at < ${r.end}`),
      measures: {
        attempts: Prisma.sql`count(*)`,
        contacts: Prisma.sql`count(*) FILTER (WHERE ca.party_reached <> 'nobody')`,
        rpc: Prisma.sql`count(*) FILTER (WHERE ca.party_reached = 'debtor')`,
      },
    },
    {
      dims: promiseDims(Prisma.sql`(p.created_at AT TIME ZONE ${tz})::date`),
      currency: Prisma.sql`p.currency::text`,
      from: Prisma.sql`promises p`,
      where: anyRange(ranges, (r) => Prisma.sql`p.created_at >= ${r.start} AND p.created_at < ${r.end}`),
      measures: {
        made: Prisma.sql`count(*)`,
        made_amount: Prisma.sql`sum(p.amount_minor)`,
      },
    },
    {
      dims: promiseDims(Prisma.sql`p.due_date`),
      currency: Prisma.sql`p.currency::text`,
      from: Prisma.sql`promises p`,
      where: Prisma.sql`${anyRange(ranges, (r) => Prisma.sql`p.due_date BETWEEN ${r.from}::date AND ${r.to}::date`)} AND p.status <> 'cancelled'`,
      measures: {
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
    },
    {
      dims: {
        collector: Prisma.sql`pay.attributed_collector_id`,
        stage: Prisma.sql`pay.attributed_stage`,
        script: Prisma.sql`pay.attributed_script_version_id`,
        day: Prisma.sql`(pay.paid_at AT TIME ZONE ${tz})::date`,
      },
      currency: Prisma.sql`pay.currency::text`,
      from: Prisma.sql`payments pay`,
      where: Prisma.sql`${anyRange(ranges, (r) => Prisma.sql`pay.paid_at >= ${r.start} AND pay.paid_at < ${r.end}`)} AND pay.reversal_of_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = pay.id)`,
      measures: { collected: Prisma.sql`sum(pay.amount_minor)` },
    },
  ];
}

/** The daily summary's columns as a part's dimensions (the summary row aliased `s`). */
const SUMMARY_DIMS: Dims = {
  collector: Prisma.sql`s.collector_id`,
  stage: Prisma.sql`s.stage`,
  script: Prisma.sql`s.script_version_id`,
  day: Prisma.sql`s.day`,
};

/**
 * Every measure of the KPI report per group and currency, in one statement: the days of
 * `summaryRanges` from the daily summary (ADR 045), the days of `liveRanges` from the base
 * tables. Each kind of fact (attempt, promise made, promise due, payment) is summed per group
 * where it lives, with the dimensions stored on it (an attempt's own; a promise's from the attempt
 * that made it; a payment's last touch), so no part joins another large table; the parts are then
 * added up. The viewer's scope and the filters apply to the collector of each part alike.
 */
export function kpiReportSql(
  user: SessionUser,
  timeZone: string,
  groupBy: KpiGroupBy,
  f: KpiFilters,
  summaryRanges: KpiRange[],
  liveRanges: KpiRange[],
  monthRanges: MonthRange[] = [],
): Prisma.Sql {
  const part = (d: Dims, currency: Prisma.Sql, from: Prisma.Sql, where: Prisma.Sql, measures: Prisma.Sql) => Prisma.sql`
    SELECT ${groupKey(groupBy, d)} AS key, ${currency} AS currency, ${measures}
    FROM ${from} LEFT JOIN users u ON u.id = ${d.collector}
    WHERE ${where} AND ${collectorScopeSql(user, d.collector)}
      AND (${f.collectorId ?? null}::uuid IS NULL OR ${d.collector} = ${f.collectorId ?? null}::uuid)
      AND (${f.teamId ?? null}::uuid IS NULL OR u.team_id = ${f.teamId ?? null}::uuid)
    GROUP BY 1, 2`;
  const parts: Prisma.Sql[] = [];
  // Grouped by collector, team, day or week, stage and script version are added up already.
  const perCollector = groupBy !== 'stage' && groupBy !== 'scriptVersion';
  if (summaryRanges.length)
    parts.push(
      part(
        SUMMARY_DIMS,
        Prisma.sql`s.currency::text`,
        perCollector ? Prisma.sql`kpi_daily_collector s` : Prisma.sql`kpi_daily s`,
        Prisma.sql`s.zone = ${timeZone} AND ${anyRange(summaryRanges, (r) => Prisma.sql`s.day BETWEEN ${r.from}::date AND ${r.to}::date`)}`,
        Prisma.join(MEASURES.map((m) => Prisma.sql`sum(s.${Prisma.raw(m)})::${measureType(m)} AS ${Prisma.raw(m)}`)),
      ),
    );
  // Whole months from the monthly roll-up (ADR 051); never for day or week (a month is not a day).
  if (monthRanges.length && (groupBy === 'day' || groupBy === 'week'))
    throw new Error('the monthly roll-up cannot group by day or week');
  if (monthRanges.length)
    parts.push(
      part(
        SUMMARY_DIMS,
        Prisma.sql`s.currency::text`,
        perCollector ? Prisma.sql`kpi_monthly_collector s` : Prisma.sql`kpi_monthly s`,
        Prisma.sql`s.zone = ${timeZone} AND ${anyRange(monthRanges, (r) => Prisma.sql`s.month BETWEEN ${r.from}::date AND ${r.to}::date`)}`,
        Prisma.join(MEASURES.map((m) => Prisma.sql`sum(s.${Prisma.raw(m)})::${measureType(m)} AS ${Prisma.raw(m)}`)),
      ),
    );
  if (liveRanges.length)
    for (const p of factParts(liveRanges, timeZone))
      parts.push(part(p.dims, p.currency, p.from, p.where, measureList(p.measures)));
  if (!parts.length) return Prisma.sql`SELECT NULL::text AS key, NULL::text AS currency WHERE FALSE`;
  return Prisma.sql`
    SELECT key, currency, ${Prisma.join(MEASURES.map((m) => Prisma.sql`sum(${Prisma.raw(m)})::${Prisma.raw(MONEY_MEASURES.has(m) ? 'text' : 'bigint')} AS ${Prisma.raw(m)}`))}
    FROM (${Prisma.join(parts, ' UNION ALL ')}) facts
    GROUP BY 1, 2
    ORDER BY 1 NULLS LAST, 2 NULLS FIRST`;
}

/** The KPI report from the base tables only (the definition; the benchmark times it). */
export function kpiMeasuresSql(user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters): Prisma.Sql {
  return kpiReportSql(user, w.timeZone, groupBy, f, [], [w]);
}

/**
 * Recomputes the daily summary of `day` in each of `zones` from the base tables, with the very
 * parts the live report sums: delete the day's rows, insert them again grouped by the summary's
 * dimensions. `rangeOf` gives the day's instants in a zone.
 */
/** `kpi_daily` of one day added up over stage and script version, into `kpi_daily_collector`. */
export function kpiCollectorRollupSql(day: string): Prisma.Sql {
  const cols = Prisma.raw(MEASURES.join(', '));
  return Prisma.sql`
    INSERT INTO kpi_daily_collector (zone, day, collector_id, currency, ${cols})
    SELECT zone, day, collector_id, currency, ${Prisma.join(MEASURES.map((m) => Prisma.sql`sum(${Prisma.raw(m)})::bigint`))}
    FROM kpi_daily WHERE day = ${day}::date
    GROUP BY zone, day, collector_id, currency`;
}

/** A monthly roll-up and the daily table it adds up, with the keys they share (ADR 051). */
interface MonthlyPair {
  daily: string;
  monthly: string;
  keys: { column: string; nullAs: string }[];
}
const NO_UUID = "'00000000-0000-0000-0000-000000000000'::uuid";
const COLLECTOR_KEY = { column: 'collector_id', nullAs: NO_UUID };
const CURRENCY_KEY = { column: 'currency', nullAs: "''" };
export const MONTHLY_PAIRS: MonthlyPair[] = [
  {
    daily: 'kpi_daily',
    monthly: 'kpi_monthly',
    keys: [
      COLLECTOR_KEY,
      { column: 'stage', nullAs: "'-'" },
      { column: 'script_version_id', nullAs: NO_UUID },
      CURRENCY_KEY,
    ],
  },
  { daily: 'kpi_daily_collector', monthly: 'kpi_monthly_collector', keys: [COLLECTOR_KEY, CURRENCY_KEY] },
];

/** Equal keys, nulls equal to nulls, as a hashable condition (the keys' nulls mapped to a value no row has). */
const sameKeys = (pair: MonthlyPair, a: string, b: string) =>
  Prisma.raw(
    pair.keys
      .map((k) =>
        k.column === 'stage'
          ? `COALESCE(${a}.stage::text, ${k.nullAs}) = COALESCE(${b}.stage::text, ${k.nullAs})`
          : `COALESCE(${a}.${k.column}, ${k.nullAs}) = COALESCE(${b}.${k.column}, ${k.nullAs})`,
      )
      .join(' AND '),
  );

/**
 * Adds `sign` (1 or -1) times one day's rows of the daily table to its month's roll-up: rows whose
 * keys the month holds are updated, the others inserted. The refresh subtracts the day's old rows
 * before replacing them and adds the new ones after, in the same transaction, so the roll-up stays
 * the sum of its month's daily rows. The caller holds the month's lock (one writer per month).
 */
export function kpiMonthApplySql(pair: MonthlyPair, day: string, sign: 1 | -1): Prisma.Sql {
  const keys = pair.keys.map((k) => k.column).join(', ');
  const cols = ['days', ...MEASURES];
  return Prisma.sql`
    WITH d AS (
      SELECT zone, date_trunc('month', day)::date AS month, ${Prisma.raw(keys)},
             ${Prisma.raw(cols.map((c) => (c === 'days' ? `${sign}::bigint AS days` : `${sign} * ${c} AS ${c}`)).join(', '))}
      FROM ${Prisma.raw(pair.daily)} WHERE day = ${day}::date
    ), up AS (
      UPDATE ${Prisma.raw(pair.monthly)} m SET ${Prisma.raw(cols.map((c) => `${c} = m.${c} + d.${c}`).join(', '))}
      FROM d WHERE m.zone = d.zone AND m.month = d.month AND ${sameKeys(pair, 'm', 'd')}
      RETURNING d.*
    )
    INSERT INTO ${Prisma.raw(pair.monthly)} (zone, month, ${Prisma.raw(keys)}, ${Prisma.raw(cols.join(', '))})
    SELECT zone, month, ${Prisma.raw(keys)}, ${Prisma.raw(cols.join(', '))} FROM d
    WHERE NOT EXISTS (SELECT 1 FROM up WHERE up.zone = d.zone AND ${sameKeys(pair, 'up', 'd')})`;
}

/** Drops the month's rows that no daily row stands behind any more (a group the live query would not show). */
export function kpiMonthPruneSql(pair: MonthlyPair, month: string): Prisma.Sql {
  return Prisma.sql`DELETE FROM ${Prisma.raw(pair.monthly)} WHERE month = ${month}::date AND days = 0`;
}

/** Recomputes a month's roll-up from its daily rows (the rebuild: exact whatever the roll-up held). */
export function kpiMonthRecomputeSql(pair: MonthlyPair, month: string): Prisma.Sql[] {
  const keys = pair.keys.map((k) => k.column).join(', ');
  return [
    Prisma.sql`DELETE FROM ${Prisma.raw(pair.monthly)} WHERE month = ${month}::date`,
    Prisma.sql`
      INSERT INTO ${Prisma.raw(pair.monthly)} (zone, month, ${Prisma.raw(keys)}, days, ${Prisma.raw(MEASURES.join(', '))})
      SELECT zone, ${month}::date, ${Prisma.raw(keys)}, count(*), ${Prisma.raw(MEASURES.map((m) => `sum(${m})`).join(', '))}
      FROM ${Prisma.raw(pair.daily)}
      WHERE day >= ${month}::date AND day < (${month}::date + interval '1 month')::date
      GROUP BY zone, ${Prisma.raw(keys)}`,
  ];
}

export function kpiSummaryInsertSql(zone: string, range: KpiRange): Prisma.Sql {
  const parts = factParts([range], zone).map(
    (p) => Prisma.sql`
    SELECT ${p.dims.collector} AS collector_id, ${p.dims.stage} AS stage, ${p.dims.script} AS script_version_id,
           ${p.currency} AS currency, ${measureList(p.measures)}
    FROM ${p.from} WHERE ${p.where}
    GROUP BY 1, 2, 3, 4`,
  );
  return Prisma.sql`
    INSERT INTO kpi_daily (zone, day, collector_id, stage, script_version_id, currency, ${Prisma.raw(MEASURES.join(', '))})
    SELECT ${zone}, ${range.from}::date, collector_id, stage, script_version_id, currency,
           ${Prisma.join(MEASURES.map((m) => Prisma.sql`sum(${Prisma.raw(m)})::bigint`))}
    FROM (${Prisma.join(parts, ' UNION ALL ')}) facts
    GROUP BY collector_id, stage, script_version_id, currency`;
}

export type KpisRepository = ReturnType<typeof createKpisRepository>;

/** Whole months [from, to] (their first days) read from the monthly roll-up. */
export interface MonthRange {
  from: string;
  to: string;
}

/**
 * The days of `w` in three sources: whole calendar months inside the period whose every day is
 * clean (`months`, when `useMonths`), runs of other clean days (`summary`), the rest (`live`).
 */
export function splitPeriod(
  w: KpiWindow,
  clean: Set<string>,
  useMonths: boolean,
): { months: MonthRange[]; summary: KpiRange[]; live: KpiRange[] } {
  const inMonth = new Set<string>();
  const months: MonthRange[] = [];
  if (useMonths)
    for (let m = `${w.from.slice(0, 7)}-01`; m <= w.to; m = addMonthIso(m)) {
      const last = addDaysIso(addMonthIso(m), -1);
      if (m < w.from || last > w.to) continue;
      const days: string[] = [];
      for (let d = m; d <= last; d = addDaysIso(d, 1)) days.push(d);
      if (!days.every((d) => clean.has(d))) continue;
      days.forEach((d) => inMonth.add(d));
      const prev = months[months.length - 1];
      if (prev && addMonthIso(prev.to) === m) prev.to = m;
      else months.push({ from: m, to: m });
    }
  const rest = splitDays(w, clean, inMonth);
  return { months, ...rest };
}

/** The first day of the month after the month of `first` (a month's first day). */
function addMonthIso(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** The days of `w` as runs of consecutive days, those in `summarised` apart from the others. */
export function splitDays(
  w: KpiWindow,
  summarised: Set<string>,
  skip: Set<string> = new Set(),
): { summary: KpiRange[]; live: KpiRange[] } {
  const out = { summary: [] as KpiRange[], live: [] as KpiRange[] };
  let run: { from: string; to: string; inSummary: boolean } | null = null;
  const close = () => {
    if (!run) return;
    const range = {
      from: run.from,
      to: run.to,
      start: startOfLocalDay(run.from, w.timeZone),
      end: startOfLocalDay(addDaysIso(run.to, 1), w.timeZone),
    };
    (run.inSummary ? out.summary : out.live).push(range);
  };
  for (let day = w.from; day <= w.to; day = addDaysIso(day, 1)) {
    if (skip.has(day)) {
      close();
      run = null;
      continue;
    }
    const inSummary = summarised.has(day);
    if (run && run.inSummary === inSummary) run.to = day;
    else {
      close();
      run = { from: day, to: day, inSummary };
    }
  }
  close();
  return out;
}

export function createKpisRepository(db: Pick<Db, '$queryRaw' | '$transaction' | 'user' | 'team' | 'scriptVersion'>) {
  return {
    /**
     * The report's measures: whole days the summary holds and that nothing changed since come
     * from `kpi_daily`, the other days from the base tables (ADR 045). One snapshot (repeatable
     * read) for both reads, so the figures equal the live query's at that instant.
     */
    measures: (user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters) =>
      db.$transaction(
        async (tx) => {
          const clean = await tx.$queryRaw<{ day: string }[]>`
            SELECT d.day::text AS day FROM kpi_days d
            WHERE d.zone = ${w.timeZone} AND d.day BETWEEN ${w.from}::date AND ${w.to}::date
              AND NOT EXISTS (SELECT 1 FROM kpi_dirty_days x WHERE x.day = d.day)`;
          const { months, summary, live } = splitPeriod(
            w,
            new Set(clean.map((r) => r.day)),
            groupBy !== 'day' && groupBy !== 'week',
          );
          return tx.$queryRaw<KpiRow[]>(kpiReportSql(user, w.timeZone, groupBy, f, summary, live, months));
        },
        // Days the summary does not hold yet are read live: about 3 s for a month at 10 M attempts,
        // near the interactive transaction's default 5 s (as roll rates, ADR 055).
        { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000 },
      ),

    /** The same measures from the base tables only (the definition the summary must equal). */
    liveMeasures: (user: SessionUser, w: KpiWindow, groupBy: KpiGroupBy, f: KpiFilters) =>
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
