import type { AssignmentBody } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import type { StageThresholds } from '@crm/domain';
import { dpdSql, stageSql } from '../stages/stage-sql.repository.js';
import type { Tx } from '../../lib/transaction.js';

export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;

/**
 * Bulk assignment in SQL: the selected open accounts are numbered (oldest unpaid first) and
 * dealt to the target collectors in turn, so a team gets equal shares (differing by one at most).
 */
export function createAssignmentRepository(db: Pick<Db, '$queryRaw' | 'user'>) {
  function dealSql(filter: AssignmentBody['filter'], collectorIds: string[], thresholds: StageThresholds, now: Date) {
    return Prisma.sql`
      WITH selected AS (
        SELECT a.id, row_number() OVER (ORDER BY a.oldest_unpaid_due_date NULLS LAST, a.id) - 1 AS n
        FROM accounts a JOIN debtors d ON d.id = a.debtor_id
        LEFT JOIN users cu ON cu.id = a.assigned_collector_id
        WHERE a.status = 'open'
          ${filter.stage ? Prisma.sql`AND (${stageSql(dpdSql(now), thresholds)}) = ${filter.stage}` : Prisma.empty}
          ${filter.creditorId ? Prisma.sql`AND a.creditor_id = ${filter.creditorId}::uuid` : Prisma.empty}
          ${filter.fromTeamId ? Prisma.sql`AND cu.team_id = ${filter.fromTeamId}::uuid` : Prisma.empty}
          ${filter.unassignedOnly ? Prisma.sql`AND a.assigned_collector_id IS NULL` : Prisma.empty}
      ), targets AS (
        SELECT id AS collector_id, row_number() OVER (ORDER BY id) - 1 AS k FROM unnest(${collectorIds}::uuid[]) AS id
      )
      SELECT s.id AS account_id, t.collector_id FROM selected s JOIN targets t ON t.k = s.n % ${collectorIds.length}`;
  }
  return {
    /** The active collectors an assignment goes to (one, or a team's). */
    targets: (to: AssignmentBody['to']) =>
      db.user.findMany({
        where: {
          active: true,
          role: 'collector',
          ...('collectorId' in to ? { id: to.collectorId } : { teamId: to.teamId }),
        },
        orderBy: { id: 'asc' },
        select: { id: true, displayName: true },
      }),
    preview: (filter: AssignmentBody['filter'], collectorIds: string[], thresholds: StageThresholds, now: Date) =>
      db.$queryRaw<{ collector_id: string; accounts: bigint }[]>(Prisma.sql`
        SELECT collector_id, count(*) AS accounts FROM (${dealSql(filter, collectorIds, thresholds, now)}) deal GROUP BY collector_id`),
    /** Deals and moves the accounts in one transaction, locking them first in id order like every writer of many accounts (ADR 009). */
    async commit(
      tx: Tx,
      filter: AssignmentBody['filter'],
      collectorIds: string[],
      thresholds: StageThresholds,
      now: Date,
    ) {
      const deal = await tx.$queryRaw<{ account_id: string; collector_id: string }[]>(Prisma.sql`
          SELECT deal.account_id, deal.collector_id FROM (${dealSql(filter, collectorIds, thresholds, now)}) deal
          JOIN accounts a ON a.id = deal.account_id ORDER BY a.id FOR NO KEY UPDATE OF a`);
      if (deal.length === 0) return [];
      return tx.$queryRaw<{ collector_id: string; accounts: bigint }[]>(Prisma.sql`
          WITH moved AS (
            -- A lease held by anyone but the new collector ends with the reassignment.
            UPDATE accounts a SET assigned_collector_id = u.collector_id, updated_at = ${now},
                   leased_by_id = CASE WHEN a.leased_by_id = u.collector_id THEN a.leased_by_id END,
                   lease_expires_at = CASE WHEN a.leased_by_id = u.collector_id THEN a.lease_expires_at END
            FROM unnest(${deal.map((d) => d.account_id)}::uuid[], ${deal.map((d) => d.collector_id)}::uuid[]) AS u(account_id, collector_id)
            WHERE a.id = u.account_id RETURNING u.collector_id)
          SELECT collector_id, count(*) AS accounts FROM moved GROUP BY collector_id`);
    },
  };
}
