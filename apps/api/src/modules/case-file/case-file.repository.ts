import type { Db } from '@crm/db';

export type CaseFileRepository = ReturnType<typeof createCaseFileRepository>;

/**
 * The whole case file in a fixed number of queries (the account, then its related records in
 * parallel), however long the history: no query per history entry.
 */
export function createCaseFileRepository(
  db: Pick<
    Db,
    | 'account'
    | 'contactPoint'
    | 'thirdParty'
    | 'stopFlag'
    | 'contactAttempt'
    | 'paymentPromise'
    | 'payment'
    | 'paymentPlan'
    | 'callback'
    | 'verificationTask'
    | 'outboxMessage'
  >,
) {
  return {
    async load(accountId: string) {
      const account = await db.account.findUnique({
        where: { id: accountId },
        include: {
          debtor: true,
          creditor: { select: { name: true } },
          assignedCollector: { select: { id: true, displayName: true } },
          leasedBy: { select: { id: true, displayName: true } },
        },
      });
      if (!account) return null;
      const [
        contactPoints,
        thirdParties,
        otherAccounts,
        stopFlags,
        attempts,
        promises,
        payments,
        plans,
        callback,
        claims,
        reminders,
      ] = await Promise.all([
        db.contactPoint.findMany({
          where: { debtorId: account.debtorId },
          orderBy: [{ kind: 'asc' }, { type: 'asc' }],
        }),
        db.thirdParty.findMany({
          where: { debtorId: account.debtorId },
          select: { id: true, relationship: true, source: true, doNotContact: true },
        }),
        db.account.findMany({
          where: { debtorId: account.debtorId, id: { not: account.id } },
          include: { creditor: { select: { name: true } } },
          orderBy: { externalId: 'asc' },
        }),
        db.stopFlag.findMany({
          where: { debtorId: account.debtorId, clearedAt: null, OR: [{ accountId: null }, { accountId: account.id }] },
          orderBy: { setAt: 'desc' },
        }),
        db.contactAttempt.findMany({
          where: { accountId },
          orderBy: { startedAt: 'desc' },
          include: { collector: { select: { displayName: true } }, contactPoint: { select: { value: true } } },
        }),
        db.paymentPromise.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } }),
        db.payment.findMany({ where: { accountId }, orderBy: { paidAt: 'desc' } }),
        db.paymentPlan.findMany({
          where: { accountId },
          include: { promises: { select: { amountMinor: true, currency: true } } },
          orderBy: { createdAt: 'desc' },
        }),
        db.callback.findFirst({ where: { accountId, status: 'pending' }, orderBy: { dueAt: 'asc' } }),
        db.verificationTask.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } }),
        db.outboxMessage.findMany({ where: { accountId }, orderBy: { sendAfter: 'desc' } }),
      ]);
      return {
        account,
        contactPoints,
        thirdParties,
        otherAccounts,
        stopFlags,
        attempts,
        promises,
        payments,
        plans,
        callback,
        claims,
        reminders,
      };
    },
  };
}
