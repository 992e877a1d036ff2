import { Prisma, type Db, type PlanStatus, type PromiseChangeCause, type PromiseStatus } from '@crm/db';
import { lockAccounts, type Tx } from '../../lib/transaction.js';

export type { Tx };
/** The stored statuses, as the service writes them back. */
export type { PlanStatus, PromiseStatus };

export type PromisesRepository = ReturnType<typeof createPromisesRepository>;

export function createPromisesRepository(db: Pick<Db, '$queryRaw'>) {
  return {
    /**
     * Everything evaluation needs for a set of accounts, read inside the caller's transaction.
     * The account rows are locked first, in id order: payments for one account are evaluated one
     * at a time, and two batches that share accounts wait for each other instead of deadlocking.
     */
    async loadForEvaluation(tx: Tx, accountIds: string[]) {
      await lockAccounts(tx, accountIds);
      const [accounts, promises, payments, plans] = await Promise.all([
        tx.account.findMany({
          where: { id: { in: accountIds } },
          select: { id: true, debtor: { select: { timeZone: true } } },
        }),
        tx.paymentPromise.findMany({ where: { accountId: { in: accountIds } } }),
        tx.payment.findMany({
          where: { accountId: { in: accountIds } },
          select: { id: true, accountId: true, amountMinor: true, paidAt: true, reversalOfId: true },
        }),
        tx.paymentPlan.findMany({
          where: { accountId: { in: accountIds } },
          select: { id: true, accountId: true, status: true },
        }),
      ]);
      return { accounts, promises, payments, plans };
    },

    /**
     * Writes the outcome of an evaluation in a few set-based statements: promises whose status
     * or paid amount moved, one history row per status change, plans whose status moved.
     */
    async applyEvaluation(
      tx: Tx,
      now: Date,
      promises: { id: string; status: string; paidMinor: number; statusChanged: boolean }[],
      changes: {
        promiseId: string;
        fromStatus: PromiseStatus;
        toStatus: PromiseStatus;
        paidMinor: number;
        cause: PromiseChangeCause;
        paymentId: string | null;
      }[],
      plans: { id: string; status: PlanStatus }[],
    ) {
      if (promises.length) {
        await tx.$executeRaw(Prisma.sql`
          UPDATE promises p
          SET status = u.status::"PromiseStatus", paid_minor = u.paid_minor,
              status_changed_at = CASE WHEN u.status_changed THEN ${now}::timestamptz ELSE p.status_changed_at END
          FROM unnest(${promises.map((x) => x.id)}::uuid[], ${promises.map((x) => x.status)}::text[],
                      ${promises.map((x) => String(x.paidMinor))}::bigint[], ${promises.map((x) => x.statusChanged)}::boolean[])
               AS u(id, status, paid_minor, status_changed)
          WHERE p.id = u.id`);
      }
      if (changes.length) {
        await tx.promiseStatusChange.createMany({
          data: changes.map((c) => ({ ...c, paidMinor: BigInt(c.paidMinor), at: now })),
        });
      }
      for (const status of new Set(plans.map((p) => p.status))) {
        await tx.paymentPlan.updateMany({
          where: { id: { in: plans.filter((p) => p.status === status).map((p) => p.id) } },
          data: { status },
        });
      }
    },

    /**
     * Accounts with pending promises whose grace period has ended in every time zone: the last
     * grace day is over everywhere once the UTC date is two days past it.
     */
    async accountsToSweep(todayUtc: string, graceDays: number, limit: number): Promise<string[]> {
      const rows = await db.$queryRaw<{ account_id: string }[]>(Prisma.sql`
        SELECT account_id FROM promises
        WHERE status = 'pending' AND due_date + ${graceDays}::int + 1 < ${todayUtc}::date
        GROUP BY account_id ORDER BY min(due_date)
        LIMIT ${limit}`);
      return rows.map((r) => r.account_id);
    },
  };
}
