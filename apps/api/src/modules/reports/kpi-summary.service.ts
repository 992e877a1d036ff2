import { addDaysIso, isValidTimeZone, startOfLocalDay } from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import type { KpiSummaryRepository } from './kpi-summary.repository.js';

export interface KpiSummaryServiceDeps {
  summary: KpiSummaryRepository;
  clock: Pick<Clock, 'now'>;
}

/** Days recomputed per run of the refresh job (a bulk change of many days is caught up over runs). */
const DAYS_PER_RUN = 31;

export type KpiSummaryService = ReturnType<typeof createKpiSummaryService>;

/**
 * Keeps the KPI report's daily summary (ADR 045). Every change to the facts marks its days (a
 * trigger); `refresh` (job `kpis.refresh`, every minute) recomputes the marked days exactly;
 * `recheck` (job `kpis.recheck`) recomputes the days around today whatever the marks say; `rebuild`
 * (`pnpm kpi:rebuild`) recomputes a span of days, then their months' roll-ups (ADR 051). A day is recomputed for every zone a user works in
 * (plus UTC, the fallback zone); the report reads any other zone, or a marked day, live.
 */
export function createKpiSummaryService({ summary, clock }: KpiSummaryServiceDeps) {
  async function zones(): Promise<string[]> {
    return [...new Set(['UTC', ...(await summary.zones()).filter(isValidTimeZone)])].sort();
  }
  async function refreshDays(days: string[]): Promise<number> {
    const zs = await zones();
    for (const day of days)
      await summary.refreshDay(
        day,
        zs.map((zone) => ({
          zone,
          from: day,
          to: day,
          start: startOfLocalDay(day, zone),
          end: startOfLocalDay(addDaysIso(day, 1), zone),
        })),
      );
    return days.length;
  }
  const utcToday = () => clock.now().toISOString().slice(0, 10);
  return {
    /** Recomputes the days changed since their summary was made (the oldest first). */
    async refresh(): Promise<{ days: number }> {
      return { days: await refreshDays(await summary.dirtyDays(DAYS_PER_RUN)) };
    },
    /** The safety net: yesterday, today and tomorrow (UTC dates: every zone's today is among them). */
    async recheck(): Promise<{ days: number }> {
      const today = utcToday();
      return { days: await refreshDays([addDaysIso(today, -1), today, addDaysIso(today, 1)]) };
    },
    /** Recomputes every day of [from, to] (default: every day any fact falls on). */
    async rebuild(span: { from?: string; to?: string } = {}): Promise<{ from: string; to: string; days: number }> {
      const known = await summary.factSpan();
      const from = span.from ?? known.first ?? utcToday();
      const to = span.to ?? known.last ?? utcToday();
      const days: string[] = [];
      for (let d = from; d <= to; d = addDaysIso(d, 1)) days.push(d);
      const n = await refreshDays(days);
      // The months touched, recomputed from their days (ADR 051): a rebuild is exact whatever the roll-up held.
      for (const month of new Set(days.map((d) => `${d.slice(0, 7)}-01`))) await summary.refreshMonth(month);
      return { from, to, days: n };
    },
  };
}
