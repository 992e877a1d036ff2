import type { SessionUser } from '@crm/contracts';
import { Prisma, type Db } from '@crm/db';
import { lockCollectorLease, type Tx } from '../../lib/transaction.js';
import { collectorPoolSql, collectorScopeWhere } from '../accounts/account-scope.repository.js';

const DAY = 86_400_000;

export type QueueRepository = ReturnType<typeof createQueueRepository>;

export function createQueueRepository(
  db: Pick<
    Db,
    'account' | 'paymentPromise' | 'contactAttempt' | 'user' | 'callback' | '$queryRaw' | '$transaction' | '$executeRaw'
  >,
) {
  return {
    /** Promises that can move an account up or park it (ADR 035): pending ones and those broken in the last days. */
    promisesFor(accountIds: string[], now: Date) {
      return db.paymentPromise.findMany({
        where: {
          accountId: { in: accountIds },
          OR: [
            { status: 'pending' },
            { status: 'broken', statusChangedAt: { gte: new Date(now.getTime() - 3 * DAY) } },
          ],
        },
        select: {
          accountId: true,
          amountMinor: true,
          currency: true,
          dueDate: true,
          status: true,
          statusChangedAt: true,
          createdAt: true,
        },
      });
    },

    /** Last attempt per account and recent conversations (for the customer's best hours). */
    async contactStats(accountIds: string[], now: Date) {
      if (accountIds.length === 0) return [];
      return db.$queryRaw<{ account_id: string; last_at: Date | null; reached_at: Date[] | null }[]>(Prisma.sql`
        SELECT account_id,
               max(started_at) AS last_at,
               array_agg(started_at) FILTER (WHERE party_reached = 'debtor' AND started_at > ${new Date(now.getTime() - 120 * DAY)}) AS reached_at
        FROM contact_attempts
        WHERE account_id = ANY(${accountIds}::uuid[])
        GROUP BY account_id`);
    },

    /** The collector's reservation (at most one: taking or extending one ends the others), expired or not. */
    async reservationOf(collectorId: string): Promise<{ accountId: string; expiresAt: Date } | null> {
      const row = await db.account.findFirst({
        where: { leasedById: collectorId, leaseExpiresAt: { not: null } },
        orderBy: { leaseExpiresAt: 'desc' },
        select: { id: true, leaseExpiresAt: true },
      });
      return row ? { accountId: row.id, expiresAt: row.leaseExpiresAt! } : null;
    },

    /**
     * Who holds the account's reservation now, and until when: null when nobody does (or it lapsed),
     * or when the account is not in the collector's pool (nothing is revealed about it).
     */
    async holderOf(collectorId: string, accountId: string, now: Date) {
      const rows = await db.$queryRaw<{ leased_by_id: string; lease_expires_at: Date }[]>(Prisma.sql`
        SELECT a.leased_by_id, a.lease_expires_at FROM accounts a
        WHERE a.id = ${accountId}::uuid AND ${collectorPoolSql(collectorId)}
          AND a.leased_by_id IS NOT NULL AND a.lease_expires_at > ${now}`);
      const row = rows[0];
      return row ? { collectorId: row.leased_by_id, until: row.lease_expires_at } : null;
    },

    /**
     * Extends (or takes again) the collector's reservation of the account to `now + leaseMs`, in one
     * conditional statement: only when the account is open, in the collector's pool, and held by
     * them or by nobody right now (a lapsed reservation nobody took). Two collectors extending at
     * once: the row lock orders them and the second finds it held. Their other reservations end.
     */
    async extend(tx: Tx, collectorId: string, accountId: string, now: Date, leaseMs: number): Promise<Date | null> {
      const expires = new Date(now.getTime() + leaseMs);
      await lockCollectorLease(tx, collectorId); // after a "next" of theirs, never beside it
      const rows = await tx.$queryRaw<{ lease_expires_at: Date }[]>(Prisma.sql`
        UPDATE accounts a SET leased_by_id = ${collectorId}::uuid, lease_expires_at = ${expires}
        WHERE a.id = ${accountId}::uuid
          AND a.status = 'open'
          AND ${collectorPoolSql(collectorId)}
          AND (a.leased_by_id = ${collectorId}::uuid OR a.leased_by_id IS NULL OR a.lease_expires_at < ${now})
        RETURNING a.lease_expires_at`);
      if (!rows[0]) return null;
      await tx.$executeRaw`UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE leased_by_id = ${collectorId}::uuid AND id <> ${accountId}::uuid`;
      return rows[0].lease_expires_at;
    },

    /**
     * Ends the collector's reservation of the account (expired or not) and stores why, hiding the
     * account from their queue until `hiddenUntil`. False (nothing written) when they hold none.
     */
    async release(
      tx: Tx,
      r: {
        collectorId: string;
        accountId: string;
        kind: string;
        reason: string;
        note: string | null;
        at: Date;
        hiddenUntil: Date;
      },
    ): Promise<boolean> {
      const n =
        await tx.$executeRaw`UPDATE accounts SET leased_by_id = NULL, lease_expires_at = NULL WHERE id = ${r.accountId}::uuid AND leased_by_id = ${r.collectorId}::uuid`;
      if (n === 0) return false;
      await tx.reservationRelease.create({
        data: {
          accountId: r.accountId,
          collectorId: r.collectorId,
          kind: r.kind,
          reason: r.reason,
          note: r.note,
          releasedAt: r.at,
          hiddenUntil: r.hiddenUntil,
        },
      });
      return true;
    },

    /** The collector's pending callbacks due in [from, to), soonest first, with the account and customer. */
    callbacksDue(collectorId: string, from: Date, to: Date) {
      return db.callback.findMany({
        where: { collectorId, status: 'pending', dueAt: { gte: from, lt: to } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          accountId: true,
          dueAt: true,
          account: { select: { externalId: true, debtor: { select: { fullName: true, timeZone: true } } } },
        },
      });
    },

    /** The collector `id` when `viewer` may see their work (see collectorScopeWhere), else null. */
    findVisibleCollector(viewer: SessionUser, id: string) {
      return db.user.findFirst({ where: { AND: [{ id }, collectorScopeWhere(viewer)] }, select: { id: true } });
    },
  };
}
