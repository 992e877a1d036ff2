import type { KpiGroup, KpiGroupBy, KpiResponse, SessionUser } from '@crm/contracts';
import { currencyExponent } from '@crm/domain';
import { addDays, differenceInCalendarDays, endOfMonth, format, parseISO, startOfMonth, subMonths } from 'date-fns';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable, type Column } from '../../../components/ui/data-table';
import { QueryState, type QueryLike } from '../../../components/ui/query-state';
import { TextField } from '../../../components/ui/field';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { paths } from '../../../config/paths';
import { percent, useFormat } from '../../../lib/format';
import { useKpis } from '../api/get-kpis';
import { ReviewsTable } from './reviews-table';
import { RollRatesTable } from './roll-rates-table';

const GROUPS: KpiGroupBy[] = ['collector', 'team', 'stage', 'scriptVersion'];
const iso = (d: Date) => format(d, 'yyyy-MM-dd');
type CountKey =
  | 'attempts'
  | 'contacts'
  | 'rightPartyContacts'
  | 'promisesMade'
  | 'promisesDue'
  | 'kept'
  | 'partlyKept'
  | 'broken'
  | 'pendingDue';
/** The KPI table's counts: the contact log filter behind each, and whether it counts attempts or promises due in the period. */
const COUNTS: [CountKey, Record<string, string>, 'attempts' | 'due'][] = [
  ['attempts', {}, 'attempts'],
  ['contacts', { reached: 'anyone' }, 'attempts'],
  ['rightPartyContacts', { reached: 'debtor' }, 'attempts'],
  ['promisesMade', { hasPromise: 'true' }, 'attempts'],
  ['promisesDue', {}, 'due'],
  ['kept', { promiseStatus: 'kept' }, 'due'],
  ['partlyKept', { promiseStatus: 'partly_kept' }, 'due'],
  ['broken', { promiseStatus: 'broken' }, 'due'],
  ['pendingDue', { promiseStatus: 'pending' }, 'due'],
];
const FILTER_FOR: Partial<Record<KpiGroupBy, string>> = {
  collector: 'collectorId',
  team: 'teamId',
  stage: 'stage',
  scriptVersion: 'scriptVersionId',
};

/**
 * The period Results opens on: the last 30 days up to today, so it is never empty on the 1st of a
 * month (as "this month" would be) and always compares like with like.
 */
export function defaultPeriod(today: Date): { from: string; to: string } {
  return { from: iso(addDays(today, -29)), to: iso(today) };
}

/** Today in the user's zone, as the period presets see it. */
function todayIn(timeZone: string): Date {
  return parseISO(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    ),
  );
}

/**
 * The supervisor's results: trend of promise outcomes and kept rate, then a comparison by
 * collector, team, stage or script version. Every count links to the contact log filtered to
 * the attempts behind it. Period and grouping live in the URL.
 */
