import { Prisma } from '@crm/db';
import type { StageThresholds } from '@crm/domain';

/**
 * Days past due of an `accounts` row `a` joined to its `debtors` row `d`, counted in the
 * customer's own calendar at `now` (as packages/domain `daysPastDue` does).
 */
export const dpdSql = (now: Date) =>
  Prisma.sql`GREATEST(0, COALESCE((${now}::timestamptz AT TIME ZONE d.time_zone)::date - a.oldest_unpaid_due_date, 0))`;

/** The stage for a days-past-due expression (packages/domain `stageFor`), as text. */
export const stageSql = (
  dpd: Prisma.Sql,
  t: StageThresholds,
) => Prisma.sql`CASE WHEN ${dpd} <= ${t.preDueMaxDpd} THEN 'pre_due'
  WHEN ${dpd} <= ${t.m1MaxDpd} THEN 'm1'
  WHEN ${dpd} <= ${t.m2MaxDpd} THEN 'm2'
  WHEN ${dpd} <= ${t.m3MaxDpd} THEN 'm3'
  ELSE 'm4_plus' END`;
