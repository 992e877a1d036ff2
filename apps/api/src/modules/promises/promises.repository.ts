import { Prisma, type Db, type PlanStatus, type PromiseChangeCause, type PromiseStatus, type Stage } from '@crm/db';
import { lockAccounts, type Tx } from '../../lib/transaction.js';

export type { Tx };
/** The stored statuses, as the service writes them back. */
export type { PlanStatus, PromiseStatus };

export type PromisesRepository = ReturnType<typeof createPromisesRepository>;

/**
 * A new promise recorded on an account supersedes its pending single promise (ADR 027): never
 * two pending. Called inside the recording's transaction, under the account's lock; writes the
 * status, the link to the new promise and one history row each (who, why). Plan instalments are
 * left alone (a plan is changed as a whole). Returns the ids superseded.
 */
export async function supersedePending(
  tx: Tx,
  change: { accountId: string; newPromiseId: string; actorId: string; reason: string; at: Date },
): Promise<string[]> {
  const old = await tx.paymentPromise.findMany({
    where: { accountId: change.accountId, status: 'pending', planId: null, id: { not: change.newPromiseId } },
    select: { id: true, paidMinor: true },
  });
  if (old.length === 0) return [];
  await tx.paymentPromise.updateMany({
    where: { id: { in: old.map((p) => p.id) } },
    data: { status: 'superseded', supersededById: change.newPromiseId, statusChangedAt: change.at },
  });
  await tx.promiseStatusChange.createMany({
    data: old.map((p) => ({
      promiseId: p.id,
      fromStatus: 'pending' as const,
      toStatus: 'superseded' as const,
      paidMinor: p.paidMinor,
      cause: 'superseded' as const,
      actorId: change.actorId,
      reason: change.reason,
      at: change.at,
    })),
  });
  return old.map((p) => p.id);
}

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

    /** The promise under its account's lock (amend and cancel are decided one at a time per account). */
    async lockedPromise(tx: Tx, accountId: string, promiseId: string) {
      await lockAccounts(tx, [accountId]);
      return tx.paymentPromise.findFirst({ where: { id: promiseId, accountId } });
    },

    /** Facts the new terms are checked against: balance, the customer's zone. */
    accountTerms(tx: Tx, accountId: string) {
      return tx.account.findUniqueOrThrow({
        where: { id: accountId },
        select: { balanceMinor: true, debtor: { select: { timeZone: true } } },
      });
    },

    /** Cancels a pending promise by hand: status, one history row with who and why. */
    async cancel(tx: Tx, promise: { id: string; paidMinor: bigint }, actorId: string, reason: string, at: Date) {
      await tx.paymentPromise.update({
        where: { id: promise.id },
        data: { status: 'cancelled', statusChangedAt: at },
      });
      await tx.promiseStatusChange.create({
        data: {
          promiseId: promise.id,
          fromStatus: 'pending',
          toStatus: 'cancelled',
          paidMinor: promise.paidMinor,
          cause: 'cancelled',
          actorId,
          reason,
          at,
        },
      });
    },

    /**
     * Amends a pending promise: a new pending promise with the new terms (same attempt, plan,
     * stage and script, so reports keep their dimensions) supersedes it. The old terms stay as
     * they were: history is never rewritten.
     */
    async amend(
      tx: Tx,
      old: {
        id: string;
        accountId: string;
        contactAttemptId: string | null;
        planId: string | null;
        sequence: number | null;
        currency: string;
        stage: Stage | null;
        scriptVersionId: string | null;
        paidMinor: bigint;
      },
      terms: { amountMinor: number; dueDate: string; channel: string },
      actorId: string,
      reason: string,
      at: Date,
    ) {
      const created = await tx.paymentPromise.create({
        data: {
          accountId: old.accountId,
          contactAttemptId: old.contactAttemptId,
          planId: old.planId,
          sequence: old.sequence,
          amountMinor: BigInt(terms.amountMinor),
          currency: old.currency,
          dueDate: new Date(`${terms.dueDate}T00:00:00Z`),
          channel: terms.channel,
          createdById: actorId,
          stage: old.stage ?? null,
          scriptVersionId: old.scriptVersionId,
          createdAt: at,
          statusChangedAt: at,
        },
      });
      await tx.paymentPromise.update({
        where: { id: old.id },
        data: { status: 'superseded', supersededById: created.id, statusChangedAt: at },
      });
      await tx.promiseStatusChange.create({
        data: {
          promiseId: old.id,
          fromStatus: 'pending',
          toStatus: 'superseded',
          paidMinor: old.paidMinor,
          cause: 'amended',
          actorId,
          reason,
          at,
        },
      });
      return created;
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