export function KpiDashboard({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const today = todayIn(user.timeZone);
  const period = defaultPeriod(today);
  const from = params.get('from') ?? period.from;
  const to = params.get('to') ?? period.to;
  const groupBy = (GROUPS as string[]).includes(params.get('groupBy') ?? '')
    ? (params.get('groupBy') as KpiGroupBy)
    : user.role === 'collector'
      ? 'stage'
      : 'collector';
  const update = (patch: Record<string, string>) =>
    setParams(new URLSearchParams({ from, to, groupBy, ...patch }), { replace: true });
  const trendBy: KpiGroupBy = differenceInCalendarDays(parseISO(to), parseISO(from)) > 62 ? 'week' : 'day';
  const table = useKpis({ from, to, groupBy });
  const trend = useKpis({ from, to, groupBy: trendBy });
  const presets = [
    { label: t('kpi.last30'), ...period },
    { label: t('kpi.thisMonth'), from: iso(startOfMonth(today)), to: iso(today) },
    {
      label: t('kpi.lastMonth'),
      from: iso(startOfMonth(subMonths(today, 1))),
      to: iso(endOfMonth(subMonths(today, 1))),
    },
    { label: t('kpi.last90'), from: iso(addDays(today, -89)), to: iso(today) },
  ];

  return (
    <div className="kpi-dashboard">
      <form className="panel filters" aria-label={t('kpi.period')} onSubmit={(e) => e.preventDefault()}>
        {/* A cleared date keeps the period it had. */}
        <TextField
          type="date"
          label={t('contactLog.from')}
          value={from}
          max={to}
          onChange={(v) => v && update({ from: v })}
        />
        <TextField
          type="date"
          label={t('contactLog.to')}
          value={to}
          min={from}
          onChange={(v) => v && update({ to: v })}
        />
        <div className="field end presets">
          {presets.map((p) => (
            <button
              key={p.label}
              type="button"
              className="button"
              aria-pressed={p.from === from && p.to === to}
              onClick={() => update({ from: p.from, to: p.to })}
            >
              {p.label}
            </button>
          ))}
        </div>
        <p className="muted small field end">{t('kpi.timeZone', { zone: user.timeZone })}</p>
      </form>

      {table.data && <Headline totals={table.data.totals} from={from} to={to} />}

      <ChartPanel title={t(trendBy === 'week' ? 'kpi.trendWeek' : 'kpi.trendDay')} query={trend} chart={TrendChart} />
      <ChartPanel
        title={t(trendBy === 'week' ? 'kpi.collectedWeek' : 'kpi.collectedDay')}
        query={trend}
        chart={CollectedChart}
      />

      <nav className="subnav" aria-label={t('kpi.compareBy')}>
        {GROUPS.map((g) => (
          <Link
            key={g}
            to={`?${new URLSearchParams({ from, to, groupBy: g })}`}
            replace
            aria-current={g === groupBy ? 'page' : undefined}
            className={g === groupBy ? 'active' : undefined}
          >
            {t(`kpi.by.${g}`)}
          </Link>
        ))}
      </nav>
      <div className="panel">
        {table.isPending ? (
          <LoadingState />
        ) : table.isError ? (
          <ErrorState error={table.error} onRetry={() => void table.refetch()} />
        ) : table.data.groups.length === 0 ? (
          <EmptyState>{t('kpi.empty')}</EmptyState>
        ) : (
          <KpiTable groups={table.data.groups} totals={table.data.totals} groupBy={groupBy} from={from} to={to} />
        )}
      </div>

      <section aria-labelledby={`${id}-reviews`}>
        <h2 id={`${id}-reviews`}>{t('review.reportTitle')}</h2>
        <div className="panel">
          <ReviewsTable from={from} to={to} />
        </div>
      </section>

      {user.role !== 'collector' && (
        <section aria-labelledby={`${id}-roll`}>
          <h2 id={`${id}-roll`}>{t('rollRates.title')}</h2>
          <p className="muted small">{t('rollRates.description')}</p>
          <div className="panel">
            <RollRatesTable from={from} to={to} />
          </div>
        </section>
      )}
    </div>
  );
}

/** The contact log filtered to the attempts (or promises due) behind a count, over the whole period. */
function totalLogHref(extra: Record<string, string>, period: 'attempts' | 'due', from: string, to: string) {
  const q = new URLSearchParams(period === 'attempts' ? { from, to } : { promiseDueFrom: from, promiseDueTo: to });
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `${paths.contactLog.getHref()}?${q}`;
}

/** The period's headline figures; each count-based one opens the contact log like the table's counts do. */
function Headline({ totals, from, to }: { totals: KpiGroup; from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kept = totals.kept > 0 ? totalLogHref({ promiseStatus: 'kept' }, 'due', from, to) : null;
  const cards: { label: string; value: ReactNode; help: string; href: string | null; count: number }[] = [
    {
      label: t('kpi.col.keptRateByCount'),
      value: percent(totals.keptRateByCount),
      help: t('kpi.help.keptRateByCount'),
      href: totals.keptRateByCount === null ? null : kept,
      count: totals.kept,
    },
    {
      label: t('kpi.col.keptRateByAmount'),
      value: totals.keptRateByAmount.length
        ? totals.keptRateByAmount.map((r) => `${percent(r.rate)} ${r.currency}`).join(' · ')
        : '—',
      help: t('kpi.help.keptRateByAmount'),
      href: totals.keptRateByAmount.length ? kept : null,
      count: totals.kept,
    },
    {
      label: t('kpi.col.collected'),
      value: totals.collected.length
        ? totals.collected.map((m) => fmt.money(m.amountMinor, m.currency)).join(' · ')
        : '—',
      help: t('kpi.help.collected'),
      // Payments are not contact attempts: the log has nothing to filter them by.
      href: null,
      count: 0,
    },
    {
      label: t('kpi.col.promisesMade'),
      value: fmt.number(totals.promisesMade),
      help: t('kpi.help.promisesMade'),
      href: totals.promisesMade > 0 ? totalLogHref({ hasPromise: 'true' }, 'attempts', from, to) : null,
      count: totals.promisesMade,
    },
  ];
  return (
    <div className="cards kpi-cards" aria-label={t('kpi.headline', { from, to })}>
      {cards.map((c) => (
        <div key={c.label} className="card figure">
          <span className="muted small">
            {c.label} <Help text={c.help} />
          </span>
          <strong className="big">
            {c.href ? (
              <Link to={c.href} aria-label={t('kpi.openLog', { what: c.label, group: t('kpi.total'), count: c.count })}>
                {c.value}
              </Link>
            ) : (
              c.value
            )}
          </strong>
        </div>
      ))}
    </div>
  );
}

/** A definition, for the pointer (title) and for screen readers (the button's name). */
function Help({ text }: { text: string }) {
  return (
    <span className="help" title={text} role="img" aria-label={text}>
      ?
    </span>
  );
}

/** A chart of the trend's groups in its panel, named by its heading. */
function ChartPanel({
  title,
  query,
  chart: Chart,
}: {
  title: string;
  query: QueryLike<KpiResponse>;
  chart: (props: { groups: KpiGroup[] }) => ReactNode;
}) {
  const id = useId();
  return (
    <section className="panel chart-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <QueryState query={query} retry={false}>
        {(data) => <Chart groups={data.groups} />}
      </QueryState>
    </section>
  );
}

/** The trend's stacked bars: promise outcomes, each in its status's colour. */
const OUTCOME_BARS = [
  ['kept', 'kept', '#2e7d4f'],
  ['partlyKept', 'partly_kept', '#d9a21b'],
  ['broken', 'broken', '#b3261e'],
] as const;

function TrendChart({ groups }: { groups: KpiGroup[] }) {
  const { t } = useTranslation();
  const data = groups.map((g) => ({
    label: g.key ?? '',
    kept: g.kept,
    partlyKept: g.partlyKept,
    broken: g.broken,
    rate: g.keptRateByCount === null ? null : Math.round(g.keptRateByCount * 100),
  }));
  if (!data.some((d) => d.kept + d.partlyKept + d.broken > 0)) return <EmptyState>{t('kpi.noOutcomes')}</EmptyState>;
  return (
    <>
      <div className="chart" role="img" aria-label={t('kpi.chartLabel')}>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e9f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {OUTCOME_BARS.map(([key, status, fill]) => (
              <Bar
                key={key}
                yAxisId="count"
                dataKey={key}
                name={t(`promiseStatus.${status}`)}
                stackId="o"
                isAnimationActive={false}
                fill={fill}
              />
            ))}
            <Line
              yAxisId="rate"
              type="monotone"
              dataKey="rate"
              name={t('kpi.col.keptRateByCount')}
              stroke="#1f5fbf"
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-data">
        <summary>{t('kpi.asTable')}</summary>
        <DataTable
          wrap={null}
          rows={data}
          rowKey={(d) => d.label}
          columns={[
            { key: 'period', header: t('kpi.period'), cell: (d) => d.label },
            { key: 'kept', header: t('promiseStatus.kept'), numeric: true, cell: (d) => d.kept },
            { key: 'partlyKept', header: t('promiseStatus.partly_kept'), numeric: true, cell: (d) => d.partlyKept },
            { key: 'broken', header: t('promiseStatus.broken'), numeric: true, cell: (d) => d.broken },
            {
              key: 'rate',
              header: t('kpi.col.keptRateByCount'),
              numeric: true,
              cell: (d) => (d.rate === null ? '—' : `${d.rate}%`),
            },
          ]}
        />
      </details>
    </>
  );
}

/** Money collected per period, one small chart per currency (amounts are never added across currencies). */
function CollectedChart({ groups }: { groups: KpiGroup[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const currencies = [...new Set(groups.flatMap((g) => g.collected.map((c) => c.currency)))].sort();
  if (!currencies.length) return <EmptyState>{t('kpi.noCollections')}</EmptyState>;
  return (
    <div className="collected-charts">
      {currencies.map((currency) => {
        const unit = 10 ** currencyExponent(currency);
        const collected = (g: KpiGroup) => BigInt(g.collected.find((c) => c.currency === currency)?.amountMinor ?? 0);
        // The chart plots approximate major units; the total shown is exact.
        const data = groups.map((g) => ({ label: g.key ?? '', amount: Number(collected(g)) / unit }));
        const total = groups.reduce((n, g) => n + collected(g), 0n).toString();
        return (
          <figure key={currency} className="collected-chart">
            <figcaption>
              <strong>{currency}</strong> · {t('kpi.totalCollected', { amount: fmt.money(total, currency) })}
            </figcaption>
            <div role="img" aria-label={t('kpi.collectedLabel', { currency, amount: fmt.money(total, currency) })}>
              <ResponsiveContainer width="100%" height={160}>
                <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e5e9f0" />
                  <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                  <YAxis tick={{ fontSize: 11 }} width={70} />
                  <Tooltip formatter={(v) => fmt.money(Math.round(Number(v) * unit), currency)} />
                  <Bar dataKey="amount" name={t('kpi.col.collected')} fill="#1f5fbf" isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </figure>
        );
      })}
    </div>
  );
}

function KpiTable({
  groups,
  totals,
  groupBy,
  from,
  to,
}: {
  groups: KpiGroup[];
  totals: KpiGroup;
  groupBy: KpiGroupBy;
  from: string;
  to: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = [...groups].sort(
    (a, b) => (b.keptRateByCount ?? -1) - (a.keptRateByCount ?? -1) || b.attempts - a.attempts,
  );
  const logLink = (g: KpiGroup, extra: Record<string, string>, period: 'attempts' | 'due') => {
    const filter = FILTER_FOR[groupBy];
    if (g.key === null && filter) return null;
    const q = new URLSearchParams(period === 'attempts' ? { from, to } : { promiseDueFrom: from, promiseDueTo: to });
    if (filter && g.key) q.set(filter, g.key);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${paths.contactLog.getHref()}?${q}`;
  };
  const count = (g: KpiGroup, n: number, extra: Record<string, string>, period: 'attempts' | 'due', label: string) => {
    const href = logLink(g, extra, period);
    return href && n > 0 ? (
      <Link to={href} aria-label={t('kpi.openLog', { what: label, group: g.label, count: n })}>
        {fmt.number(n)}
      </Link>
    ) : (
      fmt.number(n)
    );
  };
  const money = (list: KpiGroup['collected']) =>
    list.length ? list.map((m) => <div key={m.currency}>{fmt.money(m.amountMinor, m.currency)}</div>) : '—';
  const header = (key: string) => (
    <>
      {t(`kpi.col.${key}`)} <Help text={t(`kpi.help.${key}`)} />
    </>
  );
  const groupName = (g: KpiGroup) =>
    groupBy === 'stage' && g.key
      ? t(`stages.${g.key}`)
      : g.key === null
        ? t(`kpi.noKey.${groupBy}`, { defaultValue: t('kpi.unattributed') })
        : g.label;
  // Sortable by the name and by each figure (all the groups are on screen); it opens best kept rate first.
  const columns: Column<KpiGroup>[] = [
    { key: 'group', header: t(`kpi.group.${groupBy}`), rowHeader: true, cell: groupName, sortValue: groupName },
    // Each count opens the contact log filtered to the attempts (or promises due) behind it.
    ...COUNTS.map(([key, extra, period]) => ({
      key,
      header: header(key),
      numeric: true,
      cell: (g: KpiGroup) => count(g, g[key], extra, period, t(`kpi.col.${key}`)),
      sortValue: (g: KpiGroup) => g[key],
    })),
    {
      key: 'keptRateByCount',
      header: header('keptRateByCount'),
      numeric: true,
      sortValue: (g) => g.keptRateByCount,
      cell: (g) => {
        const href = logLink(g, { promiseStatus: 'kept' }, 'due');
        return href && g.keptRateByCount !== null ? (
          <Link
            to={href}
            aria-label={t('kpi.openLog', { what: t('kpi.col.keptRateByCount'), group: g.label, count: g.kept })}
          >
            <strong>{percent(g.keptRateByCount)}</strong>
          </Link>
        ) : (
          percent(g.keptRateByCount)
        );
      },
    },
    {
      key: 'keptRateByAmount',
      header: header('keptRateByAmount'),
      numeric: true,
      cell: (g) =>
        g.keptRateByAmount.length
          ? g.keptRateByAmount.map((r) => (
              <div key={r.currency}>
                {percent(r.rate)} {r.currency}
              </div>
            ))
          : '—',
    },
    { key: 'collected', header: header('collected'), numeric: true, cell: (g) => money(g.collected) },
  ];
  // Totals: the counts summed, the rates over the whole period (not linked).
  const total = (c: Column<KpiGroup>): ReactNode =>
    c.key === 'group'
      ? t('kpi.total')
      : c.key === 'keptRateByCount'
        ? percent(totals.keptRateByCount)
        : c.key === 'keptRateByAmount' || c.key === 'collected'
          ? c.cell(totals)
          : fmt.number(totals[c.key as CountKey]);
  return (
    <DataTable
      className="kpi-table"
      caption={t(`kpi.by.${groupBy}`)}
      rows={sorted}
      rowKey={(g) => g.key ?? 'none'}
      columns={columns}
      footer={total}
    />
  );
}
