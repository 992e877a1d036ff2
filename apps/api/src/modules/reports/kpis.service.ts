import type { KpiGroup, KpiQuery, KpiResponse, SessionUser } from '@crm/contracts';
import { addDaysIso, isValidTimeZone, startOfLocalDay } from '@crm/domain';
import { BadRequestError } from '../../lib/errors.js';
import { COUNT_KEYS, MONEY_KEYS, type KpiRow, type KpisRepository } from './kpis.repository.js';

export interface KpisServiceDeps {
  kpis: KpisRepository;
}

/** At most a year per request: the report is for comparing, not for exporting history. */
const MAX_DAYS = 366;

/** Rows of one group (one per currency) into the report's shape. Ratios are computed here from SQL sums. */
function toGroup(key: string | null, label: string, rows: KpiRow[]): KpiGroup {
  const count = (k: (typeof COUNT_KEYS)[number]) => rows.reduce((n, r) => n + Number(r[k]), 0);
  const money = (k: (typeof MONEY_KEYS)[number]) =>
    rows
      .filter((r) => r.currency !== null && BigInt(r[k]) !== 0n)
      .map((r) => ({ currency: r.currency!, amountMinor: BigInt(r[k]).toString() }));
  const kept = count('kept');
  const resolved = kept + count('partly') + count('broken');
  return {
    key,
    label,
    attempts: count('attempts'),
    contacts: count('contacts'),
    rightPartyContacts: count('rpc'),
    promisesMade: count('made'),
    promisesMadeAmount: money('made_amount'),
    promisesDue: count('due'),
    kept,
    partlyKept: count('partly'),
    broken: count('broken'),
    pendingDue: count('pending_due'),
    keptAmount: money('kept_amount'),
    partlyKeptAmount: money('partly_amount'),
    brokenAmount: money('broken_amount'),
    keptRateByCount: resolved ? kept / resolved : null,
    keptRateByAmount: rows
      .filter((r) => r.currency !== null && Number(r.resolved_amount) > 0)
      .map((r) => ({ currency: r.currency!, rate: Number(r.resolved_paid) / Number(r.resolved_amount) })),
    collected: money('collected'),
  };
}

/** Adds up rows of several groups per currency (for the totals line). */
function sumByCurrency(rows: KpiRow[]): KpiRow[] {
  const out = new Map<string | null, KpiRow>();
  for (const r of rows) {
    const t = out.get(r.currency);
    if (!t) {
      out.set(r.currency, { ...r, key: null });
      continue;
    }
    for (const k of COUNT_KEYS) t[k] = BigInt(t[k]) + BigInt(r[k]);
    for (const k of MONEY_KEYS) t[k] = (BigInt(t[k]) + BigInt(r[k])).toString();
  }
  return [...out.values()];
}

export type KpisService = ReturnType<typeof createKpisService>;

export function createKpisService({ kpis }: KpisServiceDeps) {
  return {
    async report(user: SessionUser, q: KpiQuery): Promise<KpiResponse> {
      const timeZone = isValidTimeZone(user.timeZone) ? user.timeZone : 'UTC';
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
      if (days > MAX_DAYS)
        throw new BadRequestError(`A report covers at most ${MAX_DAYS} days.`, [
          { field: 'to', message: `must be at most ${MAX_DAYS} days after from` },
        ]);
      const window = {
        from: q.from,
        to: q.to,
        start: startOfLocalDay(q.from, timeZone),
        end: startOfLocalDay(addDaysIso(q.to, 1), timeZone),
        timeZone,
      };
      const rows = await kpis.measures(user, window, q.groupBy, { collectorId: q.collectorId, teamId: q.teamId });
      const keys = [...new Set(rows.map((r) => r.key))];
      const labels = await kpis.labels(
        q.groupBy,
        keys.filter((k): k is string => k !== null),
      );
      return {
        from: q.from,
        to: q.to,
        timeZone,
        groupBy: q.groupBy,
        groups: keys.map((key) =>
          toGroup(
            key,
            key === null ? '—' : (labels.get(key) ?? key),
            rows.filter((r) => r.key === key),
          ),
        ),
        totals: toGroup(null, 'Total', sumByCurrency(rows)),
      };
    },
  };
}
